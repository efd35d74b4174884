import { Button, Card, Heading, Paragraph, Select, Tag, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  answerQuestion,
  mergeQuestion,
  needQuestions,
  publishExternalQuestion,
  rejectQuestion,
  type Question,
} from '../../api/questions';
import { stockholmToIso } from '../../shared/forms/datetime';
import { FormErrorSummary, useFormErrors } from '../../shared/forms/form-errors';
import { useApi } from '../../shared/hooks/use-api';
import { useFormat } from '../../shared/i18n/use-format';
import { useFocusReturn } from '../../shared/ui/use-focus-return';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { NeedWorkspace, type NeedContext } from './need-workspace';
import type { Message } from '../../shared/ui/message';

/** `/behov/:id/fragor`: answer (publish or save), merge duplicates, decline; publish questions received elsewhere. */
export function NeedQuestionsPage() {
  const { t } = useTranslation();
  return (
    <NeedWorkspace title={t('questionsAdmin.title')}>
      {(context) => <Questions context={context} />}
    </NeedWorkspace>
  );
}

function Questions({ context }: { context: NeedContext }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { need } = context;
  const [refresh, setRefresh] = useState(0);
  const [notice, setNotice] = useState<Message>();
  const list = useApi(`questions-admin:${need.id}:${refresh}`, (signal) => needQuestions(need.id, signal), {
    keepPrevious: true,
  });
  const changed = (message: Message) => {
    setNotice(() => message);
    setRefresh((n) => n + 1);
  };
  const items = list.status === 'success' ? list.data.items : [];
  const open = items.filter((q) => q.status === 'pending' || q.status === 'answered');
  const published = items.filter((q) => q.status === 'published');
  const closed = items.filter((q) => q.status === 'merged' || q.status === 'rejected');
  return (
    <>
      <Paragraph className="bt-lead">{t('questionsAdmin.lead')}</Paragraph>
      {list.status === 'success' && (
        <Paragraph data-size="sm">
          {list.data.questionsOpen
            ? list.data.questionsDeadline
              ? t('questionsAdmin.openUntil', { date: format.dateTime(list.data.questionsDeadline) })
              : t('questionsAdmin.openNoDeadline')
            : t('questionsAdmin.closed')}
        </Paragraph>
      )}
      <div role="status" className="bt-form__status">
        {notice && <Paragraph>{notice(t)}</Paragraph>}
      </div>
      {list.status === 'loading' && <Paragraph>{t('common.loading')}</Paragraph>}
      {list.status === 'error' && (
        <ApiErrorAlert error={list.error} onRetry={list.reload} headingLevel={false} />
      )}
      {list.status === 'success' && (
        <>
          <section aria-labelledby="questions-open" className="bt-section">
            <Heading level={2} data-size="sm" id="questions-open">
              {t('questionsAdmin.openTitle', { count: open.length })}
            </Heading>
            {open.length === 0 ? (
              <Paragraph>{t('questionsAdmin.noOpen')}</Paragraph>
            ) : (
              <ul className="bt-plain-list bt-match-list">
                {open.map((q) => (
                  <li key={q.id}>
                    <OpenQuestion
                      question={q}
                      others={items.filter((o) => o.id !== q.id && o.status !== 'merged')}
                      onChanged={changed}
                    />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="questions-published" className="bt-section">
            <Heading level={2} data-size="sm" id="questions-published">
              {t('questionsAdmin.publishedTitle', { count: published.length })}
            </Heading>
            {published.length === 0 ? (
              <Paragraph>{t('questionsAdmin.nonePublished')}</Paragraph>
            ) : (
              <ul className="bt-plain-list bt-qa-list">
                {published.map((q) => (
                  <li key={q.id}>
                    <PublishedQuestion question={q} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          {closed.length > 0 && (
            <section aria-labelledby="questions-closed" className="bt-section">
              <Heading level={2} data-size="sm" id="questions-closed">
                {t('questionsAdmin.closedTitle', { count: closed.length })}
              </Heading>
              <ul className="bt-plain-list bt-qa-list">
                {closed.map((q) => (
                  <li key={q.id}>
                    <Paragraph>{q.question}</Paragraph>
                    <Paragraph data-size="sm" className="bt-muted">
                      {q.status === 'merged'
                        ? t('questionsAdmin.mergedNote')
                        : t('questionsAdmin.rejectedNote', { reason: q.rejectionReason ?? '' })}
                    </Paragraph>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
      {need.status === 'published' && (
        <ExternalQuestion
          needId={need.id}
          onPublished={() => changed((tr) => tr('questionsAdmin.externalDone'))}
        />
      )}
    </>
  );
}

function PublishedQuestion({ question }: { question: Question }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      <Paragraph>
        <strong>{t('questions.q')}</strong> {question.question}
      </Paragraph>
      <Paragraph className="bt-pre-line">
        <strong>{t('questions.a')}</strong> {question.answer}
      </Paragraph>
      <Paragraph data-size="sm" className="bt-muted">
        {question.publishedAt ? t('questions.publishedAt', { date: format.date(question.publishedAt) }) : ''}
        {question.askedBy
          ? ` · ${t('questionsAdmin.askedBy', { name: question.askedBy.organisationName })}`
          : ''}
        {question.source === 'external' ? ` · ${t('questionsAdmin.external')}` : ''}
      </Paragraph>
    </>
  );
}

type Mode = 'answer' | 'merge' | 'reject' | undefined;

function OpenQuestion({
  question,
  others,
  onChanged,
}: {
  question: Question;
  others: Question[];
  onChanged: (message: Message) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [mode, setMode] = useState<Mode>(question.status === 'answered' ? 'answer' : undefined);
  // "Avbryt" closes the form and brings the buttons back: focus returns to the one that opened it.
  const openers = {
    answer: useFocusReturn<HTMLButtonElement>(),
    merge: useFocusReturn<HTMLButtonElement>(),
    reject: useFocusReturn<HTMLButtonElement>(),
  };
  const cancel = (from: 'answer' | 'merge' | 'reject') => {
    setMode(undefined);
    openers[from].returnFocus();
  };
  const titleId = `question-${question.id}`;
  return (
    <Card data-color="neutral" aria-labelledby={titleId}>
      <Heading level={3} data-size="2xs" id={titleId}>
        {t('questionsAdmin.askedAt', { date: format.dateTime(question.askedAt) })}
      </Heading>
      <Paragraph className="bt-pre-line">{question.question}</Paragraph>
      <div className="bt-tags">
        <Tag data-color={question.status === 'answered' ? 'info' : 'warning'}>
          {t(`questionStatus.${question.status}`)}
        </Tag>
        {question.askedBy && (
          <Tag data-color="neutral">
            {t('questionsAdmin.askedBy', { name: question.askedBy.organisationName })}
          </Tag>
        )}
        {question.askedCount > 1 && (
          <Tag data-color="neutral">{t('questionsAdmin.askedCount', { count: question.askedCount })}</Tag>
        )}
      </div>
      {question.askedBy && (
        <Paragraph data-size="sm" className="bt-muted">
          {t('questionsAdmin.anonymousNote')}
        </Paragraph>
      )}
      {mode === undefined && (
        <div className="bt-inline-actions">
          <Button
            ref={openers.answer.ref}
            data-size="sm"
            aria-describedby={titleId}
            onClick={() => setMode('answer')}
          >
            {t('questionsAdmin.answer')}
          </Button>
          {others.length > 0 && (
            <Button
              ref={openers.merge.ref}
              variant="secondary"
              data-size="sm"
              aria-describedby={titleId}
              onClick={() => setMode('merge')}
            >
              {t('questionsAdmin.merge')}
            </Button>
          )}
          <Button
            ref={openers.reject.ref}
            variant="secondary"
            data-color="danger"
            data-size="sm"
            aria-describedby={titleId}
            onClick={() => setMode('reject')}
          >
            {t('questionsAdmin.reject')}
          </Button>
        </div>
      )}
      {mode === 'answer' && (
        <AnswerForm question={question} onDone={onChanged} onCancel={() => cancel('answer')} />
      )}
      {mode === 'merge' && (
        <MergeForm question={question} others={others} onDone={onChanged} onCancel={() => cancel('merge')} />
      )}
      {mode === 'reject' && (
        <RejectForm question={question} onDone={onChanged} onCancel={() => cancel('reject')} />
      )}
    </Card>
  );
}

interface ActionFormProps {
  question: Question;
  onDone: (message: Message) => void;
  onCancel: () => void;
}

function AnswerForm({ question, onDone, onCancel }: ActionFormProps) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const ids = { question: `answer-${question.id}-question`, answer: `answer-${question.id}-answer` };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const data = new FormData(event.currentTarget);
    const publish =
      ((event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null)?.value !== 'draft';
    const wording = String(data.get('question') ?? '').trim();
    const answer = String(data.get('answer') ?? '').trim();
    const ok = errors.check({
      question: wording.length < 5 ? t('questionsAdmin.errors.wording') : undefined,
      answer: answer ? undefined : t('questionsAdmin.errors.answer'),
    });
    if (!ok) return;
    setBusy(true);
    try {
      await answerQuestion(question.id, {
        answer,
        publish,
        ...(wording !== question.question ? { question: wording } : {}),
      });
      onDone((tr) => (publish ? tr('questionsAdmin.answered') : tr('questionsAdmin.draftSaved')));
    } catch (error) {
      errors.fromApiError(error);
      setBusy(false);
    }
  }

  return (
    <form className="bt-form" noValidate onSubmit={submit}>
      <FormErrorSummary errors={errors} fieldIds={ids} />
      <Textfield
        id={ids.question}
        name="question"
        multiline
        rows={3}
        label={t('questionsAdmin.wording')}
        description={t('questionsAdmin.wordingDescription')}
        defaultValue={question.question}
        error={errors.fields.question}
      />
      <Textfield
        id={ids.answer}
        name="answer"
        multiline
        rows={5}
        label={t('questionsAdmin.answerLabel')}
        defaultValue={question.answer}
        error={errors.fields.answer}
      />
      <div className="bt-inline-actions">
        <Button type="submit" name="action" value="publish" data-size="sm" loading={busy}>
          {t('questionsAdmin.publish')}
        </Button>
        <Button type="submit" name="action" value="draft" variant="secondary" data-size="sm" disabled={busy}>
          {t('questionsAdmin.saveDraft')}
        </Button>
        <Button variant="tertiary" data-size="sm" onClick={onCancel}>
          {t('forms.cancel')}
        </Button>
      </div>
    </form>
  );
}

function MergeForm({ question, others, onDone, onCancel }: ActionFormProps & { others: Question[] }) {
  const { t } = useTranslation();
  const [into, setInto] = useState(others[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const selectId = `merge-${question.id}`;
  return (
    <div className="bt-form">
      <div className="bt-select-field">
        <label htmlFor={selectId} className="ds-label">
          {t('questionsAdmin.mergeInto')}
        </label>
        <Select id={selectId} value={into} onChange={(e) => setInto(e.target.value)}>
          {others.map((o) => (
            <Select.Option key={o.id} value={o.id}>
              {o.question.length > 90 ? `${o.question.slice(0, 90)}…` : o.question}
            </Select.Option>
          ))}
        </Select>
      </div>
      <div className="bt-inline-actions">
        <Button
          data-size="sm"
          loading={busy}
          onClick={() => {
            setBusy(true);
            setError(undefined);
            mergeQuestion(question.id, into).then(
              () => onDone((tr) => tr('questionsAdmin.merged')),
              (e: unknown) => {
                setError(e);
                setBusy(false);
              },
            );
          }}
        >
          {t('questionsAdmin.mergeSubmit')}
        </Button>
        <Button variant="tertiary" data-size="sm" onClick={onCancel}>
          {t('forms.cancel')}
        </Button>
      </div>
      {error !== undefined && <ApiErrorAlert error={error} headingLevel={false} />}
    </div>
  );
}

function RejectForm({ question, onDone, onCancel }: ActionFormProps) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const reasonId = `reject-${question.id}`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    if (!errors.check({ reason: reason.length < 3 ? t('questionsAdmin.errors.reason') : undefined })) return;
    setBusy(true);
    try {
      await rejectQuestion(question.id, reason);
      onDone((tr) => tr('questionsAdmin.rejected'));
    } catch (error) {
      errors.fromApiError(error);
      setBusy(false);
    }
  }

  return (
    <form className="bt-form" noValidate onSubmit={submit}>
      <FormErrorSummary errors={errors} fieldIds={{ reason: reasonId }} />
      <Textfield
        id={reasonId}
        name="reason"
        multiline
        rows={3}
        label={t('questionsAdmin.reasonLabel')}
        description={t('questionsAdmin.reasonDescription')}
        error={errors.fields.reason}
      />
      <div className="bt-inline-actions">
        <Button type="submit" data-color="danger" data-size="sm" loading={busy}>
          {t('questionsAdmin.rejectSubmit')}
        </Button>
        <Button variant="tertiary" data-size="sm" onClick={onCancel}>
          {t('forms.cancel')}
        </Button>
      </div>
    </form>
  );
}

function ExternalQuestion({ needId, onPublished }: { needId: string; onPublished: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(0);
  const ids = { question: 'external-question', answer: 'external-answer', receivedAt: 'external-received' };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const data = new FormData(event.currentTarget);
    const question = String(data.get('question') ?? '').trim();
    const answer = String(data.get('answer') ?? '').trim();
    const received = String(data.get('receivedAt') ?? '');
    const receivedAt = received ? stockholmToIso(received) : undefined;
    const ok = errors.check({
      question: question.length < 5 ? t('questionsAdmin.errors.wording') : undefined,
      answer: answer ? undefined : t('questionsAdmin.errors.answer'),
      receivedAt: received && !receivedAt ? t('needForm.errors.dateTime') : undefined,
    });
    if (!ok) return;
    setBusy(true);
    try {
      await publishExternalQuestion(needId, { question, answer, ...(receivedAt ? { receivedAt } : {}) });
      setKey((n) => n + 1);
      errors.clear();
      onPublished();
    } catch (error) {
      errors.fromApiError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="external-title" className="bt-section">
      <Heading level={2} data-size="sm" id="external-title">
        {t('questionsAdmin.externalTitle')}
      </Heading>
      <details className="bt-disclosure">
        <summary>{t('questionsAdmin.externalOpen')}</summary>
        <Paragraph>{t('questionsAdmin.externalLead')}</Paragraph>
        <form key={key} className="bt-form bt-narrow" noValidate onSubmit={submit}>
          <FormErrorSummary errors={errors} fieldIds={ids} />
          <Textfield
            id={ids.question}
            name="question"
            multiline
            rows={3}
            label={t('questionsAdmin.wording')}
            error={errors.fields.question}
          />
          <Textfield
            id={ids.answer}
            name="answer"
            multiline
            rows={4}
            label={t('questionsAdmin.answerLabel')}
            error={errors.fields.answer}
          />
          <Textfield
            id={ids.receivedAt}
            name="receivedAt"
            type="datetime-local"
            label={t('questionsAdmin.receivedAt')}
            error={errors.fields.receivedAt}
          />
          <div className="bt-actions">
            <Button type="submit" loading={busy}>
              {t('questionsAdmin.publish')}
            </Button>
          </div>
        </form>
      </details>
    </section>
  );
}
