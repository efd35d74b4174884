import { Button, Checkbox, Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meetingRegistrations, setAttended, type Meeting, type Registration } from '../../api/meetings';
import { useApi } from '../../shared/hooks/use-api';
import { useFormat } from '../../shared/i18n/use-format';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { hasEnded } from './meeting-tags';

/** Who registered (in order), the waitlist, and – once the meeting has been held – who attended. */
export function Registrations({ meeting, csvHref }: { meeting: Meeting; csvHref: string }) {
  const { t } = useTranslation();
  const list = useApi(`registrations:${meeting.id}`, (signal) => meetingRegistrations(meeting.id, signal));
  const ended = hasEnded(meeting);
  const registered = list.status === 'success' ? list.data.filter((r) => r.status === 'registered') : [];
  const waitlist =
    list.status === 'success'
      ? list.data
          .filter((r) => r.status === 'waitlisted')
          .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
      : [];
  const cancelled = list.status === 'success' ? list.data.filter((r) => r.status === 'cancelled').length : 0;
  return (
    <section aria-labelledby="registrations-title" className="bt-section">
      <Heading level={2} data-size="sm" id="registrations-title">
        {t('meetingAdmin.registrationsTitle')}
      </Heading>
      <p>
        <Button asChild variant="secondary" data-size="sm">
          <a href={csvHref} download>
            {t('meetingAdmin.csv')}
          </a>
        </Button>
      </p>
      {list.status === 'loading' && <Paragraph>{t('common.loading')}</Paragraph>}
      {list.status === 'error' && <ApiErrorAlert error={list.error} onRetry={list.reload} headingLevel={3} />}
      {list.status === 'success' && (
        <>
          {registered.length === 0 ? (
            <Paragraph>{t('meetingAdmin.noRegistrations')}</Paragraph>
          ) : (
            <RegistrationTable
              id="registered"
              caption={t('meetingAdmin.registeredCaption', { count: registered.length })}
              rows={registered}
              meeting={meeting}
              attendance={ended}
            />
          )}
          <Heading level={3} data-size="xs" id="waitlist-title">
            {t('meetingAdmin.waitlistTitle', { count: waitlist.length })}
          </Heading>
          {waitlist.length === 0 ? (
            <Paragraph>{t('meetingAdmin.noWaitlist')}</Paragraph>
          ) : (
            <RegistrationTable
              id="waitlist"
              caption={t('meetingAdmin.waitlistTitle', { count: waitlist.length })}
              rows={waitlist}
              meeting={meeting}
              attendance={false}
              showPosition
            />
          )}
          {cancelled > 0 && (
            <Paragraph data-size="sm" className="bt-muted">
              {t('meetingAdmin.cancelledCount', { count: cancelled })}
            </Paragraph>
          )}
        </>
      )}
    </section>
  );
}

function RegistrationTable({
  id,
  caption,
  rows,
  meeting,
  attendance,
  showPosition = false,
}: {
  id: string;
  caption: string;
  rows: Registration[];
  meeting: Meeting;
  attendance: boolean;
  showPosition?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const captionId = `${id}-caption`;
  return (
    <div className="bt-table-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
      <Table data-size="sm" border>
        <caption id={captionId} className="bt-visually-hidden">
          {caption}
        </caption>
        <Table.Head>
          <Table.Row>
            {showPosition && <Table.HeaderCell>{t('meetingAdmin.position')}</Table.HeaderCell>}
            <Table.HeaderCell>{t('networkMembers.organisation')}</Table.HeaderCell>
            <Table.HeaderCell>{t('meetingAdmin.participants')}</Table.HeaderCell>
            {meeting.kind === 'one_to_one' && <Table.HeaderCell>{t('meetingAdmin.slot')}</Table.HeaderCell>}
            {meeting.registrationQuestions.length > 0 && (
              <Table.HeaderCell>{t('meetingAdmin.answers')}</Table.HeaderCell>
            )}
            <Table.HeaderCell>{t('meetingAdmin.registeredAt')}</Table.HeaderCell>
            {attendance && <Table.HeaderCell>{t('meetingAdmin.attended')}</Table.HeaderCell>}
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {rows.map((r) => (
            <Table.Row key={r.id}>
              {showPosition && <Table.Cell>{r.position ?? '–'}</Table.Cell>}
              <Table.HeaderCell scope="row" id={`registration-${r.id}`}>
                {r.organisation.name}
                <br />
                <span className="bt-muted">
                  {t('supplier.orgNumberShort', { number: r.organisation.orgNumber })}
                </span>
              </Table.HeaderCell>
              <Table.Cell>{r.participants.map((p) => p.name).join(', ') || '–'}</Table.Cell>
              {meeting.kind === 'one_to_one' && (
                <Table.Cell>{r.slot ? format.dateTime(r.slot.startsAt) : '–'}</Table.Cell>
              )}
              {meeting.registrationQuestions.length > 0 && (
                <Table.Cell>
                  {r.answers.length === 0
                    ? '–'
                    : r.answers.map((a) => (
                        <p key={a.questionId} className="bt-answer">
                          <strong>{a.question}</strong> {a.text}
                        </p>
                      ))}
                </Table.Cell>
              )}
              <Table.Cell>
                <time dateTime={format.iso(r.createdAt)}>{format.dateTime(r.createdAt)}</time>
              </Table.Cell>
              {attendance && (
                <Table.Cell>
                  <Attended meetingId={meeting.id} registration={r} />
                </Table.Cell>
              )}
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}

function Attended({ meetingId, registration }: { meetingId: string; registration: Registration }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(registration.attended === true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  return (
    <>
      <Checkbox
        id={`attended-${registration.id}`}
        label={t('meetingAdmin.attendedLabel', { name: registration.organisation.name })}
        checked={value}
        disabled={busy}
        onChange={(event) => {
          const next = event.target.checked;
          setValue(next);
          setBusy(true);
          setError(undefined);
          setAttended(meetingId, registration.id, next).then(
            () => setBusy(false),
            (e: unknown) => {
              setValue(!next);
              setBusy(false);
              setError(e);
            },
          );
        }}
      />
      {error !== undefined && <ApiErrorAlert error={error} headingLevel={false} />}
    </>
  );
}
