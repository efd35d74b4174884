import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets `document.title` to "<title> – Behovstorget" (or just the product name when title is empty). */
export function usePageTitle(title: string | undefined): void {
  const { t } = useTranslation();
  const appName = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} – ${appName}` : `${appName} – ${t('app.tagline')}`;
  }, [title, appName, t]);
}
