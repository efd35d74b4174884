import { Card, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { myRegistrations } from '../../api/meetings';
import { paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { useFormat } from '../../shared/i18n/use-format';
import { RequireLogin } from '../../shared/session/require-login';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';
import './suppliers.css';

/** `/leverantor/moten`: my organisations' meeting registrations, newest first. */
export function RegistrationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('registrations.title'));
  return <RequireLogin>{() => <Registrations />}</RequireLogin>;
}

function Registrations() {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useApi('my-registrations', (signal) => myRegistrations(signal));
  return (
    <div className="bt-container bt-page">
      <p className="bt-back">
        <AppLink to={paths.supplierHome}>{t('profile.back')}</AppLink>
      </p>
      <PageHeading busy={list.status === 'loading'}>{t('registrations.title')}</PageHeading>
      {list.status === 'loading' && <Paragraph>{t('common.loading')}</Paragraph>}
      {list.status === 'error' && (
        <ApiErrorAlert error={list.error} onRetry={list.reload} headingLevel={false} />
      )}
      {list.status === 'success' &&
        (list.data.items.length === 0 ? (
          <div className="bt-empty">
            <Paragraph>{t('registrations.empty')}</Paragraph>
          </div>
        ) : (
          <ul className="bt-plain-list bt-match-list">
            {list.data.items.map((r) => (
              <li key={r.id}>
                <Card data-color="neutral" aria-labelledby={`registration-${r.id}`}>
                  <Heading level={2} data-size="xs" id={`registration-${r.id}`}>
                    {r.meeting?.needId ? (
                      <AppLink to={paths.need(r.meeting.needId)}>{r.meeting.title}</AppLink>
                    ) : (
                      (r.meeting?.title ?? r.meetingId)
                    )}
                  </Heading>
                  {r.meeting && (
                    <Paragraph>
                      <time dateTime={format.iso(r.meeting.startsAt)}>
                        {format.dateTime(r.meeting.startsAt)}
                      </time>
                    </Paragraph>
                  )}
                  <Tag data-color={r.status === 'registered' ? 'success' : 'warning'}>
                    {t(`registrations.status.${r.status as 'registered'}`)}
                  </Tag>
                </Card>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}
