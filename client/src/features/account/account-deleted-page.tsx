import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { paths } from '../../app/paths';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';

export function AccountDeletedPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.deletedTitle'));
  return (
    <div className="bt-container bt-page bt-prose">
      <PageHeading>{t('account.deletedTitle')}</PageHeading>
      <Paragraph>{t('account.deletedText')}</Paragraph>
      <p>
        <AppLink to={paths.home}>{t('common.toHome')}</AppLink>
      </p>
    </div>
  );
}
