import { Heading, Paragraph, Skeleton, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { getOpenDataCatalogue, type OpenDataset } from '../../api/open-data';
import { useApi } from '../../shared/hooks/use-api';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { PageHeading } from '../../shared/ui/page-heading';

/** Only same-origin paths are shown as links; templates with `{id}` are shown as text. */
function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`.replace(/%7B/g, '{').replace(/%7D/g, '}');
  } catch {
    return url;
  }
}

function DatasetItem({ dataset }: { dataset: OpenDataset }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  const path = pathOf(dataset.url);
  const template = path.includes('{') || path.includes('=&');
  const headingId = `dataset-${dataset.id}`;
  return (
    <li className="bt-open-data__item">
      <Heading level={3} data-size="xs" id={headingId}>
        {dataset.title[lang]}
      </Heading>
      <Paragraph>{dataset.description[lang]}</Paragraph>
      <dl className="bt-facts">
        <dt>{t('openData.format')}</dt>
        <dd>{dataset.format}</dd>
        <dt>{t('openData.address')}</dt>
        <dd>
          {template ? (
            <code>{path}</code>
          ) : (
            <a href={path}>
              <code>{path}</code>
            </a>
          )}
        </dd>
        {dataset.documentation && (
          <>
            <dt>{t('openData.fields')}</dt>
            <dd>
              <a href={pathOf(dataset.documentation)}>
                {t('openData.readme', { name: dataset.title[lang] })}
              </a>
            </dd>
          </>
        )}
        <dt>{t('openData.license')}</dt>
        <dd>{dataset.license}</dd>
        <dt>{t('openData.access')}</dt>
        <dd>
          <Tag data-color={dataset.access === 'public' ? 'success' : 'info'}>
            {t(`openData.accessKind.${dataset.access}`)}
          </Tag>
        </dd>
      </dl>
    </li>
  );
}

export function OpenDataPage() {
  const { t } = useTranslation();
  usePageTitle(t('openData.title'));
  const catalogue = useApi('open-data', (signal) => getOpenDataCatalogue(signal));
  const files = catalogue.data?.datasets.filter((d) => d.format === 'CSV') ?? [];
  const feeds = catalogue.data?.datasets.filter((d) => d.format !== 'CSV') ?? [];
  return (
    <div className="bt-container bt-page bt-prose">
      <PageHeading>{t('openData.title')}</PageHeading>
      <Paragraph data-size="lg">{t('openData.lead')}</Paragraph>
      <Paragraph>{t('openData.privacy')}</Paragraph>
      <Paragraph>{t('openData.csvFormat')}</Paragraph>
      {catalogue.status === 'loading' && (
        <div aria-busy="true">
          <span className="bt-visually-hidden">{t('common.loading')}</span>
          <Skeleton variant="text" width="80%" aria-hidden="true" />
          <Skeleton variant="text" width="60%" aria-hidden="true" />
        </div>
      )}
      {catalogue.status === 'error' && <ApiErrorAlert error={catalogue.error} onRetry={catalogue.reload} />}
      {catalogue.status === 'success' && (
        <>
          <Paragraph>{t('openData.licenseText', { license: catalogue.data.license })}</Paragraph>
          <Heading level={2} data-size="sm">
            {t('openData.filesTitle')}
          </Heading>
          <ul className="bt-open-data">
            {files.map((d) => (
              <DatasetItem key={d.id} dataset={d} />
            ))}
          </ul>
          <Heading level={2} data-size="sm">
            {t('openData.feedsTitle')}
          </Heading>
          <Paragraph>{t('openData.feedsText')}</Paragraph>
          <ul className="bt-open-data">
            {feeds.map((d) => (
              <DatasetItem key={d.id} dataset={d} />
            ))}
          </ul>
          <Paragraph data-size="sm">
            {t('openData.apiText')} <a href="/api/docs">{t('openData.apiLink')}</a>
          </Paragraph>
        </>
      )}
    </div>
  );
}
