import { Button, Card, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/accounts';
import { answerInvitation, myInvitations, type Invitation } from '../../api/networks';
import { paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { useFormat } from '../../shared/i18n/use-format';
import { RequireLogin } from '../../shared/session/require-login';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';
import { InvitationStatusTag } from '../buyer/status-tags';
import { MyOrganisationInvitations } from './my-organisation-invitations';
import './account.css';

/**
 * `/konto/inbjudningar` (emails link here): invitations addressed to me into organisations, then
 * invitations of my organisations to buyer networks.
 */
export function InvitationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('invitations.pageTitle'));
  return <RequireLogin>{(user) => <Invitations user={user} />}</RequireLogin>;
}

function Invitations({ user }: { user: User }) {
  const { t } = useTranslation();
  const list = useApi(`my-invitations:${user.id}`, (signal) => myInvitations(signal));
  return (
    <div className="bt-container bt-page">
      <p className="bt-back">
        <AppLink to={paths.buyerHome}>{t('buyer.back')}</AppLink>
      </p>
      <PageHeading busy={list.status === 'loading'}>{t('invitations.pageTitle')}</PageHeading>
      <MyOrganisationInvitations user={user} />
      <Heading level={2} data-size="sm" className="bt-section">
        {t('invitations.title')}
      </Heading>
      <Paragraph>{t('invitations.lead')}</Paragraph>
      {list.status === 'error' && (
        <ApiErrorAlert error={list.error} onRetry={list.reload} headingLevel={false} />
      )}
      {list.status === 'success' &&
        (list.data.length === 0 ? (
          <div className="bt-empty">
            <Paragraph>{t('invitations.empty')}</Paragraph>
          </div>
        ) : (
          <ul className="bt-plain-list bt-stack bt-wide">
            {list.data.map((i) => (
              <li key={i.id}>
                <InvitationCard invitation={i} />
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}

function InvitationCard({ invitation }: { invitation: Invitation }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [current, setCurrent] = useState(invitation);
  const [busy, setBusy] = useState<'accept' | 'decline'>();
  const [error, setError] = useState<unknown>();
  const titleId = `invitation-${invitation.id}`;
  const answer = (choice: 'accept' | 'decline') => {
    if (busy) return;
    setBusy(choice);
    setError(undefined);
    answerInvitation(invitation.id, choice).then(
      (answered) => {
        setCurrent(answered);
        setBusy(undefined);
      },
      (e: unknown) => {
        setError(e);
        setBusy(undefined);
      },
    );
  };
  return (
    <Card data-color="neutral" aria-labelledby={titleId} className="bt-stack-card">
      <Heading level={3} data-size="xs" id={titleId}>
        {current.network.name}
      </Heading>
      <Paragraph data-size="sm">{current.network.subjectArea}</Paragraph>
      <Paragraph>
        {t('invitations.invites', {
          organisation: current.organisation.name,
          date: format.date(current.createdAt),
        })}
      </Paragraph>
      <InvitationStatusTag status={current.status} />
      {current.status === 'pending' && (
        <div className="bt-inline-actions">
          <Button
            data-size="sm"
            loading={busy === 'accept'}
            aria-describedby={titleId}
            onClick={() => answer('accept')}
          >
            {t('invitations.accept')}
          </Button>
          <Button
            variant="secondary"
            data-size="sm"
            loading={busy === 'decline'}
            aria-describedby={titleId}
            onClick={() => answer('decline')}
          >
            {t('invitations.decline')}
          </Button>
        </div>
      )}
      <div role="status" className="bt-form__status">
        {current.status === 'accepted' && current !== invitation && (
          <Paragraph>
            {t('invitations.accepted', {
              organisation: current.organisation.name,
              network: current.network.name,
            })}{' '}
            <AppLink to={paths.networkManage(current.network.id)}>{t('invitations.openNetwork')}</AppLink>
          </Paragraph>
        )}
        {current.status === 'declined' && current !== invitation && (
          <Paragraph>{t('invitations.declined')}</Paragraph>
        )}
      </div>
      {error !== undefined && <ApiErrorAlert error={error} headingLevel={false} />}
    </Card>
  );
}
