import { Paragraph, Skeleton } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { User } from '../../api/accounts';
import { isNotFound } from '../../api/errors';
import { getNeed, type NeedDetail } from '../../api/needs';
import { getNetwork, type NetworkDetail } from '../../api/networks';
import { paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { RequireLogin } from '../../shared/session/require-login';
import { actingBuyerIds, useMyOrganisations } from '../../shared/session/use-my-organisations';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';
import { SubNav } from '../../shared/ui/sub-nav';
import { NeedStatusTag } from '../buyer/status-tags';
import './need-admin.css';

export interface NeedContext {
  user: User;
  need: NeedDetail;
  /** The need's network, with its member organisations. */
  network: NetworkDetail;
  /** The user acts for a member organisation of the network (verified buyer). */
  member: boolean;
  /** The user acts for the coordinating organisation (submits and closes needs). */
  coordinator: boolean;
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
  // The need's `permissions` say what may be done now (nothing while it is in review), not who is
  // in the network: membership comes from the network's members and the user's organisations.
  const need = useApi(
    `need-manage:${id}`,
    async (signal) => {
      const n = await getNeed(id, signal);
      return { need: n, network: await getNetwork(n.network.id, signal) };
      // Read again after a change (submit, close): the page stays on screen while it loads.
    },
    { keepPrevious: true },
  );
  const orgs = useMyOrganisations(user.id);
  const name = need.status === 'success' ? need.data.need.title : undefined;
  usePageTitle(title && name ? `${title} – ${name}` : (name ?? title ?? t('need.loading')));

  if (need.status === 'loading' || orgs.status === 'loading') {
    return (
      <div className="bt-container bt-page">
        <PageHeading busy>
          <span className="bt-visually-hidden">{t('need.loading')}</span>
          <Skeleton variant="text" width="50%" aria-hidden="true" />
        </PageHeading>
      </div>
    );
  }
  if (need.status === 'error' || orgs.status === 'error') {
    const error = need.status === 'error' ? need.error : orgs.error;
    return (
      <div className="bt-container bt-page">
        <PageHeading>{isNotFound(error) ? t('need.notFoundTitle') : t('common.errorTitle')}</PageHeading>
        <ApiErrorAlert
          error={error}
          onRetry={() => {
            need.reload();
            orgs.reload();
          }}
          notFoundMessage={t('need.notFound')}
          headingLevel={false}
        />
      </div>
    );
  }
  const { need: n, network } = need.data;
  const acting = actingBuyerIds(orgs.data);
  const member = network.members.some((m) => acting.has(m.id));
  const coordinator = acting.has(network.coordinator.id);
  const manages = member || user.isAdmin;
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
        children({ user, need: n, network, member, coordinator, reload: need.reload })
      ) : (
        <>
          {ownHeading && <PageHeading>{title ?? n.title}</PageHeading>}
          <Paragraph>{t('needManage.notMember')}</Paragraph>
        </>
      )}
    </div>
  );
}
