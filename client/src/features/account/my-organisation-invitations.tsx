import { Button, Card, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/accounts';
import {
  answerOrganisationInvitation,
  myOrganisationInvitations,
  type MyOrganisationInvitation,
} from '../../api/organisations';
import { paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { useFormat } from '../../shared/i18n/use-format';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';

/** Invitations into organisations addressed to me: nothing changes until I accept or decline. */
export function MyOrganisationInvitations({ user }: { user: User }) {
  const { t } = useTranslation();
  const list = useApi(`my-organisation-invitations:${user.id}`, (signal) =>
    myOrganisationInvitations(signal),
  );
  return (
    <section aria-labelledby="my-org-invitations" className="bt-section">
      <Heading level={2} data-size="sm" id="my-org-invitations">
        {t('orgInvitations.title')}
      </Heading>
      <Paragraph>{t('orgInvitations.lead')}</Paragraph>
      {list.status === 'error' && (
        <ApiErrorAlert error={list.error} onRetry={list.reload} headingLevel={false} />
      )}
      {list.status === 'success' &&
        (list.data.length === 0 ? (
          <div className="bt-empty">
            <Paragraph>{t('orgInvitations.empty')}</Paragraph>
          </div>
        ) : (
          <ul className="bt-plain-list bt-stack bt-wide">
            {list.data.map((i) => (
              <li key={i.id}>
                <OrganisationInvitationCard invitation={i} />
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

function OrganisationInvitationCard({ invitation }: { invitation: MyOrganisationInvitation }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [current, setCurrent] = useState(invitation);
  const [busy, setBusy] = useState<'accept' | 'decline'>();
  const [error, setError] = useState<unknown>();
  const titleId = `org-invitation-${invitation.id}`;
  const answer = (choice: 'accept' | 'decline') => {
    if (busy) return;
    setBusy(choice);
    setError(undefined);
    answerOrganisationInvitation(invitation.id, choice).then(
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
  const name = current.organisation.name;
  return (
    <Card data-color="neutral" aria-labelledby={titleId} className="bt-stack-card">
      <Heading level={3} data-size="xs" id={titleId}>
        {name}
      </Heading>
      <Paragraph>
        {t(current.role === 'owner' ? 'orgInvitations.asOwner' : 'orgInvitations.asMember', {
          organisation: name,
          date: format.date(current.expiresAt),
        })}
      </Paragraph>
      {current.organisation.status !== 'verified' && (
        <Paragraph data-size="sm">{t('orgInvitations.notVerified')}</Paragraph>
      )}
      {current.status === 'pending' && (
        <div className="bt-inline-actions">
          <Button
            data-size="sm"
            loading={busy === 'accept'}
            aria-describedby={titleId}
            onClick={() => answer('accept')}
          >
            {t('orgInvitations.accept')}
          </Button>
          <Button
            variant="secondary"
            data-size="sm"
            loading={busy === 'decline'}
            aria-describedby={titleId}
            onClick={() => answer('decline')}
          >
            {t('orgInvitations.decline')}
          </Button>
        </div>
      )}
      <div role="status" className="bt-form__status">
        {current.status === 'accepted' && (
          <Paragraph>
            {t('orgInvitations.accepted', { organisation: name })}{' '}
            <AppLink to={paths.organisation(current.organisation.id)}>{t('orgInvitations.open')}</AppLink>
          </Paragraph>
        )}
        {current.status === 'declined' && (
          <Paragraph>{t('orgInvitations.declined', { organisation: name })}</Paragraph>
        )}
      </div>
      {error !== undefined && <ApiErrorAlert error={error} headingLevel={false} />}
    </Card>
  );
}
