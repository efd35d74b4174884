import { Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { deleteAccount } from '../../api/accounts';
import { isApiError } from '../../api/http';
import { paths } from '../../app/paths';
import { FormErrorSummary, useFormErrors, validators } from '../../shared/forms/form-errors';
import { useSession } from '../../shared/session/session';
import { AccountSection } from './account-section';

function soleOwnerOf(error: unknown): string[] {
  if (!isApiError(error) || error.code !== 'sole_owner') return [];
  const details = error.details as { organisations?: { name?: unknown }[] } | undefined;
  return (details?.organisations ?? []).map((o) => String(o.name ?? '')).filter(Boolean);
}

export function DeleteAccountSection() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const password = String(new FormData(event.currentTarget).get('password') ?? '');
    if (!errors.check({ password: validators.required(password, t('account.deletePasswordRequired')) }))
      return;
    setBusy(true);
    try {
      await deleteAccount(password);
      // Leave the page first: without a user, this page would send the visitor to the login page.
      await navigate(paths.accountDeleted, { replace: true });
      session.setUser(undefined);
    } catch (error) {
      setBusy(false);
      errors.fromApiError(error, {
        formMessage: (e) => {
          const names = soleOwnerOf(e);
          return names.length > 0 ? t('account.deleteSoleOwner', { names: names.join(', ') }) : undefined;
        },
      });
    }
  }

  return (
    <AccountSection id="delete" title={t('account.deleteTitle')} danger>
      <Paragraph>{t('account.deleteLead')}</Paragraph>
      <form className="bt-form" noValidate onSubmit={onSubmit} aria-labelledby="delete-title">
        <FormErrorSummary errors={errors} fieldIds={{ password: 'delete-password' }} />
        <Textfield
          id="delete-password"
          name="password"
          type="password"
          label={t('account.deletePassword')}
          autoComplete="current-password"
          error={errors.fields.password}
        />
        <div className="bt-actions">
          <Button type="submit" data-color="danger" loading={busy}>
            {t('account.deleteSubmit')}
          </Button>
        </div>
      </form>
    </AccountSection>
  );
}
