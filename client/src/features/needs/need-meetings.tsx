import { Button, Card, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { needMeetings, registerForMeeting, type Meeting } from '../../api/meetings';
import { useApi } from '../../shared/hooks/use-api';
import { useFormat } from '../../shared/i18n/use-format';
import { useSession } from '../../shared/session/session';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';

/** The need's dialogue meetings, with registration for logged-in suppliers. */
export function NeedMeetings({ needId }: { needId: string }) {
  const { t } = useTranslation();
  const meetings = useApi(`need-meetings:${needId}`, (signal) => needMeetings(needId, signal));
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
        (meetings.data.items.length === 0 ? (
          <Paragraph>{t('meetings.none')}</Paragraph>
        ) : (
          <ul className="bt-plain-list bt-meeting-list">
            {meetings.data.items.map((m) => (
              <li key={m.id}>
                <MeetingCard meeting={m} />
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

function MeetingCard({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { user } = useSession();
  const [state, setState] = useState<
    'idle' | 'busy' | { status: string; position?: number } | { error: unknown }
  >(meeting.myRegistration ? { status: meeting.myRegistration.status } : 'idle');
  const titleId = `meeting-${meeting.id}`;
  const registered = typeof state === 'object' && 'status' in state;
  return (
    <Card data-color="neutral" variant="tinted" className="bt-meeting" aria-labelledby={titleId}>
      <Heading level={3} data-size="xs" id={titleId}>
        {meeting.title}
      </Heading>
      <Paragraph>
        <time dateTime={format.iso(meeting.startsAt)}>{format.dateTime(meeting.startsAt)}</time>
        {' – '}
        <time dateTime={format.iso(meeting.endsAt)}>{format.dateTime(meeting.endsAt)}</time>
        {' · '}
        {t(`meetings.format.${meeting.format as 'online'}`)}
        {meeting.address ? ` · ${meeting.address}` : ''}
      </Paragraph>
      {meeting.agenda && <Paragraph className="bt-pre-line">{meeting.agenda}</Paragraph>}
      <Paragraph data-size="sm">
        {t('meetings.placesLeft', { count: meeting.placesLeft })} ·{' '}
        {t('meetings.deadline', { date: format.dateTime(meeting.registrationDeadline) })}
      </Paragraph>
      {user && meeting.registrationOpen && !registered && (
        <Button
          loading={state === 'busy'}
          aria-describedby={titleId}
          onClick={() => {
            if (state === 'busy') return;
            setState('busy');
            registerForMeeting(meeting.id).then(setState, (error: unknown) => setState({ error }));
          }}
        >
          {t('meetings.register')}
        </Button>
      )}
      <div role="status" className="bt-form__status">
        {registered && (
          <Tag data-color="success">
            {state.status === 'waitlisted'
              ? t('meetings.waitlisted', { position: state.position ?? '' })
              : t('meetings.registered')}
          </Tag>
        )}
      </div>
      {typeof state === 'object' && 'error' in state && (
        <ApiErrorAlert error={state.error} headingLevel={false} />
      )}
    </Card>
  );
}
