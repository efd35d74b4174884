import { Paragraph, Skeleton } from '@digdir/designsystemet-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { admin } from '../../api/admin';
import type { User } from '../../api/accounts';
import { paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { useFormat } from '../../shared/i18n/use-format';
import { RequireLogin } from '../../shared/session/require-login';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';
import { ProfileView } from '../suppliers/profile-view';
import { AdminNav } from './admin-nav';
import { ModerationItem } from './moderation-item';
import { isQueue, type Queue } from './queues';
import './admin.css';

/** `/admin/:queue`: one moderation queue, oldest first. */
export function AdminQueuePage() {
  const { t } = useTranslation();
  const { queue } = useParams();
  const known = isQueue(queue) ? queue : 'organisationer';
  usePageTitle(t(`admin.queues.${known}`));
  // Keyed by queue: outcomes of one queue must not hide items of another (a profile shares its id
  // with its organisation).
  return <RequireLogin>{(user) => <QueueView key={known} user={user} queue={known} />}</RequireLogin>;
}

interface Row {
  id: string;
  title: string;
  meta: ReactNode;
  body?: ReactNode;
  approve: () => Promise<unknown>;
  reject: (reason: string) => Promise<unknown>;
  approveLabel: string;
  minReason: number;
}

function useQueue(queue: Queue) {
  const { t } = useTranslation();
  const format = useFormat();
  return useApi<Row[]>(`admin:${queue}`, async (signal) => {
    switch (queue) {
      case 'organisationer':
        return (await admin.organisations('pending', signal)).items.map((o) => ({
          id: o.id,
          title: o.name,
          meta: (
            <Paragraph data-size="sm">
              {t(`organisationKind.${o.kind}`)} · {t('supplier.orgNumberShort', { number: o.orgNumber })} ·{' '}
              {o.owners.map((owner) => owner.email).join(', ')} · {format.date(o.createdAt)}
            </Paragraph>
          ),
          approve: () => admin.verifyOrganisation(o.id),
          reject: (reason: string) => admin.rejectOrganisation(o.id, reason),
          approveLabel: t('admin.verify'),
          minReason: 3,
        }));
      case 'profiler':
        return (await admin.suppliers('pending_review', signal)).items.map((p) => ({
          id: p.id,
          title: p.name,
          meta: (
            <Paragraph data-size="sm">
              {t('supplier.orgNumberShort', { number: p.orgNumber })} ·{' '}
              {t('admin.organisationStatus', {
                status: t(`organisationStatus.${p.organisationStatus as 'pending'}`),
              })}
              {p.submittedAt ? ` · ${format.date(p.submittedAt)}` : ''}
              {p.pendingChanges.length > 0
                ? ` · ${t('admin.changed', { fields: p.pendingChanges.join(', ') })}`
                : ''}
            </Paragraph>
          ),
          body: (
            <details className="bt-mod-item__details">
              <summary>{t('admin.showProfile')}</summary>
              <ProfileView profile={p.profile} headingLevel={3} />
            </details>
          ),
          approve: () => admin.approveSupplier(p.id),
          reject: (reason: string) => admin.rejectSupplier(p.id, reason),
          approveLabel: t('admin.approve'),
          minReason: 5,
        }));
      case 'behov':
        return (await admin.needs('submitted', signal)).items.map((n) => ({
          id: n.id,
          title: n.title,
          meta: (
            <Paragraph data-size="sm">
              {n.network.name}
              {n.submittedAt ? ` · ${format.date(n.submittedAt)}` : ''}
            </Paragraph>
          ),
          body: (
            <>
              <Paragraph>{n.summary}</Paragraph>
              <p>
                <AppLink to={paths.need(n.id)}>{t('admin.openNeed')}</AppLink>
              </p>
            </>
          ),
          approve: () => admin.approveNeed(n.id),
          reject: (reason: string) => admin.rejectNeed(n.id, reason),
          approveLabel: t('admin.publish'),
          minReason: 10,
        }));
      case 'natverk':
        return (await admin.networks('pending', signal)).items.map((n) => ({
          id: n.id,
          title: n.name,
          meta: n.subjectArea ? <Paragraph data-size="sm">{n.subjectArea}</Paragraph> : null,
          body: n.description ? <Paragraph>{n.description}</Paragraph> : undefined,
          approve: () => admin.approveNetwork(n.id),
          reject: (reason: string) => admin.rejectNetwork(n.id, reason),
          approveLabel: t('admin.approve'),
          minReason: 3,
        }));
    }
  });
}

function QueueView({ user, queue }: { user: User; queue: Queue }) {
  const { t } = useTranslation();
  const rows = useQueue(queue);
  const [done, setDone] = useState<{ id: string; title: string; outcome: 'approved' | 'rejected' }[]>([]);
  if (!user.isAdmin) {
    return (
      <div className="bt-container bt-page">
        <PageHeading>{t(`admin.queues.${queue}`)}</PageHeading>
        <Paragraph>{t('errors.forbidden')}</Paragraph>
      </div>
    );
  }
  const visible = rows.status === 'success' ? rows.data.filter((r) => !done.some((d) => d.id === r.id)) : [];
  const last = done[done.length - 1];
  return (
    <div className="bt-container bt-page bt-admin">
      <AdminNav />
      <PageHeading busy={rows.status === 'loading'}>{t(`admin.queues.${queue}`)}</PageHeading>
      <Paragraph className="bt-muted">{t(`admin.queueLead.${queue}`)}</Paragraph>
      <div role="status" className="bt-form__status">
        {last && (
          <Paragraph>
            {t(last.outcome === 'approved' ? 'admin.doneApproved' : 'admin.doneRejected', {
              title: last.title,
            })}
          </Paragraph>
        )}
      </div>
      {rows.status === 'loading' && (
        <div aria-hidden="true">
          <Skeleton variant="rectangle" height="8rem" />
        </div>
      )}
      {rows.status === 'error' && (
        <ApiErrorAlert error={rows.error} onRetry={rows.reload} headingLevel={false} />
      )}
      {rows.status === 'success' && visible.length === 0 && (
        <div className="bt-empty">
          <Paragraph>{t('admin.empty')}</Paragraph>
        </div>
      )}
      {visible.length > 0 && (
        <ul className="bt-mod-list">
          {visible.map((row) => (
            <li key={row.id}>
              <ModerationItem
                id={row.id}
                title={row.title}
                meta={row.meta}
                approveLabel={row.approveLabel}
                onApprove={row.approve}
                onReject={row.reject}
                minReason={row.minReason}
                onDone={(outcome) =>
                  setDone((previous) => [...previous, { id: row.id, title: row.title, outcome }])
                }
              >
                {row.body}
              </ModerationItem>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
