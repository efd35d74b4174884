import { Card, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { admin } from '../../api/admin';
import type { User } from '../../api/accounts';
import { apiLinks, paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { RequireLogin } from '../../shared/session/require-login';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';
import { AdminNav } from './admin-nav';
import { queues, type Queue } from './queues';
import './admin.css';

/** `/admin`: how much waits in each queue, and where to go. */
export function AdminHomePage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.title'));
  return <RequireLogin>{(user) => <AdminHome user={user} />}</RequireLogin>;
}

function AdminHome({ user }: { user: User }) {
  const { t } = useTranslation();
  const counts = useApi<Record<Queue | 'reports', number>>('admin-counts', async (signal) => {
    const [organisationer, profiler, behov, natverk, reportedNeeds, reportedProfiles] = await Promise.all([
      admin.organisations('pending', signal).then((r) => r.total),
      admin.suppliers('pending_review', signal).then((r) => r.total),
      admin.needs('submitted', signal).then((r) => r.total),
      admin.networks('pending', signal).then((r) => r.total),
      admin.needs('reported', signal).then((r) => r.total),
      admin.reportedSuppliers(signal).then((r) => r.total),
    ]);
    return { organisationer, profiler, behov, natverk, reports: reportedNeeds + reportedProfiles };
  });
  if (!user.isAdmin) {
    return (
      <div className="bt-container bt-page">
        <PageHeading>{t('admin.title')}</PageHeading>
        <Paragraph>{t('errors.forbidden')}</Paragraph>
      </div>
    );
  }
  return (
    <div className="bt-container bt-page bt-admin">
      <AdminNav />
      <PageHeading busy={counts.status === 'loading'}>{t('admin.title')}</PageHeading>
      <Paragraph className="bt-muted">{t('admin.lead')}</Paragraph>
      {counts.status === 'error' && (
        <ApiErrorAlert error={counts.error} onRetry={counts.reload} headingLevel={false} />
      )}
      <ul className="bt-card-list">
        {queues.map((queue) => (
          <li key={queue}>
            <Card data-color="neutral" variant="tinted">
              <Heading level={2} data-size="xs">
                <AppLink to={paths.adminQueue(queue)}>{t(`admin.queues.${queue}`)}</AppLink>
              </Heading>
              <Paragraph className="bt-count">
                {counts.status === 'success'
                  ? t('admin.waiting', { count: counts.data[queue] })
                  : t('common.loading')}
              </Paragraph>
            </Card>
          </li>
        ))}
        <li>
          <Card data-color="neutral" variant="tinted">
            <Heading level={2} data-size="xs">
              <AppLink to={paths.adminReports}>{t('reports.title')}</AppLink>
            </Heading>
            <Paragraph className="bt-count">
              {counts.status === 'success'
                ? t('admin.waiting', { count: counts.data.reports })
                : t('common.loading')}
            </Paragraph>
          </Card>
        </li>
        <li>
          <Card data-color="neutral" variant="tinted">
            <Heading level={2} data-size="xs">
              <AppLink to={paths.adminAudit}>{t('admin.audit')}</AppLink>
            </Heading>
            <Paragraph>{t('admin.auditLead')}</Paragraph>
          </Card>
        </li>
        <li>
          <Card data-color="neutral" variant="tinted">
            <Heading level={2} data-size="xs">
              <a href={apiLinks.queueDashboard}>{t('admin.jobs')}</a>
            </Heading>
            <Paragraph>{t('admin.jobsLead')}</Paragraph>
          </Card>
        </li>
      </ul>
    </div>
  );
}
