import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { paths } from '../../app/paths';
import { AppLink } from './app-link';

/**
 * The link that fixes an authorisation or precondition error from the API (401/403), or nothing
 * when no page can fix it (the person simply may not do this).
 */
export function NextStepLink({ code }: { code: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const step = (() => {
    switch (code) {
      case 'unauthorized':
        return { to: paths.loginThen(`${location.pathname}${location.search}`), label: t('standing.login') };
      case 'email_not_verified':
        return { to: paths.account, label: t('standing.toAccount') };
      case 'not_a_supplier':
        return { to: paths.supplierHome, label: t('standing.registerCompany') };
      case 'organisation_not_verified':
        return { to: paths.supplierHome, label: t('standing.companyStatus') };
      default:
        return undefined;
    }
  })();
  if (!step) return null;
  return (
    <Paragraph>
      <AppLink to={step.to}>{step.label}</AppLink>
    </Paragraph>
  );
}
