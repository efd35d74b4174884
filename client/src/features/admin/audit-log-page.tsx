import { Paragraph, Skeleton, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { admin } from '../../api/admin';
import type { User } from '../../api/accounts';
import { paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { useFormat } from '../../shared/i18n/use-format';
import { RequireLogin } from '../../shared/session/require-login';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { PageHeading } from '../../shared/ui/page-heading';
import { Pager } from '../../shared/ui/pager';
import { AdminNav } from './admin-nav';
import './admin.css';

/** `/admin/logg`: who did what, when, newest first. */
export function AuditLogPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.audit'));
  return <RequireLogin>{(user) => <AuditLog user={user} />}</RequireLogin>;
}

const outcomeColor = { success: 'success', failure: 'warning', denied: 'danger' } as const;

function AuditLog({ user }: { user: User }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [params] = useSearchParams();
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const log = useApi(`audit:${page}`, (signal) => admin.auditLog(page, signal));
  if (!user.isAdmin) {
    return (
      <div className="bt-container bt-page">
        <PageHeading>{t('admin.audit')}</PageHeading>
        <Paragraph>{t('errors.forbidden')}</Paragraph>
      </div>
    );
  }
  return (
    <div className="bt-container bt-page bt-admin">
      <AdminNav />
      <PageHeading busy={log.status === 'loading'}>{t('admin.audit')}</PageHeading>
      <Paragraph className="bt-muted">{t('admin.auditLead')}</Paragraph>
      {log.status === 'loading' && (
        <div aria-hidden="true">
          <Skeleton variant="rectangle" height="12rem" />
        </div>
      )}
      {log.status === 'error' && (
        <ApiErrorAlert error={log.error} onRetry={log.reload} headingLevel={false} />
      )}
      {log.status === 'success' && (
        <>
          <div className="bt-table-scroll" tabIndex={0} role="region" aria-labelledby="audit-caption">
            <Table data-size="sm" zebra>
              <caption id="audit-caption" className="bt-visually-hidden">
                {t('admin.auditCaption', { count: log.data.total })}
              </caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('admin.auditWhen')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('admin.auditAction')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('admin.auditActor')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('admin.auditTarget')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('admin.auditOutcome')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {log.data.items.map((entry) => (
                  <Table.Row key={entry.id}>
                    <Table.Cell>
                      <time dateTime={format.iso(entry.createdAt)}>{format.dateTime(entry.createdAt)}</time>
                    </Table.Cell>
                    <Table.Cell>
                      <code>{entry.action}</code>
                    </Table.Cell>
                    <Table.Cell>{entry.actorEmail ?? entry.actorId ?? '–'}</Table.Cell>
                    <Table.Cell>
                      {entry.targetType ? `${entry.targetType} ${entry.targetId ?? ''}` : '–'}
                    </Table.Cell>
                    <Table.Cell>
                      <Tag data-color={outcomeColor[entry.outcome]}>
                        {t(`admin.outcome.${entry.outcome}`)}
                      </Tag>
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
          <Pager
            page={page}
            totalPages={Math.ceil(log.data.total / log.data.pageSize)}
            href={(n) => (n > 1 ? `${paths.adminAudit}?page=${n}` : paths.adminAudit)}
          />
        </>
      )}
    </div>
  );
}
