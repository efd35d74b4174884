import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { paths } from '../../app/paths';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';

/** Placeholder until the accounts API exists: says what is coming and where to go meanwhile. */
export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  return (
    <div className="bt-container bt-page bt-prose">
      <PageHeading>{t('login.title')}</PageHeading>
      <Alert data-color="info">
        <Paragraph>{t('login.comingSoon')}</Paragraph>
      </Alert>
      <Paragraph>{t('login.meanwhile')}</Paragraph>
      <p>
        <AppLink to={paths.needs}>{t('common.toSearch')}</AppLink>
      </p>
    </div>
  );
}
