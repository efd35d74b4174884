import { Skeleton } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isNotFound } from '../../api/errors';
import { getSupplier } from '../../api/suppliers';
import { paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';
import { ProfileView } from './profile-view';
import './suppliers.css';

/** `/leverantorer/:id`: a supplier profile as buyers see it (contact persons for verified buyers). */
export function SupplierPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const supplier = useApi(`supplier:${id}`, (signal) => getSupplier(id, signal));
  usePageTitle(
    supplier.status === 'success'
      ? supplier.data.name
      : supplier.status === 'error'
        ? t('supplierPage.notFoundTitle')
        : t('supplierPage.loading'),
  );
  return (
    <div className="bt-container bt-page">
      <p className="bt-back">
        <AppLink
          to={paths.suppliers}
          onClick={(event) => {
            // Back to the list as it was (search, filters, page) when the visitor came from it.
            if (window.history.state?.idx > 0) {
              event.preventDefault();
              void navigate(-1);
            }
          }}
        >
          {t('supplierPage.back')}
        </AppLink>
      </p>
      {supplier.status === 'loading' && (
        <PageHeading busy>
          <span className="bt-visually-hidden">{t('supplierPage.loading')}</span>
          <Skeleton variant="text" width="40%" aria-hidden="true" />
        </PageHeading>
      )}
      {supplier.status === 'error' && (
        <>
          <PageHeading>
            {isNotFound(supplier.error) ? t('supplierPage.notFoundTitle') : t('common.errorTitle')}
          </PageHeading>
          <ApiErrorAlert
            error={supplier.error}
            onRetry={supplier.reload}
            notFoundMessage={t('supplierPage.notFound')}
            headingLevel={false}
          />
        </>
      )}
      {supplier.status === 'success' && (
        <>
          <PageHeading>{supplier.data.name}</PageHeading>
          <div className="bt-supplier-profile">
            <ProfileView profile={supplier.data} headingLevel={2} hideName />
          </div>
        </>
      )}
    </div>
  );
}
