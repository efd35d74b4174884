import { Spinner } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

/** Shown while the first page's code loads. */
export function LoadingPage() {
  const { t } = useTranslation();
  return (
    <div className="bt-loading-page">
      <Spinner aria-label={t('common.loading')} data-size="lg" />
    </div>
  );
}
