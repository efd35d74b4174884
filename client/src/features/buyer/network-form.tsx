import {
  Button,
  Checkbox,
  Fieldset,
  Select,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  networkLanguages,
  type NetworkDetail,
  type NetworkInput,
  type NetworkLanguage,
} from '../../api/networks';
import type { MyOrganisation } from '../../api/organisations';
import { FormErrorSummary, useFormErrors } from '../../shared/forms/form-errors';

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const fieldId = (path: string) => `network-${path.replaceAll('.', '-')}`;

interface NetworkFormProps {
  network?: NetworkDetail;
  /** Verified buyer organisations to coordinate from (create only; a choice only when there are several). */
  organisations?: MyOrganisation[];
  submitLabel: string;
  onSubmit: (input: NetworkInput & { organisationId?: string }) => Promise<void>;
}

/** The network's match threshold is edited in whole percent; the API takes 0.1–0.9. */
const THRESHOLD_MIN = 10;
const THRESHOLD_MAX = 90;

/**
 * Name, subject area, description, languages and the public contact point of a network; when an
 * existing network is edited, also the match threshold that decides who is invited and emailed.
 */
export function NetworkForm({ network, organisations = [], submitLabel, onSubmit }: NetworkFormProps) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [languages, setLanguages] = useState<NetworkLanguage[]>(network?.languages ?? ['sv']);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const data = new FormData(event.currentTarget);
    const value = (key: string) => String(data.get(key) ?? '').trim();
    const input = {
      name: value('name'),
      subjectArea: value('subjectArea'),
      description: value('description'),
      languages,
      contact: {
        name: value('contactName'),
        email: value('contactEmail'),
        ...(value('contactPhone') ? { phone: value('contactPhone') } : {}),
      },
    };
    const thresholdText = value('matchThreshold');
    const thresholdPercent = Number(thresholdText);
    const thresholdValid =
      /^\d{1,2}$/.test(thresholdText) &&
      thresholdPercent >= THRESHOLD_MIN &&
      thresholdPercent <= THRESHOLD_MAX;
    const ok = errors.check({
      name: input.name.length < 3 ? t('networkForm.errors.name') : undefined,
      subjectArea: input.subjectArea.length < 2 ? t('networkForm.errors.subjectArea') : undefined,
      description: input.description.length < 10 ? t('networkForm.errors.description') : undefined,
      languages: languages.length === 0 ? t('networkForm.errors.languages') : undefined,
      'contact.name': input.contact.name.length < 2 ? t('networkForm.errors.contactName') : undefined,
      'contact.email': emailPattern.test(input.contact.email)
        ? undefined
        : t('networkForm.errors.contactEmail'),
      ...(network
        ? {
            matchThreshold: thresholdValid
              ? undefined
              : t('networkForm.errors.matchThreshold', { min: THRESHOLD_MIN, max: THRESHOLD_MAX }),
          }
        : {}),
    });
    if (!ok) return;
    setBusy(true);
    try {
      const organisationId = value('organisationId');
      await onSubmit({
        ...input,
        ...(network ? { matchThreshold: thresholdPercent / 100 } : {}),
        ...(organisationId ? { organisationId } : {}),
      });
    } catch (error) {
      errors.fromApiError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="bt-form bt-wide-form" noValidate onSubmit={submit}>
      <FormErrorSummary errors={errors} fieldIds={fieldId} />
      {organisations.length > 1 && (
        <div className="bt-select-field">
          <label htmlFor={fieldId('organisationId')} className="ds-label">
            {t('networkForm.organisation')}
          </label>
          <Select id={fieldId('organisationId')} name="organisationId">
            {organisations.map(({ organisation }) => (
              <Select.Option key={organisation.id} value={organisation.id}>
                {organisation.name}
              </Select.Option>
            ))}
          </Select>
        </div>
      )}
      <Textfield
        id={fieldId('name')}
        name="name"
        label={t('networkForm.name')}
        defaultValue={network?.name}
        error={errors.fields.name}
      />
      <Textfield
        id={fieldId('subjectArea')}
        name="subjectArea"
        label={t('networkForm.subjectArea')}
        description={t('networkForm.subjectAreaDescription')}
        defaultValue={network?.subjectArea}
        error={errors.fields.subjectArea}
      />
      <Textfield
        id={fieldId('description')}
        name="description"
        multiline
        rows={5}
        label={t('networkForm.description')}
        description={t('networkForm.descriptionDescription')}
        defaultValue={network?.description}
        error={errors.fields.description}
      />
      <Fieldset id={fieldId('languages')}>
        <Fieldset.Legend>{t('networkForm.languages')}</Fieldset.Legend>
        <div className="bt-checkbox-row">
          {networkLanguages.map((language) => (
            <Checkbox
              key={language}
              id={fieldId(`languages-${language}`)}
              label={t(`languageName.${language}`)}
              checked={languages.includes(language)}
              onChange={(event) =>
                setLanguages((previous) =>
                  event.target.checked ? [...previous, language] : previous.filter((l) => l !== language),
                )
              }
            />
          ))}
        </div>
        {errors.fields.languages && <ValidationMessage>{errors.fields.languages}</ValidationMessage>}
      </Fieldset>
      <Fieldset>
        <Fieldset.Legend>{t('networkForm.contact')}</Fieldset.Legend>
        <Fieldset.Description>{t('networkForm.contactDescription')}</Fieldset.Description>
        <Textfield
          id={fieldId('contact.name')}
          name="contactName"
          label={t('networkForm.contactName')}
          defaultValue={network?.contact.name}
          error={errors.fields['contact.name']}
        />
        <Textfield
          id={fieldId('contact.email')}
          name="contactEmail"
          type="email"
          label={t('forms.email')}
          defaultValue={network?.contact.email}
          error={errors.fields['contact.email']}
        />
        <Textfield
          id={fieldId('contact.phone')}
          name="contactPhone"
          type="tel"
          label={t('profile.contactPhone')}
          defaultValue={network?.contact.phone}
          error={errors.fields['contact.phone']}
        />
      </Fieldset>
      {network && (
        <Textfield
          id={fieldId('matchThreshold')}
          name="matchThreshold"
          inputMode="numeric"
          label={t('networkForm.matchThreshold')}
          description={t('networkForm.matchThresholdDescription', {
            min: THRESHOLD_MIN,
            max: THRESHOLD_MAX,
          })}
          suffix="%"
          defaultValue={String(Math.round(network.matchThreshold * 100))}
          error={errors.fields.matchThreshold}
        />
      )}
      <div className="bt-actions">
        <Button type="submit" loading={busy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
