import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { apiLinks, paths } from '../../app/paths';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';

/**
 * `/admin/queues` belongs to the API (bull-board). The client only renders it when the API did not
 * answer that path itself, i.e. the dashboard is not mounted in this installation.
 */
export function QueueDashboardPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.jobs'));
  return (
    <div className="bt-container bt-page bt-prose">
      <PageHeading>{t('admin.jobs')}</PageHeading>
      <Paragraph>{t('admin.jobsMissing')}</Paragraph>
      <Paragraph>
        <a href={apiLinks.queueDashboard}>{t('admin.jobsRetry')}</a>
      </Paragraph>
      <p>
        <AppLink to={paths.admin}>{t('admin.overview')}</AppLink>
      </p>
    </div>
  );
}
