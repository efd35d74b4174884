import { Card, Heading, Paragraph, Skeleton, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { NeedSummary } from '../../api/needs';
import { paths } from '../../app/paths';
import { useFormat } from '../../shared/i18n/use-format';
import { Highlighted } from '../../shared/ui/highlighted';
import { regionLabel, stageColor, stageLabel } from './labels';

interface NeedCardProps {
  need: NeedSummary;
  headingLevel?: 2 | 3;
}

export function NeedCard({ need, headingLevel = 3 }: NeedCardProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const linkId = `need-link-${need.id}`;
  return (
    // The whole card is clickable (Designsystemet's click delegation) but only the title is a link.
    <Card asChild className="bt-need-card" data-color="neutral" data-clickdelegatefor={linkId}>
      <article>
        <Heading level={headingLevel} data-size="xs" className="bt-need-card__title">
          <Link to={paths.need(need.id)} id={linkId} lang={need.language}>
            <Highlighted text={need.highlight?.title} fallback={need.title} />
          </Link>
        </Heading>
        <div className="bt-need-card__meta">
          <Tag data-color={stageColor(need.stage)} data-size="sm">
            {stageLabel(t, need.stage)}
          </Tag>
          <span className="bt-need-card__network">{need.network.name}</span>
        </div>
        <Paragraph data-size="sm" className="bt-need-card__summary" lang={need.language}>
          <Highlighted text={need.highlight?.summary} fallback={need.summary} />
        </Paragraph>
        <ul className="bt-need-card__facts">
          <li>
            <time dateTime={format.iso(need.publishedAt)}>
              {t('need.published', { date: format.date(need.publishedAt) })}
            </time>
          </li>
          {need.questionsDeadline && (
            <li>
              <time dateTime={format.iso(need.questionsDeadline)}>
                {t('need.questionsDeadline', { date: format.date(need.questionsDeadline) })}
              </time>
            </li>
          )}
          {need.regions.length > 0 && <li>{need.regions.map((code) => regionLabel(t, code)).join(', ')}</li>}
        </ul>
      </article>
    </Card>
  );
}

/** Placeholder shapes while needs load; hidden from assistive technology (a status message says "loading"). */
export function NeedCardSkeleton() {
  return (
    <Card className="bt-need-card" aria-hidden="true">
      <Skeleton variant="text" width="70%" height="1.5em" />
      <Skeleton variant="text" width="40%" />
      <Skeleton variant="text" width="100%" />
      <Skeleton variant="text" width="90%" />
    </Card>
  );
}
