import { SkipLink } from '@digdir/designsystemet-react';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, ScrollRestoration, useLocation, useNavigation, type Location } from 'react-router';
import { isNavigationPending, markNavigation, takePendingFocus } from '../shared/ui/route-focus';
import { SiteFooter } from './site-footer';
import { SiteHeader } from './site-header';

/**
 * Every full page load starts at history key "default", so React Router's default key gave a
 * freshly loaded page the scroll position saved for whatever page was loaded first earlier in the
 * tab (a phone opened the supplier search 233 px down). The first entry is keyed by its address.
 */
const scrollKey = (location: Location) =>
  location.key === 'default' ? `default:${location.pathname}${location.search}` : location.key;

export function RootLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const navigation = useNavigation();
  const mainRef = useRef<HTMLElement>(null);
  const previousPath = useRef(pathname);

  // Only a new path moves focus; a new query string (search filters, pages) leaves it where it is.
  useLayoutEffect(() => {
    if (previousPath.current === pathname) return;
    previousPath.current = pathname;
    markNavigation();
  }, [pathname]);

  // Children's effects ran first: if no ready PageHeading took the focus, fall back to any h1 or <main>.
  useEffect(() => {
    if (!isNavigationPending()) return;
    const heading = mainRef.current?.querySelector<HTMLElement>('h1');
    if (heading?.dataset.busy) return;
    takePendingFocus();
    if (heading) {
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      heading.focus();
    } else {
      mainRef.current?.focus();
    }
  }, [pathname]);

  const loading = navigation.state === 'loading';
  return (
    <>
      <SkipLink
        href="#main"
        onClick={(event) => {
          // Focus <main> without adding #main to the URL (which the router would treat as a navigation).
          event.preventDefault();
          mainRef.current?.focus();
          mainRef.current?.scrollIntoView();
        }}
      >
        {t('skipLink')}
      </SkipLink>
      <div className="bt-progress" data-active={loading || undefined} aria-hidden="true" />
      <SiteHeader />
      <main id="main" ref={mainRef} tabIndex={-1} aria-busy={loading || undefined} className="bt-main">
        <Outlet />
      </main>
      <SiteFooter />
      <ScrollRestoration getKey={scrollKey} />
    </>
  );
}
