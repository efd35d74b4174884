import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { createMeeting } from '../../api/meetings';
import { paths } from '../../app/paths';
import { NeedWorkspace } from '../need-admin/need-workspace';
import { MeetingForm } from './meeting-form';
import './meetings.css';

/** `/behov/:id/moten/nytt`: plan a dialogue meeting; unless saved as a draft, matched suppliers are invited. */
export function NewMeetingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <NeedWorkspace title={t('meetingForm.newTitle')}>
      {({ need }) =>
        need.status === 'published' ? (
          <>
            <Paragraph className="bt-lead">{t('meetingForm.lead')}</Paragraph>
            <MeetingForm
              onSubmit={async (input) => {
                const meeting = await createMeeting(need.id, input);
                await navigate(paths.meetingManage(need.id, meeting.id), { state: { created: true } });
              }}
            />
          </>
        ) : (
          <Paragraph>{t('meetingAdmin.onlyPublished')}</Paragraph>
        )
      }
    </NeedWorkspace>
  );
}
