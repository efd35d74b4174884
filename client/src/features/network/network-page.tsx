import { Paragraph, Skeleton } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isNotFound } from '../../api/errors';
import { getNetwork } from '../../api/networks';
import { paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';
import { searchHref } from '../needs/search-params';

/** Placeholder network page: name, description and a link to the network's needs. */
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
          <Paragraph className="bt-muted">{t('network.title')}</Paragraph>
          {network.data.description && <Paragraph data-size="lg">{network.data.description}</Paragraph>}
        </>
      )}
      <p>
        <AppLink to={searchHref(paths.needs, { network: [id] })}>{t('network.showNeeds')}</AppLink>
      </p>
    </div>
  );
}
