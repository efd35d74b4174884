import { Alert, Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { register } from '../../api/accounts';
import { paths } from '../../app/paths';
import { FormErrorSummary, PASSWORD_MIN, useFormErrors, validators } from '../../shared/forms/form-errors';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { useLanguage } from '../../shared/i18n/use-format';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';

const ids = { name: 'register-name', email: 'register-email', password: 'register-password' };

/** Creates an unverified account; the API emails a link to /verifiera-epost. */
export function RegisterPage() {
  const { t } = useTranslation();
  usePageTitle(t('register.title'));
  const language = useLanguage();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const data = new FormData(event.currentTarget);
    const name = String(data.get('name') ?? '').trim();
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const ok = errors.check({
      email: validators.email(email, {
        required: t('forms.emailRequired'),
        invalid: t('forms.emailInvalid'),
      }),
      password: validators.newPassword(password, {
        required: t('forms.newPasswordRequired'),
        short: t('forms.passwordShort', { count: PASSWORD_MIN }),
      }),
    });
    if (!ok) return;
    setBusy(true);
    try {
      await register({ email, password, language, ...(name ? { name } : {}) });
      setSentTo(email);
    } catch (error) {
      errors.fromApiError(error);
    } finally {
      setBusy(false);
    }
  }

  if (sentTo) {
    return (
      <div className="bt-container bt-page bt-narrow">
        <PageHeading focus>{t('register.sentTitle')}</PageHeading>
        <Alert data-color="success">
          <Heading level={2} data-size="xs">
            {t('register.sentHeading')}
          </Heading>
          <Paragraph>{t('register.sentText', { email: sentTo })}</Paragraph>
        </Alert>
        <Paragraph className="bt-form__aside">{t('register.sentHelp')}</Paragraph>
        <p>
          <AppLink to={paths.login}>{t('register.toLogin')}</AppLink>
        </p>
      </div>
    );
  }

  return (
    <div className="bt-container bt-page bt-narrow">
      <PageHeading>{t('register.title')}</PageHeading>
      <Paragraph>{t('register.lead')}</Paragraph>
      <form className="bt-form" noValidate onSubmit={onSubmit}>
        <FormErrorSummary errors={errors} fieldIds={ids} />
        <Textfield
          id={ids.name}
          name="name"
          label={t('forms.name')}
          description={t('register.nameDescription')}
          autoComplete="name"
          error={errors.fields.name}
        />
        <Textfield
          id={ids.email}
          name="email"
          type="email"
          label={t('forms.email')}
          description={t('register.emailDescription')}
          autoComplete="email"
          error={errors.fields.email}
        />
        <Textfield
          id={ids.password}
          name="password"
          type="password"
          label={t('forms.newPassword')}
          description={t('forms.passwordRules', { count: PASSWORD_MIN })}
          autoComplete="new-password"
          error={errors.fields.password}
        />
        <Paragraph data-size="sm" className="bt-muted">
          {t('register.privacy')}
        </Paragraph>
        <div className="bt-actions">
          <Button type="submit" loading={busy}>
            {t('register.submit')}
          </Button>
        </div>
      </form>
      <Paragraph className="bt-form__aside">
        {t('register.haveAccount')} <AppLink to={paths.login}>{t('register.toLogin')}</AppLink>
      </Paragraph>
    </div>
  );
}
