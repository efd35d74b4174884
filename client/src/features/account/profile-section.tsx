import { Button, Fieldset, Paragraph, Radio, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { updateMe, type Language, type User } from '../../api/accounts';
import { FormErrorSummary, useFormErrors } from '../../shared/forms/form-errors';
import { changeLanguage, isLanguage } from '../../shared/i18n';
import { useSession } from '../../shared/session/session';
import { AccountSection } from './account-section';

const ids = { name: 'profile-name', language: 'profile-language-sv' };

export function ProfileSection({ user }: { user: User }) {
  const { t } = useTranslation();
  const session = useSession();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(0);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const data = new FormData(event.currentTarget);
    const name = String(data.get('name') ?? '').trim();
    const language = String(data.get('language') ?? user.language);
    errors.clear();
    setBusy(true);
    try {
      const updated = await updateMe({
        name: name || null,
        language: (isLanguage(language) ? language : user.language) as Language,
      });
      session.setUser(updated);
      await changeLanguage(updated.language);
      setSaved((n) => n + 1);
    } catch (error) {
      errors.fromApiError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AccountSection id="profile" title={t('account.profileTitle')}>
      <form className="bt-form" noValidate onSubmit={onSubmit} aria-labelledby="profile-title">
        <FormErrorSummary errors={errors} fieldIds={ids} />
        <Textfield
          id={ids.name}
          name="name"
          label={t('forms.name')}
          description={t('account.nameDescription')}
          defaultValue={user.name ?? ''}
          autoComplete="name"
          error={errors.fields.name}
        />
        <Fieldset>
          <Fieldset.Legend>{t('account.languageLegend')}</Fieldset.Legend>
          <Fieldset.Description>{t('account.languageDescription')}</Fieldset.Description>
          <Radio
            id="profile-language-sv"
            name="language"
            value="sv"
            label="Svenska"
            lang="sv"
            defaultChecked={user.language === 'sv'}
          />
          <Radio
            id="profile-language-en"
            name="language"
            value="en"
            label="English"
            lang="en"
            defaultChecked={user.language === 'en'}
          />
        </Fieldset>
        <div className="bt-actions">
          <Button type="submit" loading={busy}>
            {t('account.saveProfile')}
          </Button>
        </div>
        <div role="status" className="bt-form__status">
          {saved > 0 && !busy && <Paragraph key={saved}>{t('account.profileSaved')}</Paragraph>}
        </div>
      </form>
    </AccountSection>
  );
}
