import { Button, Heading, Paragraph, Tag, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { askQuestion, needQuestions, type Question } from '../../api/questions';
import { FormErrorSummary, useFormErrors } from '../../shared/forms/form-errors';
import { useApi } from '../../shared/hooks/use-api';
import { useFormat } from '../../shared/i18n/use-format';
import { useSession } from '../../shared/session/session';
import { StandingNotice, useSupplierStanding } from '../../shared/session/supplier-standing';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';

/**
 * Questions and answers on a published need: everyone sees the published ones, never who asked;
 * a supplier sees its own questions too and may ask until the questions deadline.
 */
export function NeedQuestions({ needId, managed = false }: { needId: string; managed?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [refresh, setRefresh] = useState(0);
  const list = useApi(`need-questions:${needId}:${refresh}`, (signal) => needQuestions(needId, signal), {
    keepPrevious: true,
  });
  const items = list.status === 'success' ? list.data.items : [];
  const published = items.filter((q) => q.status === 'published');
  const mine = items.filter((q) => q.mine && q.status !== 'published');
  return (
    <section aria-labelledby="need-questions">
      <Heading level={2} data-size="sm" id="need-questions">
        {t('questions.title')}
      </Heading>
      <Paragraph>{t('questions.lead')}</Paragraph>
      {list.status === 'loading' && <Paragraph>{t('common.loading')}</Paragraph>}
      {list.status === 'error' && <ApiErrorAlert error={list.error} onRetry={list.reload} headingLevel={3} />}
      {list.status === 'success' && (
        <>
          {published.length === 0 ? (
            <Paragraph className="bt-muted">{t('questions.none')}</Paragraph>
          ) : (
            <ul className="bt-plain-list bt-qa-list">
              {published.map((q) => (
                <li key={q.id}>
                  <Paragraph>
                    <strong>{t('questions.q')}</strong> <span className="bt-pre-line">{q.question}</span>
                  </Paragraph>
                  <Paragraph className="bt-pre-line">
                    <strong>{t('questions.a')}</strong> {q.answer}
                  </Paragraph>
                  <Paragraph data-size="sm" className="bt-muted">
                    {q.publishedAt ? t('questions.publishedAt', { date: format.date(q.publishedAt) }) : ''}
                    {q.askedCount > 1 ? ` · ${t('questions.askedCount', { count: q.askedCount })}` : ''}
                    {q.mine ? ` · ${t('questions.yours')}` : ''}
                  </Paragraph>
                </li>
              ))}
            </ul>
          )}
          {mine.length > 0 && (
            <>
              <Heading level={3} data-size="xs">
                {t('questions.mineTitle')}
              </Heading>
              <ul className="bt-plain-list bt-qa-list">
                {mine.map((q) => (
                  <li key={q.id}>
                    <MyQuestion question={q} />
                  </li>
                ))}
              </ul>
            </>
          )}
          <Ask
            needId={needId}
            open={list.data.questionsOpen}
            managed={managed}
            deadline={list.data.questionsDeadline}
            onAsked={() => setRefresh((n) => n + 1)}
          />
        </>
      )}
    </section>
  );
}

function MyQuestion({ question }: { question: Question }) {
  const { t } = useTranslation();
  return (
    <>
      <Paragraph className="bt-pre-line">{question.originalQuestion ?? question.question}</Paragraph>
      <Tag data-color={question.status === 'rejected' ? 'danger' : 'warning'}>
        {t(`questions.status.${question.status}`)}
      </Tag>
      {question.rejectionReason && (
        <Paragraph data-size="sm">{t('supplier.reason', { reason: question.rejectionReason })}</Paragraph>
      )}
    </>
  );
}

function Ask({
  needId,
  open,
  managed,
  deadline,
  onAsked,
}: {
  needId: string;
  open: boolean;
  /** The viewer answers for the network: no "register your company" advice for them. */
  managed: boolean;
  deadline?: string;
  onAsked: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { user } = useSession();
  const standing = useSupplierStanding(user, open);
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [key, setKey] = useState(0);

  if (!open) {
    return (
      <Paragraph data-size="sm" className="bt-muted">
        {deadline ? t('questions.closedSince', { date: format.dateTime(deadline) }) : t('questions.closed')}
      </Paragraph>
    );
  }
  if (standing.status === 'loading') return null;
  if (standing.status !== 'ready' && standing.status !== 'unknown') {
    return managed ? null : <StandingNotice standing={standing} action="question" />;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const question = String(new FormData(event.currentTarget).get('question') ?? '').trim();
    if (!errors.check({ question: question.length < 5 ? t('questions.errors.short') : undefined })) return;
    setBusy(true);
    setSent(false);
    try {
      await askQuestion(needId, question, standing.status === 'ready' ? standing.organisationId : undefined);
      errors.clear();
      setSent(true);
      setKey((n) => n + 1);
      onAsked();
    } catch (error) {
      errors.fromApiError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Heading level={3} data-size="xs" id="ask-title">
        {t('questions.askTitle')}
      </Heading>
      <form key={key} className="bt-form" noValidate onSubmit={submit} aria-labelledby="ask-title">
        <FormErrorSummary errors={errors} fieldIds={{ question: 'ask-question' }} />
        <Textfield
          id="ask-question"
          name="question"
          multiline
          rows={4}
          label={t('questions.askLabel')}
          description={
            deadline
              ? `${t('questions.anonymous')} ${t('questions.deadline', { date: format.dateTime(deadline) })}`
              : t('questions.anonymous')
          }
          error={errors.fields.question}
        />
        <div className="bt-actions">
          <Button type="submit" loading={busy}>
            {t('questions.askSubmit')}
          </Button>
        </div>
      </form>
      <div role="status" className="bt-form__status">
        {sent && <Paragraph>{t('questions.sent')}</Paragraph>}
      </div>
    </>
  );
}
