import { Heading, Link, List, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { useFormat } from '../../shared/i18n/use-format';
import { PageHeading } from '../../shared/ui/page-heading';

/** Bump when the statement's content changes. */
const updatedAt = '2026-11-21';

export function AccessibilityPage() {
  const { t } = useTranslation();
  const format = useFormat();
  usePageTitle(t('accessibility.title'));
  return (
    <div className="bt-container bt-page bt-prose">
      {/* The heading has a soft hyphen so the long Swedish word can break on narrow screens. */}
      <PageHeading>{t('accessibility.heading')}</PageHeading>
      <Paragraph data-size="lg">{t('accessibility.lead')}</Paragraph>

      <Heading level={2} data-size="sm">
        {t('accessibility.statusTitle')}
      </Heading>
      <Paragraph>{t('accessibility.statusText')}</Paragraph>

      <Heading level={2} data-size="sm">
        {t('accessibility.knownTitle')}
      </Heading>
      <List.Unordered>
        <List.Item>{t('accessibility.known1')}</List.Item>
        <List.Item>{t('accessibility.known2')}</List.Item>
      </List.Unordered>

      <Heading level={2} data-size="sm">
        {t('accessibility.reportTitle')}
      </Heading>
      <Paragraph>{t('accessibility.reportText')}</Paragraph>

      <Heading level={2} data-size="sm">
        {t('accessibility.supervisionTitle')}
      </Heading>
      <Paragraph>{t('accessibility.supervisionText')}</Paragraph>
      <p>
        <Link href="https://www.digg.se/">{t('accessibility.supervisionLink')}</Link>
      </p>

      <Heading level={2} data-size="sm">
        {t('accessibility.testingTitle')}
      </Heading>
      <Paragraph>{t('accessibility.testingText')}</Paragraph>
      <Paragraph data-size="sm" className="bt-muted">
        <time dateTime={updatedAt}>{t('accessibility.updated', { date: format.longDate(updatedAt) })}</time>
      </Paragraph>
    </div>
  );
}
