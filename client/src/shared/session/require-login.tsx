import { Paragraph } from '@digdir/designsystemet-react';
import { useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { User } from '../../api/accounts';
import { paths } from '../../app/paths';
import { AppLink } from '../ui/app-link';
import { LoadingPage } from '../ui/loading-page';
import { PageHeading } from '../ui/page-heading';
import { useSession } from './session';

/**
 * Renders `children(user)` for a logged-in user; sends anyone else to the login page, which
 * returns here afterwards (`?next=`). Someone who logs out (or deletes the account) while on the
 * page is not bounced to the login page: the action that logged them out decides where they go.
 */
export function RequireLogin({ children }: { children: (user: User) => ReactNode }) {
  const { t } = useTranslation();
  const { state } = useSession();
  const location = useLocation();
  const wasLoggedIn = useRef(false);
  if (state.status === 'loading') return <LoadingPage />;
  if (state.status === 'authenticated') {
    wasLoggedIn.current = true;
    return <>{children(state.user)}</>;
  }
  if (wasLoggedIn.current) {
    return (
      <div className="bt-container bt-page bt-prose">
        <PageHeading focus>{t('session.loggedOutTitle')}</PageHeading>
        <Paragraph>{t('session.loggedOutText')}</Paragraph>
        <p>
          <AppLink to={paths.loginThen(`${location.pathname}${location.search}`)}>{t('nav.login')}</AppLink>
        </p>
      </div>
    );
  }
  return <Navigate to={paths.loginThen(`${location.pathname}${location.search}`)} replace />;
}
