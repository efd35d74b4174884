import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { User } from '../../api/accounts';
import { getOwnProfile } from '../../api/suppliers';
import { paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { RequireLogin } from '../../shared/session/require-login';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { LoadingPage } from '../../shared/ui/loading-page';
import { PageHeading } from '../../shared/ui/page-heading';
import { ProfileView } from './profile-view';
import { ModerationStatus } from './status-tags';
import { useMySuppliers } from './use-my-supplier';
import './suppliers.css';

/** `/leverantor/forhandsvisning`: the profile as a verified buyer sees it. */
export function ProfilePreviewPage() {
  const { t } = useTranslation();
  usePageTitle(t('preview.title'));
  return <RequireLogin>{(user) => <Preview user={user} />}</RequireLogin>;
}

function Preview({ user }: { user: User }) {
  const { t } = useTranslation();
  const location = useLocation();
  const saved = (location.state as { saved?: boolean } | null)?.saved === true;
  const orgs = useMySuppliers(user.id);
  const organisationId = orgs.status === 'success' ? orgs.data[0]?.organisation.id : undefined;
  const profile = useApi(`own-profile-preview:${organisationId ?? 'none'}`, (signal) =>
    organisationId ? getOwnProfile(organisationId, signal) : Promise.reject(new Error('no organisation')),
  );
  if (orgs.status === 'loading' || (organisationId && profile.status === 'loading')) return <LoadingPage />;
  return (
    <div className="bt-container bt-page">
      <p className="bt-back">
        <AppLink to={paths.supplierHome}>{t('profile.back')}</AppLink>
      </p>
      <PageHeading>{t('preview.title')}</PageHeading>
      {saved && (
        <Alert data-color="success" className="bt-profile__status">
          <Paragraph>{t('preview.saved')}</Paragraph>
        </Alert>
      )}
      {profile.status === 'error' && (
        <ApiErrorAlert error={profile.error} onRetry={profile.reload} headingLevel={false} />
      )}
      {profile.status === 'success' && (
        <>
          <Paragraph>
            {t('profile.statusLabel')} <ModerationStatus status={profile.data.status} />
          </Paragraph>
          <Paragraph className="bt-muted">{t('preview.lead')}</Paragraph>
          <div className="bt-preview-frame">
            <ProfileView profile={profile.data} />
          </div>
          <p>
            <AppLink to={paths.supplierProfile}>{t('supplier.editProfile')}</AppLink>
          </p>
        </>
      )}
    </div>
  );
}
