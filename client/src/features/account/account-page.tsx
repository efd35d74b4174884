import { Alert, Button, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { resendVerification, type User } from '../../api/accounts';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { RequireLogin } from '../../shared/session/require-login';
import { paths } from '../../app/paths';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';
import { DataSection } from './data-section';
import { DeleteAccountSection } from './delete-account-section';
import { PasswordSection } from './password-section';
import { ProfileSection } from './profile-section';
import { SessionsSection } from './sessions-section';
import './account.css';

/** `/mitt-konto`: profile and language, password, sessions, data export and account deletion. */
export function AccountPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.title'));
  return <RequireLogin>{(user) => <Account user={user} />}</RequireLogin>;
}

function Account({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <div className="bt-container bt-page">
      <PageHeading>{t('account.title')}</PageHeading>
      <Paragraph className="bt-muted">{t('account.loggedInAs', { email: user.email })}</Paragraph>
      {!user.emailVerified && <VerifyReminder />}
      <Paragraph>
        <AppLink to={paths.invitations}>{t('account.invitationsLink')}</AppLink>
      </Paragraph>
      <nav aria-label={t('account.sectionsLabel')} className="bt-toc">
        <ul>
          <li>
            <a href="#profile">{t('account.profileTitle')}</a>
          </li>
          <li>
            <a href="#password">{t('account.passwordTitle')}</a>
          </li>
          <li>
            <a href="#sessions">{t('account.sessionsTitle')}</a>
          </li>
          <li>
            <a href="#data">{t('account.dataTitle')}</a>
          </li>
          <li>
            <a href="#delete">{t('account.deleteTitle')}</a>
          </li>
        </ul>
      </nav>
      <div className="bt-account">
        <ProfileSection user={user} />
        <PasswordSection />
        <SessionsSection />
        <DataSection />
        <DeleteAccountSection />
      </div>
    </div>
  );
}

function VerifyReminder() {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'busy' | 'sent' | { error: unknown }>('idle');
  return (
    <Alert data-color="warning" className="bt-account__verify">
      <Heading level={2} data-size="xs">
        {t('account.unverifiedTitle')} <Tag data-color="warning">{t('account.unverifiedTag')}</Tag>
      </Heading>
      <Paragraph>{t('account.unverifiedText')}</Paragraph>
      {state !== 'sent' && (
        <Button
          variant="secondary"
          data-size="sm"
          loading={state === 'busy'}
          onClick={() => {
            if (state === 'busy') return;
            setState('busy');
            resendVerification().then(
              () => setState('sent'),
              (error: unknown) => setState({ error }),
            );
          }}
        >
          {t('verify.resend')}
        </Button>
      )}
      <div role="status">{state === 'sent' && <Paragraph>{t('verify.resent')}</Paragraph>}</div>
      {typeof state === 'object' && <ApiErrorAlert error={state.error} headingLevel={false} />}
    </Alert>
  );
}
