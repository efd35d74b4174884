import { Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { login } from '../../api/accounts';
import { isApiError } from '../../api/http';
import { paths, safeNext } from '../../app/paths';
import { FormErrorSummary, useFormErrors, validators } from '../../shared/forms/form-errors';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { changeLanguage } from '../../shared/i18n';
import { useSession } from '../../shared/session/session';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';

const ids = { email: 'login-email', password: 'login-password' };

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const session = useSession();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);

  if (session.state.status === 'authenticated' && !busy) return <Navigate to={next} replace />;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const data = new FormData(event.currentTarget);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const ok = errors.check({
      email: validators.email(email, {
        required: t('forms.emailRequired'),
        invalid: t('forms.emailInvalid'),
      }),
      password: validators.required(password, t('forms.passwordRequired')),
    });
    if (!ok) return;
    setBusy(true);
    try {
      const result = await login(email, password);
      await changeLanguage(result.user.language);
      session.setUser(result.user);
      void navigate(next, { replace: true });
    } catch (error) {
      setBusy(false);
      errors.fromApiError(error, {
        formMessage: (e) =>
          isApiError(e) && e.code === 'invalid_credentials' ? t('login.invalidCredentials') : undefined,
      });
    }
  }

  return (
    <div className="bt-container bt-page bt-narrow">
      <PageHeading>{t('login.title')}</PageHeading>
      <Paragraph>{t('login.lead')}</Paragraph>
      <form className="bt-form" noValidate onSubmit={onSubmit}>
        <FormErrorSummary errors={errors} fieldIds={ids} />
        <Textfield
          id={ids.email}
          name="email"
          type="email"
          label={t('forms.email')}
          autoComplete="username"
          error={errors.fields.email}
        />
        <Textfield
          id={ids.password}
          name="password"
          type="password"
          label={t('forms.password')}
          autoComplete="current-password"
          error={errors.fields.password}
        />
        <div className="bt-actions">
          <Button type="submit" loading={busy}>
            {t('login.submit')}
          </Button>
          <AppLink to={paths.resetPassword}>{t('login.forgot')}</AppLink>
        </div>
      </form>
      <Paragraph className="bt-form__aside">
        {t('login.noAccount')} <AppLink to={paths.register}>{t('login.createAccount')}</AppLink>
      </Paragraph>
    </div>
  );
}
