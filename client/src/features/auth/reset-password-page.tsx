import { Alert, Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { confirmPasswordReset, requestPasswordReset } from '../../api/accounts';
import { isApiError } from '../../api/http';
import { paths } from '../../app/paths';
import { FormErrorSummary, PASSWORD_MIN, useFormErrors, validators } from '../../shared/forms/form-errors';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { useSession } from '../../shared/session/session';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';

/** `/aterstall-losenord`: ask for a link; `/aterstall-losenord?token=…` (the emailed link): choose a new password. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  return token ? <ChooseNewPassword token={token} /> : <RequestLink />;
}

function RequestLink() {
  const { t } = useTranslation();
  usePageTitle(t('reset.requestTitle'));
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const email = String(new FormData(event.currentTarget).get('email') ?? '').trim();
    if (
      !errors.check({
        email: validators.email(email, {
          required: t('forms.emailRequired'),
          invalid: t('forms.emailInvalid'),
        }),
      })
    )
      return;
    setBusy(true);
    try {
      await requestPasswordReset(email);
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
        <PageHeading focus>{t('reset.sentTitle')}</PageHeading>
        <Alert data-color="success">
          <Paragraph>{t('reset.sentText', { email: sentTo })}</Paragraph>
        </Alert>
        <p>
          <AppLink to={paths.login}>{t('reset.toLogin')}</AppLink>
        </p>
      </div>
    );
  }

  return (
    <div className="bt-container bt-page bt-narrow">
      <PageHeading>{t('reset.requestTitle')}</PageHeading>
      <Paragraph>{t('reset.requestLead')}</Paragraph>
      <form className="bt-form" noValidate onSubmit={onSubmit}>
        <FormErrorSummary errors={errors} fieldIds={{ email: 'reset-email' }} />
        <Textfield
          id="reset-email"
          name="email"
          type="email"
          label={t('forms.email')}
          autoComplete="email"
          error={errors.fields.email}
        />
        <div className="bt-actions">
          <Button type="submit" loading={busy}>
            {t('reset.requestSubmit')}
          </Button>
          <AppLink to={paths.login}>{t('reset.toLogin')}</AppLink>
        </div>
      </form>
    </div>
  );
}

function ChooseNewPassword({ token }: { token: string }) {
  const { t } = useTranslation();
  usePageTitle(t('reset.chooseTitle'));
  const session = useSession();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [invalidLink, setInvalidLink] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const password = String(new FormData(event.currentTarget).get('password') ?? '');
    const ok = errors.check({
      password: validators.newPassword(password, {
        required: t('forms.newPasswordRequired'),
        short: t('forms.passwordShort', { count: PASSWORD_MIN }),
      }),
    });
    if (!ok) return;
    setBusy(true);
    try {
      await confirmPasswordReset(token, password);
      // Every session was ended, this browser's too.
      session.setUser(undefined);
      setDone(true);
    } catch (error) {
      if (isApiError(error) && error.fieldProblems.some((p) => p.path === 'token')) setInvalidLink(true);
      else errors.fromApiError(error);
    } finally {
      setBusy(false);
    }
  }

  if (done || invalidLink) {
    return (
      <div className="bt-container bt-page bt-narrow">
        <PageHeading focus>{done ? t('reset.doneTitle') : t('reset.invalidTitle')}</PageHeading>
        <Alert data-color={done ? 'success' : 'warning'}>
          <Paragraph>{done ? t('reset.doneText') : t('reset.invalidText')}</Paragraph>
        </Alert>
        <p>
          {done ? (
            <AppLink to={paths.login}>{t('reset.toLogin')}</AppLink>
          ) : (
            <AppLink to={paths.resetPassword}>{t('reset.newLink')}</AppLink>
          )}
        </p>
      </div>
    );
  }

  return (
    <div className="bt-container bt-page bt-narrow">
      <PageHeading>{t('reset.chooseTitle')}</PageHeading>
      <Paragraph>{t('reset.chooseLead')}</Paragraph>
      <form className="bt-form" noValidate onSubmit={onSubmit}>
        <FormErrorSummary errors={errors} fieldIds={{ password: 'reset-password' }} />
        <Textfield
          id="reset-password"
          name="password"
          type="password"
          label={t('forms.newPassword')}
          description={t('forms.passwordRules', { count: PASSWORD_MIN })}
          autoComplete="new-password"
          error={errors.fields.password}
        />
        <div className="bt-actions">
          <Button type="submit" loading={busy}>
            {t('reset.chooseSubmit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
