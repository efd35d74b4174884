import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { apiLinks, paths } from '../../app/paths';
import { queues } from './queues';

/** The admin area's own menu: the queues, reports, the audit log and the job queue dashboard. */
export function AdminNav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('admin.navLabel')} className="bt-subnav">
      <ul>
        <li>
          <NavLink to={paths.admin} end>
            {t('admin.overview')}
          </NavLink>
        </li>
        {queues.map((queue) => (
          <li key={queue}>
            <NavLink to={paths.adminQueue(queue)}>{t(`admin.queues.${queue}`)}</NavLink>
          </li>
        ))}
        <li>
          <NavLink to={paths.adminReports}>{t('reports.title')}</NavLink>
        </li>
        <li>
          <NavLink to={paths.adminAudit}>{t('admin.audit')}</NavLink>
        </li>
        <li>
          {/* Served by the API (bull-board): a full page load, not a client route. */}
          <a href={apiLinks.queueDashboard}>{t('admin.jobs')}</a>
        </li>
      </ul>
    </nav>
  );
}
