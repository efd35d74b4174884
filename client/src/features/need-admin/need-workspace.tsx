import { Paragraph, Skeleton } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { User } from '../../api/accounts';
import { isNotFound } from '../../api/errors';
import { getNeed, type NeedDetail } from '../../api/needs';
import { paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { RequireLogin } from '../../shared/session/require-login';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';
import { SubNav } from '../../shared/ui/sub-nav';
import { NeedStatusTag } from '../buyer/status-tags';
import './need-admin.css';

export interface NeedContext {
  user: User;
  need: NeedDetail;
  reload: () => void;
}

interface NeedWorkspaceProps {
  /** The page's name (h1 and title); the overview uses the need's title. */
  title?: string;
  /** The page renders its own h1 (its data decides it, e.g. a meeting's title). */
  ownHeading?: boolean;
  children: (context: NeedContext) => ReactNode;
}

/**
 * The frame of the network's pages about one need (`/behov/:id/hantera`, `/redigera`,
 * `/matchningar`, `/moten`, `/fragor`): the need, its status and the need's own menu. The public
 * page stays `/behov/:id`. Only the network's members (and admins) get `permissions.edit`.
 */
export function NeedWorkspace(props: NeedWorkspaceProps) {
  return <RequireLogin>{(user) => <Workspace user={user} {...props} />}</RequireLogin>;
}

function Workspace({ user, title, ownHeading = false, children }: NeedWorkspaceProps & { user: User }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const need = useApi(`need-manage:${id}`, (signal) => getNeed(id, signal));
  const name = need.status === 'success' ? need.data.title : undefined;
  usePageTitle(title && name ? `${title} – ${name}` : (name ?? title ?? t('need.loading')));

  if (need.status === 'loading') {
    return (
      <div className="bt-container bt-page">
        <PageHeading busy>
          <span className="bt-visually-hidden">{t('need.loading')}</span>
          <Skeleton variant="text" width="50%" aria-hidden="true" />
        </PageHeading>
      </div>
    );
  }
  if (need.status === 'error') {
    return (
      <div className="bt-container bt-page">
        <PageHeading>{isNotFound(need.error) ? t('need.notFoundTitle') : t('common.errorTitle')}</PageHeading>
        <ApiErrorAlert
          error={need.error}
          onRetry={need.reload}
          notFoundMessage={t('need.notFound')}
          headingLevel={false}
        />
      </div>
    );
  }
  const n = need.data;
  const manages = n.permissions.edit || user.isAdmin;
  return (
    <div className="bt-container bt-page">
      <p className="bt-back">
        <AppLink to={paths.networkManage(n.network.id)}>
          {t('needManage.back', { name: n.network.name })}
        </AppLink>
      </p>
      <div className="bt-kicker bt-inline-status">
        <span>{title ? n.title : t('needManage.kicker')}</span>
        <NeedStatusTag status={n.status} />
      </div>
      <SubNav
        label={t('needManage.navLabel')}
        items={[
          { to: paths.needManage(n.id), label: t('needManage.overview') },
          ...(n.permissions.edit ? [{ to: paths.needEdit(n.id), label: t('needManage.edit') }] : []),
          { to: paths.needMatches(n.id), label: t('needManage.matches') },
          { to: paths.needMeetings(n.id), label: t('needManage.meetings'), end: false },
          { to: paths.needQuestions(n.id), label: t('needManage.questions') },
          { to: paths.need(n.id), label: t('needManage.public'), end: true },
        ]}
      />
      {!ownHeading && <PageHeading>{title ?? n.title}</PageHeading>}
      {manages ? (
        children({ user, need: n, reload: need.reload })
      ) : (
        <>
          {ownHeading && <PageHeading>{title ?? n.title}</PageHeading>}
          <Paragraph>{t('needManage.notMember')}</Paragraph>
        </>
      )}
    </div>
  );
}
