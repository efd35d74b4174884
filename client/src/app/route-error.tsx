import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { usePageTitle } from '../shared/hooks/use-page-title';
import { AppLink } from '../shared/ui/app-link';
import { PageHeading } from '../shared/ui/page-heading';
import { NotFoundPage } from './not-found-page';
import { paths } from './paths';

/** Shown inside the layout when a page throws or its code cannot be loaded (e.g. after a new release). */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  usePageTitle(notFound ? t('notFound.title') : t('routeError.title'));

  useEffect(() => {
    if (!notFound) console.error(error);
  }, [error, notFound]);

  if (notFound) return <NotFoundPage />;
  return (
    <div className="bt-container bt-page bt-prose">
      <PageHeading>{t('routeError.title')}</PageHeading>
      <Paragraph>{t('routeError.text')}</Paragraph>
      <div className="bt-actions">
        <Button onClick={() => window.location.reload()}>{t('routeError.reload')}</Button>
        <AppLink to={paths.home}>{t('common.toHome')}</AppLink>
      </div>
    </div>
  );
}
