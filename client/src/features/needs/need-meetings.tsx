import { Button, Card, Heading, Paragraph, Select, Tag, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  cancelRegistration,
  needMeetings,
  registerForMeeting,
  type Meeting,
  type MyRegistration,
} from '../../api/meetings';
import { FormErrorSummary, useFormErrors } from '../../shared/forms/form-errors';
import { useApi } from '../../shared/hooks/use-api';
import { useFormat } from '../../shared/i18n/use-format';
import { useSession } from '../../shared/session/session';
import {
  StandingNotice,
  useSupplierStanding,
  type SupplierStanding,
} from '../../shared/session/supplier-standing';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import type { Message } from '../../shared/ui/message';

/** The need's dialogue meetings: registration (slots, questions, waitlist) for suppliers, summaries for all. */
export function NeedMeetings({ needId }: { needId: string }) {
  const { t } = useTranslation();
  const meetings = useApi(`need-meetings:${needId}`, (signal) => needMeetings(needId, signal));
  const visible =
    meetings.status === 'success' ? meetings.data.items.filter((m) => m.status !== 'draft') : [];
  const { user } = useSession();
  // Asked once for all cards, and only when some meeting still takes registrations.
  const standing = useSupplierStanding(
    user,
    visible.some((m) => m.registrationOpen),
  );
  return (
    <section aria-labelledby="need-meetings">
      <Heading level={2} data-size="sm" id="need-meetings">
        {t('meetings.title')}
      </Heading>
      {meetings.status === 'loading' && <Paragraph>{t('common.loading')}</Paragraph>}
      {meetings.status === 'error' && (
        <ApiErrorAlert error={meetings.error} onRetry={meetings.reload} headingLevel={3} />
      )}
      {meetings.status === 'success' &&
        (visible.length === 0 ? (
          <Paragraph>{t('meetings.none')}</Paragraph>
        ) : (
          <ul className="bt-plain-list bt-meeting-list">
            {visible.map((m) => (
              <li key={m.id}>
                <MeetingCard meeting={m} standing={standing} />
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

function MeetingCard({ meeting, standing }: { meeting: Meeting; standing: SupplierStanding }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { user } = useSession();
  const [registration, setRegistration] = useState<MyRegistration | undefined>(
    meeting.myRegistration?.status === 'cancelled' ? undefined : meeting.myRegistration,
  );
  const [announce, setAnnounce] = useState<Message>();
  // The pressed button goes away after booking or cancelling: focus follows to what replaced it
  // (the new registration status, or the meeting's heading after a cancellation).
  const [focusAfter, setFocusAfter] = useState<'status' | 'heading'>();
  const statusRef = useRef<HTMLSpanElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusAfter === 'status') statusRef.current?.focus();
    if (focusAfter === 'heading') headingRef.current?.focus();
  }, [focusAfter, registration]);
  const mayRegister = standing.status === 'ready' || standing.status === 'unknown';
  const titleId = `meeting-${meeting.id}`;
  const cancelled = meeting.status === 'cancelled';
  const ended = new Date(meeting.endsAt).getTime() <= Date.now();
  return (
    <Card data-color="neutral" variant="tinted" className="bt-meeting" aria-labelledby={titleId}>
      <Heading level={3} data-size="xs" id={titleId} ref={headingRef} tabIndex={-1} lang={meeting.language}>
        {meeting.title}
      </Heading>
      <div className="bt-tags">
        <Tag data-color="neutral">{t(`meetingKind.${meeting.kind}`)}</Tag>
        {cancelled && <Tag data-color="danger">{t('meetingStatus.cancelled')}</Tag>}
        {!cancelled && ended && <Tag data-color="info">{t('meetingStatus.held')}</Tag>}
      </div>
      <Paragraph>
        <time dateTime={format.iso(meeting.startsAt)}>{format.dateTime(meeting.startsAt)}</time>
        {' – '}
        <time dateTime={format.iso(meeting.endsAt)}>{format.dateTime(meeting.endsAt)}</time>
        {' · '}
        {t(`meetings.format.${meeting.format}`)}
        {meeting.address ? ` · ${meeting.address}` : ''}
      </Paragraph>
      {meeting.agenda && (
        <Paragraph className="bt-pre-line" lang={meeting.language}>
          {meeting.agenda}
        </Paragraph>
      )}
      {!cancelled && !ended && (
        <Paragraph data-size="sm">
          {meeting.kind === 'one_to_one'
            ? t('meetings.slotsLeft', { count: meeting.slots.filter((s) => !s.booked).length })
            : t('meetings.placesLeft', { count: meeting.placesLeft })}{' '}
          · {t('meetings.deadline', { date: format.dateTime(meeting.registrationDeadline) })}
        </Paragraph>
      )}
      {registration && meeting.onlineUrl && (
        <Paragraph data-size="sm">
          {t('meetings.onlineLink')}{' '}
          <a href={meeting.onlineUrl} rel="noopener noreferrer">
            {meeting.onlineUrl}
          </a>
        </Paragraph>
      )}
      {!cancelled && !ended && (
        <Paragraph data-size="sm">
          <a href={meeting.links.ics}>{t('meetings.ics')}</a>
        </Paragraph>
      )}
      {/* The network's own people manage the meeting; telling them to register a company would mislead. */}
      {!cancelled &&
        !ended &&
        !registration &&
        meeting.registrationOpen &&
        !mayRegister &&
        !meeting.canManage && <StandingNotice standing={standing} action="meeting" />}
      {!cancelled && !ended && user && !registration && meeting.registrationOpen && mayRegister && (
        <RegisterForm
          meeting={meeting}
          titleId={titleId}
          organisationId={standing.status === 'ready' ? standing.organisationId : undefined}
          onRegistered={(r) => {
            setRegistration(r);
            // Focus moves to the new status, which reads it out: no separate announcement.
            setAnnounce(undefined);
            setFocusAfter('status');
          }}
        />
      )}
      {!cancelled && !registration && !meeting.registrationOpen && !ended && (
        <Paragraph data-size="sm" className="bt-muted">
          {t('meetings.registrationClosed')}
        </Paragraph>
      )}
      {/* Announced only: the tag below shows the same for sighted users. */}
      <div role="status" className="bt-visually-hidden">
        {announce?.(t)}
      </div>
      {registration && (
        <div className="bt-inline-status">
          <span ref={statusRef} tabIndex={-1}>
            <Tag data-color={registration.status === 'waitlisted' ? 'warning' : 'success'}>
              {registration.status === 'waitlisted'
                ? t('meetings.waitlisted', { position: registration.position ?? '' })
                : registration.slot
                  ? t('meetings.registeredSlot', { time: format.dateTime(registration.slot.startsAt) })
                  : t('meetings.registered')}
            </Tag>
          </span>
          {!ended && !cancelled && (
            <CancelRegistration
              meetingId={meeting.id}
              organisationId={registration.organisationId}
              titleId={titleId}
              onCancelled={() => {
                setRegistration(undefined);
                setAnnounce(() => (tr: TFunction) => tr('meetings.unregistered'));
                setFocusAfter('heading');
              }}
            />
          )}
        </div>
      )}
      {meeting.summary && (
        <details className="bt-disclosure">
          <summary>{t('meetings.summary')}</summary>
          <Paragraph className="bt-pre-line">{meeting.summary.presented}</Paragraph>
          {meeting.summary.questionsAsked && (
            <Paragraph className="bt-pre-line">{meeting.summary.questionsAsked}</Paragraph>
          )}
          {meeting.summary.changesToNeed && (
            <Paragraph className="bt-pre-line">{meeting.summary.changesToNeed}</Paragraph>
          )}
          <Paragraph data-size="sm" className="bt-muted">
            {t('meetings.summaryParticipants', { count: meeting.summary.participantsCount })}
          </Paragraph>
        </details>
      )}
    </Card>
  );
}

function RegisterForm({
  meeting,
  titleId,
  organisationId,
  onRegistered,
}: {
  meeting: Meeting;
  titleId: string;
  /** The verified supplier organisation to register (the API picks the only one when absent). */
  organisationId?: string;
  onRegistered: (registration: MyRegistration) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const freeSlots = meeting.slots.filter((s) => !s.booked);
  const needsForm = meeting.kind === 'one_to_one' || meeting.registrationQuestions.length > 0;
  const ids = Object.fromEntries(
    meeting.registrationQuestions.map((q, i) => [
      `answers.${i}.text`,
      `meeting-${meeting.id}-answer-${q.id}`,
    ]),
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const data = new FormData(event.currentTarget);
    const answers = meeting.registrationQuestions.map((q) => ({
      questionId: q.id,
      text: String(data.get(`answer-${q.id}`) ?? '').trim(),
    }));
    const problems: Record<string, string | undefined> = {};
    meeting.registrationQuestions.forEach((q, i) => {
      if (q.required && !answers[i]?.text)
        problems[`answers.${i}.text`] = t('meetings.answerRequired', { question: q.text });
    });
    if (!errors.check(problems)) return;
    const slotId = String(data.get('slotId') ?? '');
    setBusy(true);
    try {
      const result = await registerForMeeting(meeting.id, {
        ...(organisationId ? { organisationId } : {}),
        ...(slotId ? { slotId } : {}),
        answers: answers.filter((a) => a.text),
      });
      onRegistered({ ...result.registration, status: result.status, position: result.position });
    } catch (error) {
      errors.fromApiError(error);
      setBusy(false);
    }
  }

  if (!needsForm) {
    return (
      <form onSubmit={submit} noValidate>
        <FormErrorSummary errors={errors} fieldIds={ids} />
        <Button type="submit" loading={busy} aria-describedby={titleId}>
          {meeting.placesLeft > 0 ? t('meetings.register') : t('meetings.joinWaitlist')}
        </Button>
      </form>
    );
  }
  return (
    <form className="bt-form" onSubmit={submit} noValidate>
      <FormErrorSummary errors={errors} fieldIds={ids} />
      {meeting.kind === 'one_to_one' && freeSlots.length > 0 && (
        <div className="bt-select-field">
          <label htmlFor={`meeting-${meeting.id}-slot`} className="ds-label">
            {t('meetings.chooseSlot')}
          </label>
          <Select id={`meeting-${meeting.id}-slot`} name="slotId">
            {freeSlots.map((s) => (
              <Select.Option key={s.id} value={s.id}>
                {format.dateTime(s.startsAt)}
              </Select.Option>
            ))}
          </Select>
        </div>
      )}
      {meeting.registrationQuestions.map((q, i) => (
        <Textfield
          key={q.id}
          id={`meeting-${meeting.id}-answer-${q.id}`}
          name={`answer-${q.id}`}
          multiline
          rows={2}
          label={q.required ? q.text : t('meetings.optional', { label: q.text })}
          error={errors.fields[`answers.${i}.text`]}
        />
      ))}
      <div>
        <Button type="submit" loading={busy} aria-describedby={titleId}>
          {meeting.kind === 'one_to_one' && freeSlots.length > 0
            ? t('meetings.book')
            : meeting.placesLeft > 0
              ? t('meetings.register')
              : t('meetings.joinWaitlist')}
        </Button>
      </div>
    </form>
  );
}

function CancelRegistration({
  meetingId,
  organisationId,
  titleId,
  onCancelled,
}: {
  meetingId: string;
  organisationId: string;
  titleId: string;
  onCancelled: () => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  return (
    <>
      <Button
        variant="tertiary"
        data-size="sm"
        loading={busy}
        aria-describedby={titleId}
        onClick={() => {
          setBusy(true);
          setError(undefined);
          cancelRegistration(meetingId, organisationId).then(onCancelled, (e: unknown) => {
            setError(e);
            setBusy(false);
          });
        }}
      >
        {t('meetings.unregister')}
      </Button>
      {error !== undefined && <ApiErrorAlert error={error} headingLevel={false} />}
    </>
  );
}
