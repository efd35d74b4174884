import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../shared/hooks/use-page-title';
import { AppLink } from '../shared/ui/app-link';
import { PageHeading } from '../shared/ui/page-heading';
import { paths } from './paths';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <div className="bt-container bt-page bt-prose">
      <PageHeading>{t('notFound.title')}</PageHeading>
      <Paragraph>{t('notFound.text')}</Paragraph>
      <ul className="bt-link-list">
        <li>
          <AppLink to={paths.home}>{t('common.toHome')}</AppLink>
        </li>
        <li>
          <AppLink to={paths.needs}>{t('common.toSearch')}</AppLink>
        </li>
      </ul>
    </div>
  );
}
