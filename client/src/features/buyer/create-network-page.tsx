import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { User } from '../../api/accounts';
import { createNetwork } from '../../api/networks';
import { paths } from '../../app/paths';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { RequireLogin } from '../../shared/session/require-login';
import { useMyOrganisations } from '../../shared/session/use-my-organisations';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { LoadingPage } from '../../shared/ui/loading-page';
import { PageHeading } from '../../shared/ui/page-heading';
import { NetworkForm } from './network-form';
import './buyer.css';

/** `/bestallare/nytt-natverk`: a verified buyer organisation starts a network and coordinates it. */
export function CreateNetworkPage() {
  const { t } = useTranslation();
  usePageTitle(t('networkForm.createTitle'));
  return <RequireLogin>{(user) => <CreateNetwork user={user} />}</RequireLogin>;
}

function CreateNetwork({ user }: { user: User }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const orgs = useMyOrganisations(user.id);
  if (orgs.status === 'loading') return <LoadingPage />;
  const verified =
    orgs.status === 'success'
      ? orgs.data.filter((m) => m.organisation.kind === 'buyer' && m.organisation.status === 'verified')
      : [];
  return (
    <div className="bt-container bt-page">
      <p className="bt-back">
        <AppLink to={paths.buyerHome}>{t('buyer.back')}</AppLink>
      </p>
      <PageHeading>{t('networkForm.createTitle')}</PageHeading>
      <Paragraph className="bt-lead">{t('networkForm.createLead')}</Paragraph>
      {orgs.status === 'error' && (
        <ApiErrorAlert error={orgs.error} onRetry={orgs.reload} headingLevel={false} />
      )}
      {orgs.status === 'success' && verified.length === 0 && (
        <Paragraph>
          {t('buyer.createNeedsVerified')} <AppLink to={paths.buyerHome}>{t('buyer.back')}</AppLink>
        </Paragraph>
      )}
      {verified.length > 0 && (
        <NetworkForm
          organisations={verified}
          submitLabel={t('networkForm.createSubmit')}
          onSubmit={async (input) => {
            const created = await createNetwork(input);
            await navigate(paths.networkManage(created.id), { state: { created: true } });
          }}
        />
      )}
    </div>
  );
}
