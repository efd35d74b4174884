import { Card, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { myMatches } from '../../api/matches';
import { paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { useFormat } from '../../shared/i18n/use-format';
import { RequireLogin } from '../../shared/session/require-login';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';
import { stageLabel } from '../needs/labels';
import './suppliers.css';

/** `/leverantor/matchningar`: needs matched to my supplier profile, best first, with why. */
export function MatchesPage() {
  const { t } = useTranslation();
  usePageTitle(t('matches.title'));
  return <RequireLogin>{() => <Matches />}</RequireLogin>;
}

function Matches() {
  const { t } = useTranslation();
  const format = useFormat();
  const matches = useApi('my-matches', (signal) => myMatches(signal));
  return (
    <div className="bt-container bt-page">
      <p className="bt-back">
        <AppLink to={paths.supplierHome}>{t('profile.back')}</AppLink>
      </p>
      <PageHeading busy={matches.status === 'loading'}>{t('matches.title')}</PageHeading>
      <Paragraph className="bt-muted">{t('matches.lead')}</Paragraph>
      {matches.status === 'loading' && <Paragraph role="status">{t('common.loading')}</Paragraph>}
      {matches.status === 'error' && (
        <ApiErrorAlert error={matches.error} onRetry={matches.reload} headingLevel={false} />
      )}
      {matches.status === 'success' &&
        (matches.data.items.length === 0 ? (
          <div className="bt-empty">
            <Paragraph>{t('matches.empty')}</Paragraph>
            <AppLink to={paths.needs}>{t('common.toSearch')}</AppLink>
          </div>
        ) : (
          <ul className="bt-plain-list bt-match-list">
            {matches.data.items.map((m) => (
              <li key={`${m.needId}:${m.supplierId}`}>
                <Card data-color="neutral" aria-labelledby={`match-${m.needId}`}>
                  <Heading level={2} data-size="xs" id={`match-${m.needId}`}>
                    <AppLink to={paths.need(m.needId)}>{m.title}</AppLink>
                  </Heading>
                  <div className="bt-tags">
                    <Tag data-color="success">
                      {t('matches.score', { score: format.number(Math.round(m.score * 100)) })}
                    </Tag>
                    <Tag data-color="neutral">{stageLabel(t, m.stage)}</Tag>
                  </div>
                  <Paragraph>{m.summary}</Paragraph>
                  <Heading level={3} data-size="2xs">
                    {t('matches.why')}
                  </Heading>
                  <ul>
                    {m.explanation[format.language].map((line, i) => (
                      <li key={i}>{line}</li>
                    ))}
                  </ul>
                </Card>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}
