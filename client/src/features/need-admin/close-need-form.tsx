import {
  Button,
  Fieldset,
  Heading,
  Paragraph,
  Radio,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { closeNeed, type NeedDetail, type NeedOutcomeInput } from '../../api/needs';
import { FormErrorSummary, useFormErrors } from '../../shared/forms/form-errors';

const ids = {
  'outcome.result': 'close-result',
  'outcome.description': 'close-description',
  'outcome.results': 'close-results',
  'outcome.lessonsLearned': 'close-lessons',
};

/** Closes a published need with its outcome and lessons learned (kunskapsspridning), published to all. */
export function CloseNeedForm({
  need,
  onClosed,
}: {
  need: NeedDetail;
  onClosed: (need: NeedDetail) => void;
}) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const data = new FormData(event.currentTarget);
    const value = (key: string) => String(data.get(key) ?? '').trim();
    const result = value('result') as NeedOutcomeInput['result'] | '';
    const description = value('description');
    const ok = errors.check({
      'outcome.result': result ? undefined : t('closeNeed.errors.result'),
      'outcome.description': description.length < 10 ? t('closeNeed.errors.description') : undefined,
    });
    if (!ok || !result) return;
    setBusy(true);
    try {
      const closed = await closeNeed(need.id, {
        result,
        description,
        ...(value('results') ? { results: value('results') } : {}),
        ...(value('lessonsLearned') ? { lessonsLearned: value('lessonsLearned') } : {}),
      });
      onClosed(closed);
    } catch (error) {
      errors.fromApiError(error);
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="close-need" className="bt-section">
      <Heading level={2} data-size="sm" id="close-need">
        {t('closeNeed.title')}
      </Heading>
      <Paragraph>{t('closeNeed.lead')}</Paragraph>
      <details className="bt-disclosure">
        <summary>{t('closeNeed.open')}</summary>
        <form className="bt-form bt-narrow" noValidate onSubmit={submit}>
          <FormErrorSummary errors={errors} fieldIds={ids} />
          <Fieldset id={ids['outcome.result']}>
            <Fieldset.Legend>{t('closeNeed.result')}</Fieldset.Legend>
            <Radio
              id="close-result-procured"
              name="result"
              value="procured"
              label={t('closeNeed.procured')}
            />
            <Radio
              id="close-result-not"
              name="result"
              value="not_procured"
              label={t('closeNeed.notProcured')}
            />
            {errors.fields['outcome.result'] && (
              <ValidationMessage>{errors.fields['outcome.result']}</ValidationMessage>
            )}
          </Fieldset>
          <Textfield
            id={ids['outcome.description']}
            name="description"
            multiline
            rows={4}
            label={t('closeNeed.description')}
            description={t('closeNeed.descriptionDescription')}
            error={errors.fields['outcome.description']}
          />
          <Textfield
            id={ids['outcome.results']}
            name="results"
            multiline
            rows={4}
            label={t('closeNeed.results')}
            error={errors.fields['outcome.results']}
          />
          <Textfield
            id={ids['outcome.lessonsLearned']}
            name="lessonsLearned"
            multiline
            rows={4}
            label={t('closeNeed.lessons')}
            description={t('closeNeed.lessonsDescription')}
            error={errors.fields['outcome.lessonsLearned']}
          />
          <div className="bt-actions">
            <Button type="submit" loading={busy}>
              {t('closeNeed.submit')}
            </Button>
          </div>
        </form>
      </details>
    </section>
  );
}
