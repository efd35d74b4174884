import { Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../api/meetings';

/** Draft / scheduled / held / cancelled: a held meeting is a scheduled one that has ended. */
export function MeetingStatusTag({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const held = meeting.status === 'scheduled' && new Date(meeting.endsAt).getTime() <= Date.now();
  const key = held ? 'held' : meeting.status;
  const color = { draft: 'neutral', scheduled: 'success', held: 'info', cancelled: 'danger' } as const;
  return <Tag data-color={color[key]}>{t(`meetingStatus.${key}`)}</Tag>;
}

export const hasEnded = (meeting: Meeting) => new Date(meeting.endsAt).getTime() <= Date.now();
