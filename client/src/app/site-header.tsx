import { Button } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { useSession } from '../shared/session/session';
import { LanguageSwitch } from './language-switch';
import { paths } from './paths';

/**
 * The site header. Below 40rem the navigation, the language switch and the account actions fold
 * into one "Menu" button (a disclosure: aria-expanded, aria-controls), so the header is one row on
 * a phone; wider screens never see the button and the menu's wrapper adds no box (CSS).
 */
export function SiteHeader() {
  const { t } = useTranslation();
  const { state } = useSession();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  // A followed link closes the menu: the new page's heading takes the focus.
  useEffect(() => setMenuOpen(false), [pathname]);
  return (
    <header className="bt-header">
      <div className="bt-container bt-header__inner">
        <Link to={paths.home} className="bt-brand" aria-label={t('nav.home')}>
          <svg aria-hidden="true" focusable="false" viewBox="0 0 32 32" className="bt-brand__mark">
            <rect width="32" height="32" rx="6" fill="currentColor" />
            <path
              d="M9 8h8.5a5 5 0 0 1 1.9 9.6A5.2 5.2 0 0 1 17.8 27H9zm4 4v4h4a2 2 0 0 0 0-4zm0 7.5V23h4.5a1.75 1.75 0 0 0 0-3.5z"
              fill="#fff"
            />
          </svg>
          <span className="bt-brand__name">{t('app.name')}</span>
        </Link>
        <Button
          ref={toggleRef}
          type="button"
          variant="secondary"
          data-size="sm"
          className="bt-menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="site-menu"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="1.25em" height="1.25em">
            {menuOpen ? (
              <path
                fill="currentColor"
                d="m6.4 5 5.6 5.6L17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z"
              />
            ) : (
              <path fill="currentColor" d="M3 5h18v2H3zm0 6h18v2H3zm0 6h18v2H3z" />
            )}
          </svg>
          {t('nav.menu')}
        </Button>
        <div
          id="site-menu"
          className="bt-header__menu"
          data-open={menuOpen || undefined}
          onKeyDown={(event) => {
            if (event.key !== 'Escape' || !menuOpen) return;
            setMenuOpen(false);
            toggleRef.current?.focus();
          }}
        >
          <nav aria-label={t('nav.label')} className="bt-nav">
            <ul>
              <li>
                <NavLink to={paths.needs}>{t('nav.needs')}</NavLink>
              </li>
              {state.user && (
                <>
                  <li>
                    <NavLink to={paths.supplierHome}>{t('nav.supplier')}</NavLink>
                  </li>
                  <li>
                    <NavLink to={paths.buyerHome}>{t('nav.buyer')}</NavLink>
                  </li>
                </>
              )}
              {state.user?.isAdmin && (
                <li>
                  <NavLink to={paths.admin}>{t('nav.admin')}</NavLink>
                </li>
              )}
              <li>
                <NavLink to={paths.about}>{t('nav.about')}</NavLink>
              </li>
            </ul>
          </nav>
          <div className="bt-header__actions">
            <LanguageSwitch />
            {state.status === 'authenticated' ? (
              <UserActions name={state.user.name || state.user.email} />
            ) : (
              <Button asChild variant="secondary" data-size="sm">
                <Link to={paths.login}>{t('nav.login')}</Link>
              </Button>
            )}
          </div>
        </div>
      </div>
    </header>
  );
}

function UserActions({ name }: { name: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  return (
    <div className="bt-user">
      <Button asChild variant="tertiary" data-size="sm">
        <NavLink to={paths.account} aria-label={t('nav.accountLabel', { name })}>
          <span className="bt-user__name">{name}</span>
        </NavLink>
      </Button>
      <Button
        variant="secondary"
        data-size="sm"
        loading={busy}
        onClick={() => {
          if (busy) return;
          setBusy(true);
          // Home first: a page that needs a login would otherwise send the visitor to the login page.
          Promise.resolve(navigate(paths.home))
            .then(() => session.logout())
            .catch(() => undefined)
            .finally(() => setBusy(false));
        }}
      >
        {t('nav.logout')}
      </Button>
    </div>
  );
}
