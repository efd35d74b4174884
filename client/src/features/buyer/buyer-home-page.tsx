import { Alert, Button, Card, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/accounts';
import { myInvitations, myNetworks, type NetworkSummary } from '../../api/networks';
import type { MyOrganisation } from '../../api/organisations';
import { paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { RequireLogin } from '../../shared/session/require-login';
import { actingBuyerIds, useMyOrganisations } from '../../shared/session/use-my-organisations';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { LoadingPage } from '../../shared/ui/loading-page';
import { PageHeading } from '../../shared/ui/page-heading';
import { OrganisationStatus } from '../suppliers/status-tags';
import { RegisterBuyerForm } from './register-buyer-form';
import { NetworkStatusTag } from './status-tags';
import './buyer.css';

/** `/bestallare`: the buyer's start – buyer organisations, networks, invitations, supplier search. */
export function BuyerHomePage() {
  const { t } = useTranslation();
  usePageTitle(t('buyer.title'));
  return <RequireLogin>{(user) => <BuyerHome user={user} />}</RequireLogin>;
}

function BuyerHome({ user }: { user: User }) {
  const { t } = useTranslation();
  const [refresh, setRefresh] = useState(0);
  const orgs = useMyOrganisations(user.id, refresh);
  if (orgs.status === 'loading') return <LoadingPage />;
  const buyers = orgs.status === 'success' ? orgs.data.filter((m) => m.organisation.kind === 'buyer') : [];
  const acting = orgs.status === 'success' ? actingBuyerIds(orgs.data) : new Set<string>();
  return (
    <div className="bt-container bt-page">
      <PageHeading>{t('buyer.title')}</PageHeading>
      <Paragraph className="bt-muted bt-lead">{t('buyer.lead')}</Paragraph>
      {!user.emailVerified && (
        <Alert data-color="warning">
          <Paragraph>{t('errors.codes.email_not_verified')}</Paragraph>
        </Alert>
      )}
      {orgs.status === 'error' && (
        <ApiErrorAlert error={orgs.error} onRetry={orgs.reload} headingLevel={false} />
      )}
      {orgs.status === 'success' && (
        <>
          <BuyerOrganisations organisations={buyers} onCreated={() => setRefresh((n) => n + 1)} />
          <Networks canCreate={acting.size > 0} hasBuyer={buyers.length > 0} />
          <Shortcuts userId={user.id} />
        </>
      )}
    </div>
  );
}

function BuyerOrganisations({
  organisations,
  onCreated,
}: {
  organisations: MyOrganisation[];
  onCreated: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="buyer-orgs" className="bt-section">
      <Heading level={2} data-size="sm" id="buyer-orgs">
        {t('buyer.orgsTitle')}
      </Heading>
      {organisations.length > 0 ? (
        <ul className="bt-plain-list bt-stack">
          {organisations.map(({ organisation, role }) => (
            <li key={organisation.id} className="bt-line-item">
              <AppLink to={paths.organisation(organisation.id)}>{organisation.name}</AppLink>
              <span className="bt-muted">
                {organisation.buyerType ? t(`buyerType.${organisation.buyerType}`) : ''} ·{' '}
                {t(`memberRole.${role as 'owner'}`)}
              </span>
              <OrganisationStatus status={organisation.status} />
              {organisation.rejectionReason && (
                <span>{t('supplier.reason', { reason: organisation.rejectionReason })}</span>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <Paragraph>{t('buyer.noOrg')}</Paragraph>
      )}
      {organisations.length > 0 ? (
        <details className="bt-disclosure">
          <summary>{t('buyer.registerAnother')}</summary>
          <RegisterBuyerForm onCreated={onCreated} />
        </details>
      ) : (
        <>
          <Heading level={3} data-size="xs">
            {t('buyer.registerTitle')}
          </Heading>
          <Paragraph>{t('buyer.registerLead')}</Paragraph>
          <RegisterBuyerForm onCreated={onCreated} />
        </>
      )}
    </section>
  );
}

function Networks({ canCreate, hasBuyer }: { canCreate: boolean; hasBuyer: boolean }) {
  const { t } = useTranslation();
  const networks = useApi('my-networks', (signal) => myNetworks(signal));
  return (
    <section aria-labelledby="buyer-networks" className="bt-section">
      <Heading level={2} data-size="sm" id="buyer-networks">
        {t('buyer.networksTitle')}
      </Heading>
      {networks.status === 'loading' && <Paragraph>{t('common.loading')}</Paragraph>}
      {networks.status === 'error' && (
        <ApiErrorAlert error={networks.error} onRetry={networks.reload} headingLevel={3} />
      )}
      {networks.status === 'success' &&
        (networks.data.length === 0 ? (
          <Paragraph>{t('buyer.noNetworks')}</Paragraph>
        ) : (
          <ul className="bt-card-list">
            {networks.data.map((n) => (
              <li key={n.id}>
                <NetworkCard network={n} />
              </li>
            ))}
          </ul>
        ))}
      <div className="bt-actions">
        {canCreate ? (
          <Button asChild variant="secondary">
            <AppLink to={paths.newNetwork}>{t('buyer.createNetwork')}</AppLink>
          </Button>
        ) : (
          <Paragraph data-size="sm" className="bt-muted">
            {hasBuyer ? t('buyer.createNeedsVerified') : t('buyer.createNeedsOrg')}
          </Paragraph>
        )}
      </div>
    </section>
  );
}

function NetworkCard({ network }: { network: NetworkSummary }) {
  const { t } = useTranslation();
  const titleId = `network-${network.id}`;
  return (
    <Card data-color="neutral" variant="tinted" aria-labelledby={titleId}>
      <Heading level={3} data-size="xs" id={titleId}>
        <AppLink to={paths.networkManage(network.id)}>{network.name}</AppLink>
      </Heading>
      <Paragraph data-size="sm">{network.subjectArea}</Paragraph>
      <div className="bt-tags">
        <NetworkStatusTag status={network.status} />
        <Tag data-color="neutral">{t('buyer.memberCount', { count: network.memberCount })}</Tag>
      </div>
      <Paragraph data-size="sm" className="bt-muted">
        {t('buyer.coordinatedBy', { name: network.coordinator.name })}
      </Paragraph>
    </Card>
  );
}

function Shortcuts({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const invitations = useApi(`my-invitations:${userId}`, (signal) => myInvitations(signal));
  const pending =
    invitations.status === 'success' ? invitations.data.filter((i) => i.status === 'pending').length : 0;
  return (
    <section aria-labelledby="buyer-more" className="bt-section">
      <Heading level={2} data-size="sm" id="buyer-more">
        {t('buyer.moreTitle')}
      </Heading>
      <ul className="bt-link-list">
        <li>
          <AppLink to={paths.invitations}>
            {pending > 0 ? t('buyer.invitationsPending', { count: pending }) : t('buyer.invitations')}
          </AppLink>
        </li>
        <li>
          <AppLink to={paths.suppliers}>{t('buyer.findSuppliers')}</AppLink>
        </li>
        <li>
          <AppLink to={paths.needs}>{t('nav.needs')}</AppLink>
        </li>
      </ul>
    </section>
  );
}
