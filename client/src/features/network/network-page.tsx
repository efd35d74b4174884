import { Heading, Paragraph, Skeleton } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isNotFound } from '../../api/errors';
import { getNetwork, type NetworkDetail } from '../../api/networks';
import { paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';
import { useSession } from '../../shared/session/session';
import { useMyOrganisations } from '../../shared/session/use-my-organisations';
import { searchHref } from '../needs/search-params';

/** `/natverk/:id`: the public network page – subject area, members, contact, its needs; "manage" for members. */
export function NetworkPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const network = useApi(`network:${id}`, (signal) => getNetwork(id, signal));

  usePageTitle(
    network.status === 'success'
      ? network.data.name
      : network.status === 'error'
        ? isNotFound(network.error)
          ? t('network.notFoundTitle')
          : t('common.errorTitle')
        : t('network.loading'),
  );

  return (
    <div className="bt-container bt-page bt-prose">
      {network.status === 'loading' && (
        <>
          <PageHeading busy>
            <span className="bt-visually-hidden">{t('network.loading')}</span>
            <Skeleton variant="text" width="50%" aria-hidden="true" />
          </PageHeading>
          <Skeleton variant="text" width="100%" />
        </>
      )}
      {network.status === 'error' && (
        <>
          <PageHeading>
            {isNotFound(network.error) ? t('network.notFoundTitle') : t('common.errorTitle')}
          </PageHeading>
          <ApiErrorAlert
            error={network.error}
            onRetry={network.reload}
            notFoundMessage={t('network.notFound')}
            headingLevel={false}
          />
        </>
      )}
      {network.status === 'success' && (
        <>
          <PageHeading>{network.data.name}</PageHeading>
          <Paragraph className="bt-muted">
            {t('network.title')} · {network.data.subjectArea}
          </Paragraph>
          <ManageLink network={network.data} />
          {network.data.description && (
            <Paragraph data-size="lg" className="bt-pre-line">
              {network.data.description}
            </Paragraph>
          )}
          <Heading level={2} data-size="sm">
            {t('network.membersTitle', { count: network.data.members.length })}
          </Heading>
          <ul>
            {network.data.members.map((m) => (
              <li key={m.id}>
                {m.name}
                {m.isCoordinator ? ` (${t('networkManage.coordinator').toLowerCase()})` : ''}
              </li>
            ))}
          </ul>
          <Heading level={2} data-size="sm">
            {t('networkForm.contact')}
          </Heading>
          <Paragraph>
            {network.data.contact.name} ·{' '}
            <a href={`mailto:${network.data.contact.email}`}>{network.data.contact.email}</a>
            {network.data.contact.phone ? ` · ${network.data.contact.phone}` : ''}
          </Paragraph>
        </>
      )}
      <p>
        <AppLink to={searchHref(paths.needs, { network: [id] })}>{t('network.showNeeds')}</AppLink>
      </p>
    </div>
  );
}

/** Members of the network get a way into its workspace. */
function ManageLink({ network }: { network: NetworkDetail }) {
  const { user } = useSession();
  if (!user) return null;
  return <ManageLinkFor userId={user.id} network={network} />;
}

function ManageLinkFor({ userId, network }: { userId: string; network: NetworkDetail }) {
  const { t } = useTranslation();
  const orgs = useMyOrganisations(userId);
  const member =
    orgs.status === 'success' &&
    orgs.data.some((m) => network.members.some((n) => n.id === m.organisation.id));
  if (!member) return null;
  return (
    <p className="bt-manage-link">
      <AppLink to={paths.networkManage(network.id)}>{t('network.manage')}</AppLink>
    </p>
  );
}
