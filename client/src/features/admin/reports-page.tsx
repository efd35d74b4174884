import { Button, Card, Heading, Paragraph, Skeleton, Tag, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/accounts';
import { admin, type NeedModerationItem, type SupplierModerationItem } from '../../api/admin';
import { paths } from '../../app/paths';
import { FormErrorSummary, useFormErrors } from '../../shared/forms/form-errors';
import { useApi } from '../../shared/hooks/use-api';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { useFormat } from '../../shared/i18n/use-format';
import { RequireLogin } from '../../shared/session/require-login';
import { useFocusReturn } from '../../shared/ui/use-focus-return';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';
import { ModerationStatus } from '../suppliers/status-tags';
import { AdminNav } from './admin-nav';
import './admin.css';
import type { Message } from '../../shared/ui/message';

/** `/admin/anmalningar`: needs hidden by reports (restore or keep hidden) and reported supplier profiles. */
export function ReportsPage() {
  const { t } = useTranslation();
  usePageTitle(t('reports.title'));
  return <RequireLogin>{(user) => <Reports user={user} />}</RequireLogin>;
}

function Reports({ user }: { user: User }) {
  const { t } = useTranslation();
  const [refresh, setRefresh] = useState(0);
  const [notice, setNotice] = useState<Message>();
  const data = useApi(
    `admin-reports:${refresh}`,
    async (signal) => {
      const [needs, suppliers] = await Promise.all([
        admin.needs('reported', signal),
        admin.reportedSuppliers(signal),
      ]);
      return { needs: needs.items, suppliers: suppliers.items };
    },
    { keepPrevious: true },
  );
  if (!user.isAdmin) {
    return (
      <div className="bt-container bt-page">
        <PageHeading>{t('reports.title')}</PageHeading>
        <Paragraph>{t('errors.forbidden')}</Paragraph>
      </div>
    );
  }
  const done = (message: Message) => {
    setNotice(() => message);
    setRefresh((n) => n + 1);
  };
  return (
    <div className="bt-container bt-page bt-admin">
      <AdminNav />
      <PageHeading busy={data.status === 'loading'}>{t('reports.title')}</PageHeading>
      <Paragraph className="bt-muted">{t('reports.lead')}</Paragraph>
      <div role="status" className="bt-form__status">
        {notice && <Paragraph>{notice(t)}</Paragraph>}
      </div>
      {data.status === 'loading' && (
        <div aria-hidden="true">
          <Skeleton variant="rectangle" height="6rem" />
        </div>
      )}
      {data.status === 'error' && (
        <ApiErrorAlert error={data.error} onRetry={data.reload} headingLevel={false} />
      )}
      {data.status === 'success' && (
        <>
          <section aria-labelledby="reported-needs" className="bt-section">
            <Heading level={2} data-size="sm" id="reported-needs">
              {t('reports.needsTitle', { count: data.data.needs.length })}
            </Heading>
            {data.data.needs.length === 0 ? (
              <Paragraph>{t('reports.noNeeds')}</Paragraph>
            ) : (
              <ul className="bt-mod-list">
                {data.data.needs.map((n) => (
                  <li key={n.id}>
                    <ReportedNeed need={n} onDone={done} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="reported-profiles" className="bt-section">
            <Heading level={2} data-size="sm" id="reported-profiles">
              {t('reports.profilesTitle', { count: data.data.suppliers.length })}
            </Heading>
            {data.data.suppliers.length === 0 ? (
              <Paragraph>{t('reports.noProfiles')}</Paragraph>
            ) : (
              <ul className="bt-mod-list">
                {data.data.suppliers.map((s) => (
                  <li key={s.id}>
                    <ReportedProfile supplier={s} onDone={done} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function ReportedNeed({ need, onDone }: { need: NeedModerationItem; onDone: (message: Message) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [busy, setBusy] = useState<'restore' | 'keep_hidden'>();
  const [error, setError] = useState<unknown>();
  const titleId = `reported-need-${need.id}`;
  const decide = (decision: 'restore' | 'keep_hidden') => {
    setBusy(decision);
    setError(undefined);
    admin.resolveNeedReports(need.id, decision).then(
      () =>
        onDone((tr) =>
          tr(decision === 'restore' ? 'reports.restored' : 'reports.keptHidden', { title: need.title }),
        ),
      (e: unknown) => {
        setError(e);
        setBusy(undefined);
      },
    );
  };
  return (
    <Card data-color="neutral" className="bt-mod-item" aria-labelledby={titleId}>
      <Heading level={3} data-size="xs" id={titleId}>
        {need.title}
      </Heading>
      <div className="bt-mod-item__meta">
        <Paragraph data-size="sm">
          {need.network.name} · {t('reports.openReports', { count: need.openReports })}
          {need.hiddenAt ? ` · ${t('reports.hiddenSince', { date: format.date(need.hiddenAt) })}` : ''}
        </Paragraph>
      </div>
      {need.reports && need.reports.length > 0 && (
        <ul>
          {need.reports.map((r) => (
            <li key={r.id}>
              <span className="bt-pre-line">{r.reason}</span>{' '}
              <span className="bt-muted">({format.date(r.createdAt)})</span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <AppLink to={paths.need(need.id)}>{t('admin.openNeed')}</AppLink>
      </p>
      <div className="bt-actions">
        <Button loading={busy === 'restore'} aria-describedby={titleId} onClick={() => decide('restore')}>
          {t('reports.restore')}
        </Button>
        <Button
          variant="secondary"
          data-color="danger"
          loading={busy === 'keep_hidden'}
          aria-describedby={titleId}
          onClick={() => decide('keep_hidden')}
        >
          {t('reports.keepHidden')}
        </Button>
      </div>
      {error !== undefined && <ApiErrorAlert error={error} headingLevel={false} />}
    </Card>
  );
}

function ReportedProfile({
  supplier,
  onDone,
}: {
  supplier: SupplierModerationItem;
  onDone: (message: Message) => void;
}) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [suspending, setSuspending] = useState(false);
  const suspendOpener = useFocusReturn<HTMLButtonElement>();
  const titleId = `reported-profile-${supplier.id}`;
  const reasonId = `suspend-${supplier.id}`;

  async function suspend(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    if (!errors.check({ reason: reason.length < 5 ? t('admin.reasonShort', { count: 5 }) : undefined }))
      return;
    setBusy(true);
    try {
      await admin.suspendSupplier(supplier.id, reason);
      onDone((tr) => tr('reports.suspended', { name: supplier.name }));
    } catch (error) {
      errors.fromApiError(error);
      setBusy(false);
    }
  }

  return (
    <Card data-color="neutral" className="bt-mod-item" aria-labelledby={titleId}>
      <Heading level={3} data-size="xs" id={titleId}>
        {supplier.name}
      </Heading>
      <div className="bt-tags">
        <ModerationStatus status={supplier.status} />
        <Tag data-color="warning">{t('reports.openReports', { count: supplier.openReports })}</Tag>
      </div>
      <p>
        <AppLink to={paths.supplier(supplier.id)}>{t('reports.openProfile')}</AppLink>
      </p>
      {supplier.status === 'suspended' ? (
        <ReinstateButton supplier={supplier} onDone={onDone} titleId={titleId} />
      ) : suspending ? (
        <form className="bt-form" noValidate onSubmit={suspend}>
          <FormErrorSummary errors={errors} fieldIds={{ reason: reasonId }} />
          <Textfield
            id={reasonId}
            name="reason"
            multiline
            rows={3}
            label={t('reports.suspendReason', { name: supplier.name })}
            description={t('admin.reasonDescription')}
            error={errors.fields.reason}
          />
          <div className="bt-actions">
            <Button type="submit" data-color="danger" loading={busy}>
              {t('reports.suspend')}
            </Button>
            <Button
              variant="tertiary"
              onClick={() => {
                setSuspending(false);
                suspendOpener.returnFocus();
              }}
            >
              {t('forms.cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <div className="bt-actions">
          <Button
            ref={suspendOpener.ref}
            variant="secondary"
            data-color="danger"
            aria-describedby={titleId}
            onClick={() => setSuspending(true)}
          >
            {t('reports.suspend')}
          </Button>
        </div>
      )}
    </Card>
  );
}

function ReinstateButton({
  supplier,
  onDone,
  titleId,
}: {
  supplier: SupplierModerationItem;
  onDone: (message: Message) => void;
  titleId: string;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  return (
    <div className="bt-actions">
      <Button
        loading={busy}
        aria-describedby={titleId}
        onClick={() => {
          setBusy(true);
          admin.reinstateSupplier(supplier.id).then(
            () => onDone((tr) => tr('reports.reinstated', { name: supplier.name })),
            (e: unknown) => {
              setError(e);
              setBusy(false);
            },
          );
        }}
      >
        {t('reports.reinstate')}
      </Button>
      {error !== undefined && <ApiErrorAlert error={error} headingLevel={false} />}
    </div>
  );
}
