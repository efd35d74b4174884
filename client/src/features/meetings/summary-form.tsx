import { Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { publishSummary, type Meeting } from '../../api/meetings';
import { FormErrorSummary, useFormErrors } from '../../shared/forms/form-errors';
import { useFormat } from '../../shared/i18n/use-format';

const ids = {
  presented: 'summary-presented',
  questionsAsked: 'summary-questions',
  participantsCount: 'summary-participants',
  changesToNeed: 'summary-changes',
};

/** The published summary of a held meeting (equal treatment: what was said is shared with all). */
export function SummaryForm({ meeting, onSaved }: { meeting: Meeting; onSaved: (meeting: Meeting) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const summary = meeting.summary;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const data = new FormData(event.currentTarget);
    const value = (key: string) => String(data.get(key) ?? '').trim();
    const count = value('participantsCount');
    const ok = errors.check({
      presented: value('presented') ? undefined : t('summary.errors.presented'),
      participantsCount: count && !/^\d+$/.test(count) ? t('summary.errors.participants') : undefined,
    });
    if (!ok) return;
    setBusy(true);
    try {
      onSaved(
        await publishSummary(meeting.id, {
          presented: value('presented'),
          questionsAsked: value('questionsAsked'),
          changesToNeed: value('changesToNeed'),
          ...(count ? { participantsCount: Number(count) } : {}),
        }),
      );
      setBusy(false);
    } catch (error) {
      errors.fromApiError(error);
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="summary-title" className="bt-section">
      <Heading level={2} data-size="sm" id="summary-title">
        {t('summary.title')}
      </Heading>
      <Paragraph>
        {summary ? t('summary.published', { date: format.dateTime(summary.updatedAt) }) : t('summary.lead')}
      </Paragraph>
      <form className="bt-form bt-narrow" noValidate onSubmit={submit}>
        <FormErrorSummary errors={errors} fieldIds={ids} />
        <Textfield
          id={ids.presented}
          name="presented"
          multiline
          rows={5}
          label={t('summary.presented')}
          defaultValue={summary?.presented}
          error={errors.fields.presented}
        />
        <Textfield
          id={ids.questionsAsked}
          name="questionsAsked"
          multiline
          rows={4}
          label={t('summary.questionsAsked')}
          description={t('summary.questionsAskedDescription')}
          defaultValue={summary?.questionsAsked}
          error={errors.fields.questionsAsked}
        />
        <Textfield
          id={ids.participantsCount}
          name="participantsCount"
          inputMode="numeric"
          label={t('summary.participants')}
          description={t('summary.participantsDescription')}
          defaultValue={summary ? String(summary.participantsCount) : ''}
          error={errors.fields.participantsCount}
        />
        <Textfield
          id={ids.changesToNeed}
          name="changesToNeed"
          multiline
          rows={3}
          label={t('summary.changes')}
          defaultValue={summary?.changesToNeed}
          error={errors.fields.changesToNeed}
        />
        <div className="bt-actions">
          <Button type="submit" loading={busy}>
            {summary ? t('summary.update') : t('summary.publish')}
          </Button>
        </div>
      </form>
    </section>
  );
}
