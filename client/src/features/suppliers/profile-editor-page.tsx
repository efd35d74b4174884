import { Alert, Button, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/accounts';
import { isNotFound } from '../../api/errors';
import { getOwnProfile } from '../../api/suppliers';
import { paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { RequireLogin } from '../../shared/session/require-login';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { LoadingPage } from '../../shared/ui/loading-page';
import { PageHeading } from '../../shared/ui/page-heading';
import { ProfileForm } from './profile-form';
import { ModerationStatus } from './status-tags';
import { useMySuppliers } from './use-my-supplier';
import './suppliers.css';

/** `/leverantor/profil`: create or edit the supplier profile; every save goes to moderation. */
export function ProfileEditorPage() {
  const { t } = useTranslation();
  usePageTitle(t('profile.title'));
  return <RequireLogin>{(user) => <ProfileEditor user={user} />}</RequireLogin>;
}

function ProfileEditor({ user }: { user: User }) {
  const { t } = useTranslation();
  const orgs = useMySuppliers(user.id);
  const organisationId = orgs.status === 'success' ? orgs.data[0]?.organisation.id : undefined;
  const profile = useApi(`own-profile-edit:${organisationId ?? 'none'}`, (signal) =>
    organisationId
      ? getOwnProfile(organisationId, signal).catch((error: unknown) => {
          if (isNotFound(error)) return null;
          throw error;
        })
      : Promise.resolve(null),
  );

  if (orgs.status === 'loading' || (organisationId && profile.status === 'loading')) return <LoadingPage />;
  const error = orgs.status === 'error' ? orgs.error : profile.status === 'error' ? profile.error : undefined;
  return (
    <div className="bt-container bt-page">
      <p className="bt-back">
        <AppLink to={paths.supplierHome}>{t('profile.back')}</AppLink>
      </p>
      <PageHeading>{t('profile.title')}</PageHeading>
      {error !== undefined && <ApiErrorAlert error={error} headingLevel={false} />}
      {orgs.status === 'success' && !organisationId && (
        <>
          <Paragraph>{t('profile.noOrganisation')}</Paragraph>
          <Button asChild>
            <AppLink to={paths.supplierHome}>{t('supplier.registerTitle')}</AppLink>
          </Button>
        </>
      )}
      {organisationId && profile.status === 'success' && (
        <>
          {profile.data && (
            <Alert
              data-color={profile.data.status === 'approved' ? 'success' : 'info'}
              className="bt-profile__status"
            >
              <Paragraph>
                {t('profile.statusLabel')} <ModerationStatus status={profile.data.status} />
              </Paragraph>
              {profile.data.rejectionReason && (
                <Paragraph>{t('supplier.reason', { reason: profile.data.rejectionReason })}</Paragraph>
              )}
              <Paragraph data-size="sm">{t('profile.moderationNote')}</Paragraph>
            </Alert>
          )}
          <Paragraph>{t('profile.lead')}</Paragraph>
          <ProfileForm organisationId={organisationId} profile={profile.data} onSaved={profile.reload} />
        </>
      )}
    </div>
  );
}
