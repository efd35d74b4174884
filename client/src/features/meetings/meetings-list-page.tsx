import { Button, Card, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { needMeetings, type Meeting } from '../../api/meetings';
import { paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { useFormat } from '../../shared/i18n/use-format';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { NeedWorkspace, type NeedContext } from '../need-admin/need-workspace';
import { MeetingStatusTag } from './meeting-tags';
import './meetings.css';

/** `/behov/:id/moten`: the need's dialogue meetings (drafts and cancelled ones too) and "plan a meeting". */
export function MeetingsListPage() {
  const { t } = useTranslation();
  return (
    <NeedWorkspace title={t('meetingAdmin.listTitle')}>
      {(context) => <Meetings context={context} />}
    </NeedWorkspace>
  );
}

function Meetings({ context }: { context: NeedContext }) {
  const { t } = useTranslation();
  const { need } = context;
  const meetings = useApi(`need-meetings-admin:${need.id}`, (signal) => needMeetings(need.id, signal));
  return (
    <>
      <Paragraph className="bt-lead">{t('meetingAdmin.listLead')}</Paragraph>
      {need.status === 'published' ? (
        <div className="bt-actions bt-block">
          <Button asChild>
            <AppLink to={paths.newMeeting(need.id)}>{t('meetingAdmin.plan')}</AppLink>
          </Button>
        </div>
      ) : (
        <Paragraph className="bt-muted">{t('meetingAdmin.onlyPublished')}</Paragraph>
      )}
      {meetings.status === 'loading' && <Paragraph>{t('common.loading')}</Paragraph>}
      {meetings.status === 'error' && (
        <ApiErrorAlert error={meetings.error} onRetry={meetings.reload} headingLevel={false} />
      )}
      {meetings.status === 'success' &&
        (meetings.data.items.length === 0 ? (
          <div className="bt-empty">
            <Paragraph>{t('meetings.none')}</Paragraph>
          </div>
        ) : (
          <ul className="bt-plain-list bt-match-list">
            {meetings.data.items.map((m) => (
              <li key={m.id}>
                <MeetingCard meeting={m} />
              </li>
            ))}
          </ul>
        ))}
    </>
  );
}

function MeetingCard({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = `meeting-${meeting.id}`;
  return (
    <Card data-color="neutral" aria-labelledby={titleId}>
      <Heading level={2} data-size="xs" id={titleId}>
        <AppLink to={paths.meetingManage(meeting.needId, meeting.id)}>{meeting.title}</AppLink>
      </Heading>
      <div className="bt-tags">
        <MeetingStatusTag meeting={meeting} />
        <Tag data-color="neutral">{t(`meetingKind.${meeting.kind}`)}</Tag>
        <Tag data-color="neutral">{t(`meetings.format.${meeting.format}`)}</Tag>
      </div>
      <Paragraph>
        <time dateTime={format.iso(meeting.startsAt)}>{format.dateTime(meeting.startsAt)}</time>
        {' – '}
        <time dateTime={format.iso(meeting.endsAt)}>{format.dateTime(meeting.endsAt)}</time>
      </Paragraph>
      <Paragraph data-size="sm">
        {t('meetingAdmin.counts', {
          registered: meeting.registeredCount,
          capacity: meeting.capacity,
          waitlist: meeting.waitlistCount,
        })}
      </Paragraph>
    </Card>
  );
}
