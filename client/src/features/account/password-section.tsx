import { Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { changePassword } from '../../api/accounts';
import { FormErrorSummary, PASSWORD_MIN, useFormErrors, validators } from '../../shared/forms/form-errors';
import { AccountSection } from './account-section';

const ids = { currentPassword: 'password-current', newPassword: 'password-new' };

export function PasswordSection() {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [revoked, setRevoked] = useState<number>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const currentPassword = String(data.get('currentPassword') ?? '');
    const newPassword = String(data.get('newPassword') ?? '');
    setRevoked(undefined);
    const ok = errors.check({
      currentPassword: validators.required(currentPassword, t('forms.passwordRequired')),
      newPassword: validators.newPassword(newPassword, {
        required: t('forms.newPasswordRequired'),
        short: t('forms.passwordShort', { count: PASSWORD_MIN }),
      }),
    });
    if (!ok) return;
    setBusy(true);
    try {
      const result = await changePassword(currentPassword, newPassword);
      form.reset();
      setRevoked(result.revokedSessions);
    } catch (error) {
      errors.fromApiError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AccountSection id="password" title={t('account.passwordTitle')}>
      <Paragraph>{t('account.passwordLead')}</Paragraph>
      <form className="bt-form" noValidate onSubmit={onSubmit} aria-labelledby="password-title">
        <FormErrorSummary errors={errors} fieldIds={ids} />
        <Textfield
          id={ids.currentPassword}
          name="currentPassword"
          type="password"
          label={t('account.currentPassword')}
          autoComplete="current-password"
          error={errors.fields.currentPassword}
        />
        <Textfield
          id={ids.newPassword}
          name="newPassword"
          type="password"
          label={t('forms.newPassword')}
          description={t('forms.passwordRules', { count: PASSWORD_MIN })}
          autoComplete="new-password"
          error={errors.fields.newPassword}
        />
        <div className="bt-actions">
          <Button type="submit" variant="secondary" loading={busy}>
            {t('account.changePassword')}
          </Button>
        </div>
        <div role="status" className="bt-form__status">
          {revoked !== undefined && <Paragraph>{t('account.passwordChanged', { count: revoked })}</Paragraph>}
        </div>
      </form>
    </AccountSection>
  );
}
