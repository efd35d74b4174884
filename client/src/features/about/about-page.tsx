import { Heading, List, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { paths } from '../../app/paths';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';

export function AboutPage() {
  const { t } = useTranslation();
  usePageTitle(t('about.title'));
  return (
    <div className="bt-container bt-page bt-prose">
      <PageHeading>{t('about.title')}</PageHeading>
      <Paragraph data-size="lg">{t('about.lead')}</Paragraph>

      <Heading level={2} data-size="sm">
        {t('about.networksTitle')}
      </Heading>
      <Paragraph>{t('about.networksText1')}</Paragraph>
      <Paragraph>{t('about.networksText2')}</Paragraph>

      <Heading level={2} data-size="sm">
        {t('about.whyTitle')}
      </Heading>
      <Paragraph>{t('about.whyText1')}</Paragraph>
      <Paragraph>{t('about.whyText2')}</Paragraph>

      <Heading level={2} data-size="sm">
        {t('about.howTitle')}
      </Heading>
      <List.Ordered>
        <List.Item>{t('about.how1')}</List.Item>
        <List.Item>{t('about.how2')}</List.Item>
        <List.Item>{t('about.how3')}</List.Item>
        <List.Item>{t('about.how4')}</List.Item>
        <List.Item>{t('about.how5')}</List.Item>
      </List.Ordered>

      <Heading level={2} data-size="sm">
        {t('about.principlesTitle')}
      </Heading>
      <List.Unordered>
        <List.Item>{t('about.principleEqual')}</List.Item>
        <List.Item>{t('about.principleFunction')}</List.Item>
        <List.Item>{t('about.principleOpenData')}</List.Item>
        <List.Item>{t('about.principleAccessibility')}</List.Item>
      </List.Unordered>

      <Heading level={2} data-size="sm">
        {t('about.sourcesTitle')}
      </Heading>
      <Paragraph data-size="sm">{t('about.sourcesText')}</Paragraph>
      <p>
        <AppLink to={paths.needs}>{t('common.toSearch')}</AppLink>
      </p>
    </div>
  );
}
