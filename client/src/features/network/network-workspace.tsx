import { Paragraph, Skeleton } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { User } from '../../api/accounts';
import { isNotFound } from '../../api/errors';
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
import './network.css';

export interface NetworkContext {
  user: User;
  network: NetworkDetail;
  /** The network's member organisations the user acts for (verified buyers). */
  myMemberOrgIds: string[];
  member: boolean;
  coordinator: boolean;
  reload: () => void;
}

interface NetworkWorkspaceProps {
  /** The page's name, for the title and the h1 (the overview uses the network's name). */
  title?: string;
  children: (context: NetworkContext) => ReactNode;
}

/**
 * The frame of every `/natverk/:id/hantera…` page: the network, who the user is in it, the
 * network's own menu. Members work here; anyone else is told they are not a member.
 */
export function NetworkWorkspace(props: NetworkWorkspaceProps) {
  return <RequireLogin>{(user) => <Workspace user={user} {...props} />}</RequireLogin>;
}

function Workspace({ user, title, children }: NetworkWorkspaceProps & { user: User }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  // Read again after a change (details, hand-over): the page stays on screen while it loads.
  const network = useApi(`network-manage:${id}`, (signal) => getNetwork(id, signal), { keepPrevious: true });
  const orgs = useMyOrganisations(user.id);
  const name = network.status === 'success' ? network.data.name : undefined;
  usePageTitle(title && name ? `${title} – ${name}` : (name ?? title ?? t('network.loading')));

  if (network.status === 'loading' || orgs.status === 'loading') {
    return (
      <div className="bt-container bt-page">
        <PageHeading busy>
          <span className="bt-visually-hidden">{t('network.loading')}</span>
          <Skeleton variant="text" width="40%" aria-hidden="true" />
        </PageHeading>
      </div>
    );
  }
  const error = network.status === 'error' ? network.error : orgs.status === 'error' ? orgs.error : undefined;
  if (error !== undefined || network.status !== 'success' || orgs.status !== 'success') {
    return (
      <div className="bt-container bt-page">
        <PageHeading>{isNotFound(error) ? t('network.notFoundTitle') : t('common.errorTitle')}</PageHeading>
        <ApiErrorAlert
          error={error}
          onRetry={() => {
            network.reload();
            orgs.reload();
          }}
          notFoundMessage={t('network.notFound')}
          headingLevel={false}
        />
      </div>
    );
  }
  const acting = actingBuyerIds(orgs.data);
  const myMemberOrgIds = network.data.members.filter((m) => acting.has(m.id)).map((m) => m.id);
  const context: NetworkContext = {
    user,
    network: network.data,
    myMemberOrgIds,
    member: myMemberOrgIds.length > 0,
    coordinator: acting.has(network.data.coordinator.id),
    reload: network.reload,
  };
  const n = network.data;
  return (
    <div className="bt-container bt-page">
      <p className="bt-back">
        <AppLink to={paths.buyerHome}>{t('buyer.back')}</AppLink>
      </p>
      <p className="bt-kicker">{title ? n.name : t('networkManage.kicker')}</p>
      <SubNav
        label={t('networkManage.navLabel', { name: n.name })}
        items={[
          { to: paths.networkManage(n.id), label: t('networkManage.overview'), end: true },
          { to: paths.networkMembers(n.id), label: t('networkManage.members') },
          { to: paths.networkGroups(n.id), label: t('networkManage.groups') },
          ...(n.status === 'approved' ? [{ to: paths.network(n.id), label: t('networkManage.public') }] : []),
        ]}
      />
      <PageHeading>{title ?? n.name}</PageHeading>
      {!context.member && !user.isAdmin ? (
        <Paragraph>{t('networkManage.notMember')}</Paragraph>
      ) : (
        children(context)
      )}
    </div>
  );
}
