import { Alert, Button, Heading, Paragraph, Skeleton, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { isNotFound } from '../../api/errors';
import { cancelMeeting, getMeeting, publishMeeting, type Meeting } from '../../api/meetings';
import { apiLinks, paths } from '../../app/paths';
import { FormErrorSummary, useFormErrors } from '../../shared/forms/form-errors';
import { useApi } from '../../shared/hooks/use-api';
import { useFormat } from '../../shared/i18n/use-format';
import { useFocusReturn } from '../../shared/ui/use-focus-return';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';
import { NeedWorkspace } from '../need-admin/need-workspace';
import { MeetingEditForm } from './meeting-edit-form';
import { hasEnded, MeetingStatusTag } from './meeting-tags';
import { Registrations } from './registrations';
import { SummaryForm } from './summary-form';
import './meetings.css';
import type { Message } from '../../shared/ui/message';

/** `/behov/:id/moten/:meetingId`: one meeting – change, reschedule, cancel, registrations, summary. */
export function MeetingPage() {
  const { t } = useTranslation();
  return (
    <NeedWorkspace title={t('meetingAdmin.title')} ownHeading>
      {() => <MeetingView />}
    </NeedWorkspace>
  );
}

function MeetingView() {
  const { t } = useTranslation();
  const { meetingId = '' } = useParams();
  const meeting = useApi(`meeting:${meetingId}`, (signal) => getMeeting(meetingId, signal));
  if (meeting.status === 'loading') {
    return (
      <PageHeading busy>
        <span className="bt-visually-hidden">{t('common.loading')}</span>
        <Skeleton variant="text" width="40%" aria-hidden="true" />
      </PageHeading>
    );
  }
  if (meeting.status === 'error') {
    return (
      <>
        <PageHeading>
          {isNotFound(meeting.error) ? t('meetingAdmin.notFound') : t('common.errorTitle')}
        </PageHeading>
        <ApiErrorAlert error={meeting.error} onRetry={meeting.reload} headingLevel={false} />
      </>
    );
  }
  return <ManageMeeting key={meeting.data.id} initial={meeting.data} />;
}

function ManageMeeting({ initial }: { initial: Meeting }) {
  const { t } = useTranslation();
  const format = useFormat();
  const location = useLocation();
  const [meeting, setMeeting] = useState(initial);
  const [notice, setNotice] = useState<Message | undefined>(() =>
    (location.state as { created?: boolean } | null)?.created
      ? initial.status === 'draft'
        ? (tr: TFunction) => tr('meetingAdmin.createdDraft')
        : (tr: TFunction) => tr('meetingAdmin.created')
      : undefined,
  );
  const [editing, setEditing] = useState(false);
  const editOpener = useFocusReturn<HTMLButtonElement>();
  const [registrationsKey, setRegistrationsKey] = useState(0);
  const ended = hasEnded(meeting);
  const cancelled = meeting.status === 'cancelled';
  const update = (next: Meeting, message: Message) => {
    setMeeting(next);
    setNotice(() => message);
    setRegistrationsKey((n) => n + 1);
  };

  return (
    <>
      <PageHeading>{meeting.title}</PageHeading>
      <div role="status" className="bt-form__status">
        {notice && <Paragraph>{notice(t)}</Paragraph>}
      </div>
      {cancelled && (
        <Alert data-color="danger" className="bt-block">
          <Paragraph>
            {t('meetingAdmin.cancelledNote')}
            {meeting.cancelReason ? ` ${t('supplier.reason', { reason: meeting.cancelReason })}` : ''}
          </Paragraph>
        </Alert>
      )}
      <dl className="bt-facts">
        <dt>{t('networkManage.status')}</dt>
        <dd>
          <MeetingStatusTag meeting={meeting} />
        </dd>
        <dt>{t('meetingForm.kind')}</dt>
        <dd>{t(`meetingKind.${meeting.kind}`)}</dd>
        <dt>{t('meetingAdmin.when')}</dt>
        <dd>
          <time dateTime={format.iso(meeting.startsAt)}>{format.dateTime(meeting.startsAt)}</time>
          {' – '}
          <time dateTime={format.iso(meeting.endsAt)}>{format.dateTime(meeting.endsAt)}</time>
        </dd>
        <dt>{t('meetingForm.format')}</dt>
        <dd>
          {t(`meetings.format.${meeting.format}`)}
          {meeting.address ? ` · ${meeting.address}` : ''}
          {meeting.onlineUrl && (
            <>
              {' · '}
              <a href={meeting.onlineUrl} rel="noopener noreferrer">
                {meeting.onlineUrl}
              </a>
            </>
          )}
        </dd>
        <dt>{t('meetingAdmin.places')}</dt>
        <dd>
          {t('meetingAdmin.counts', {
            registered: meeting.registeredCount,
            capacity: meeting.capacity,
            waitlist: meeting.waitlistCount,
          })}
        </dd>
        <dt>{t('meetingAdmin.deadline')}</dt>
        <dd>
          <time dateTime={format.iso(meeting.registrationDeadline)}>
            {format.dateTime(meeting.registrationDeadline)}
          </time>
        </dd>
        {meeting.inviteMinScore !== undefined && (
          <>
            <dt>{t('meetingForm.inviteMinScore')}</dt>
            <dd>{t('needMatches.atLeast', { percent: Math.round(meeting.inviteMinScore * 100) })}</dd>
          </>
        )}
      </dl>
      {meeting.agenda && (
        <section aria-labelledby="meeting-agenda" className="bt-section">
          <Heading level={2} data-size="sm" id="meeting-agenda">
            {t('meetingForm.agenda')}
          </Heading>
          <Paragraph className="bt-pre-line">{meeting.agenda}</Paragraph>
        </section>
      )}

      {meeting.canManage && !cancelled && (
        <section aria-labelledby="meeting-actions" className="bt-section">
          <Heading level={2} data-size="sm" id="meeting-actions">
            {t('meetingAdmin.actions')}
          </Heading>
          <div className="bt-inline-actions">
            {meeting.status === 'draft' && (
              <PublishButton
                meeting={meeting}
                onPublished={(m) => update(m, (tr) => tr('meetingAdmin.published'))}
              />
            )}
            {!ended && !editing && (
              <Button
                ref={editOpener.ref}
                variant="secondary"
                data-size="sm"
                onClick={() => setEditing(true)}
              >
                {t('meetingAdmin.edit')}
              </Button>
            )}
            <Button asChild variant="tertiary" data-size="sm">
              <a href={meeting.links.ics}>{t('meetingAdmin.ics')}</a>
            </Button>
          </div>
          {editing && (
            <MeetingEditForm
              meeting={meeting}
              onCancel={() => {
                setEditing(false);
                editOpener.returnFocus();
              }}
              onSaved={(m) => {
                setEditing(false);
                update(m, (tr) => tr('meetingAdmin.saved'));
              }}
            />
          )}
          {!ended && (
            <CancelMeeting
              meeting={meeting}
              onCancelled={(m) => update(m, (tr) => tr('meetingAdmin.cancelled'))}
            />
          )}
        </section>
      )}

      <Registrations key={registrationsKey} meeting={meeting} csvHref={apiLinks.attendanceCsv(meeting.id)} />

      {meeting.canManage && !cancelled && ended && (
        <SummaryForm meeting={meeting} onSaved={(m) => update(m, (tr) => tr('meetingAdmin.summarySaved'))} />
      )}
      <p>
        <AppLink to={paths.needMeetings(meeting.needId)}>{t('meetingAdmin.backToList')}</AppLink>
      </p>
    </>
  );
}

function PublishButton({ meeting, onPublished }: { meeting: Meeting; onPublished: (m: Meeting) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  return (
    <>
      <Button
        data-size="sm"
        loading={busy}
        onClick={() => {
          setBusy(true);
          setError(undefined);
          publishMeeting(meeting.id).then(
            (m) => {
              setBusy(false);
              onPublished(m);
            },
            (e: unknown) => {
              setBusy(false);
              setError(e);
            },
          );
        }}
      >
        {t('meetingAdmin.publish')}
      </Button>
      {error !== undefined && <ApiErrorAlert error={error} headingLevel={false} />}
    </>
  );
}

function CancelMeeting({ meeting, onCancelled }: { meeting: Meeting; onCancelled: (m: Meeting) => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    if (
      !errors.check({ reason: reason && reason.length < 3 ? t('meetingAdmin.cancelReasonShort') : undefined })
    )
      return;
    setBusy(true);
    try {
      onCancelled(await cancelMeeting(meeting.id, reason || undefined));
    } catch (error) {
      errors.fromApiError(error);
      setBusy(false);
    }
  }

  return (
    <details className="bt-disclosure">
      <summary>{t('meetingAdmin.cancel')}</summary>
      <form className="bt-form bt-narrow" noValidate onSubmit={submit}>
        <FormErrorSummary errors={errors} fieldIds={{ reason: 'meeting-cancel-reason' }} />
        <Paragraph>
          {t('meetingAdmin.cancelLead', { count: meeting.registeredCount + meeting.waitlistCount })}
        </Paragraph>
        <Textfield
          id="meeting-cancel-reason"
          name="reason"
          multiline
          rows={3}
          label={t('meetingAdmin.cancelReason')}
          error={errors.fields.reason}
        />
        <div className="bt-actions">
          <Button type="submit" data-color="danger" loading={busy}>
            {t('meetingAdmin.cancelSubmit')}
          </Button>
        </div>
      </form>
    </details>
  );
}
