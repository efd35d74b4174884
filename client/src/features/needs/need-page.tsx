import { Paragraph, Skeleton, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isNotFound } from '../../api/errors';
import { getNeed } from '../../api/needs';
import { paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { useFormat } from '../../shared/i18n/use-format';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';
import { regionLabel, stageColor, stageLabel } from './labels';
import './needs.css';

/** Placeholder need page: title, summary and the key facts. Demand, meetings and Q&A come next. */
export function NeedPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id = '' } = useParams();
  const need = useApi(`need:${id}`, (signal) => getNeed(id, signal));

  usePageTitle(
    need.status === 'success'
      ? need.data.title
      : need.status === 'error'
        ? isNotFound(need.error)
          ? t('need.notFoundTitle')
          : t('common.errorTitle')
        : t('need.loading'),
  );

  return (
    <div className="bt-container bt-page bt-prose">
      <p className="bt-back">
        <AppLink to={paths.needs}>{t('need.backToSearch')}</AppLink>
      </p>
      {need.status === 'loading' && (
        <>
          <PageHeading busy>
            <span className="bt-visually-hidden">{t('need.loading')}</span>
            <Skeleton variant="text" width="60%" aria-hidden="true" />
          </PageHeading>
          <Skeleton variant="text" width="100%" />
          <Skeleton variant="text" width="80%" />
        </>
      )}
      {need.status === 'error' && (
        <>
          <PageHeading>
            {isNotFound(need.error) ? t('need.notFoundTitle') : t('common.errorTitle')}
          </PageHeading>
          <ApiErrorAlert
            error={need.error}
            onRetry={need.reload}
            notFoundMessage={t('need.notFound')}
            headingLevel={false}
          />
        </>
      )}
      {need.status === 'success' && (
        <article className="bt-prose">
          <PageHeading>{need.data.title}</PageHeading>
          <div className="bt-need-card__meta">
            <Tag data-color={stageColor(need.data.stage)}>{stageLabel(t, need.data.stage)}</Tag>
            <AppLink to={paths.network(need.data.network.id)}>{need.data.network.name}</AppLink>
          </div>
          <Paragraph data-size="lg">{need.data.summary}</Paragraph>
          <dl className="bt-facts">
            <dt>{t('need.stage')}</dt>
            <dd>{stageLabel(t, need.data.stage)}</dd>
            <dt>{t('need.network')}</dt>
            <dd>{need.data.network.name}</dd>
            {need.data.regions.length > 0 && (
              <>
                <dt>{t('need.regions')}</dt>
                <dd>{need.data.regions.map((code) => regionLabel(t, code)).join(', ')}</dd>
              </>
            )}
            {need.data.cpvCodes.length > 0 && (
              <>
                <dt>{t('need.cpv')}</dt>
                <dd>{need.data.cpvCodes.join(', ')}</dd>
              </>
            )}
          </dl>
          <Paragraph data-size="sm">
            <time dateTime={format.iso(need.data.publishedAt)}>
              {t('need.published', { date: format.longDate(need.data.publishedAt) })}
            </time>
            {need.data.questionsDeadline && (
              <>
                {' · '}
                <time dateTime={format.iso(need.data.questionsDeadline)}>
                  {t('need.questionsDeadline', { date: format.longDate(need.data.questionsDeadline) })}
                </time>
              </>
            )}
          </Paragraph>
          <Paragraph data-size="sm" className="bt-muted">
            {t('need.placeholder')}
          </Paragraph>
        </article>
      )}
    </div>
  );
}
