import { createBrowserRouter } from 'react-router';
import { NotFoundPage } from './not-found-page';
import { RootLayout } from './root-layout';
import { RouteError } from './route-error';
import { LoadingPage } from '../shared/ui/loading-page';

/**
 * Each page is its own chunk (route-level code splitting): the start page loads only the shell and
 * its own module. The pathless route keeps header and footer on screen when a page throws.
 */
export const router = createBrowserRouter([
  {
    Component: RootLayout,
    HydrateFallback: LoadingPage,
    children: [
      {
        ErrorBoundary: RouteError,
        children: [
          {
            index: true,
            lazy: () => import('../features/needs/start-page').then((m) => ({ Component: m.StartPage })),
          },
          {
            path: 'behov',
            lazy: () =>
              import('../features/needs/need-search-page').then((m) => ({ Component: m.NeedSearchPage })),
          },
          {
            path: 'behov/:id',
            lazy: () => import('../features/needs/need-page').then((m) => ({ Component: m.NeedPage })),
          },
          {
            path: 'natverk/:id',
            lazy: () =>
              import('../features/network/network-page').then((m) => ({ Component: m.NetworkPage })),
          },
          {
            path: 'om',
            lazy: () => import('../features/about/about-page').then((m) => ({ Component: m.AboutPage })),
          },
          {
            path: 'tillganglighet',
            lazy: () =>
              import('../features/about/accessibility-page').then((m) => ({
                Component: m.AccessibilityPage,
              })),
          },
          {
            path: 'logga-in',
            lazy: () => import('../features/auth/login-page').then((m) => ({ Component: m.LoginPage })),
          },
          {
            path: 'registrera',
            lazy: () => import('../features/auth/register-page').then((m) => ({ Component: m.RegisterPage })),
          },
          {
            path: 'verifiera-epost',
            lazy: () =>
              import('../features/auth/verify-email-page').then((m) => ({ Component: m.VerifyEmailPage })),
          },
          {
            path: 'aterstall-losenord',
            lazy: () =>
              import('../features/auth/reset-password-page').then((m) => ({
                Component: m.ResetPasswordPage,
              })),
          },
          {
            path: 'mitt-konto',
            lazy: () =>
              import('../features/account/account-page').then((m) => ({ Component: m.AccountPage })),
          },
          {
            path: 'konto-raderat',
            lazy: () =>
              import('../features/account/account-deleted-page').then((m) => ({
                Component: m.AccountDeletedPage,
              })),
          },
          {
            path: 'leverantor',
            lazy: () =>
              import('../features/suppliers/supplier-home-page').then((m) => ({
                Component: m.SupplierHomePage,
              })),
          },
          {
            path: 'leverantor/profil',
            lazy: () =>
              import('../features/suppliers/profile-editor-page').then((m) => ({
                Component: m.ProfileEditorPage,
              })),
          },
          {
            path: 'leverantor/forhandsvisning',
            lazy: () =>
              import('../features/suppliers/profile-preview-page').then((m) => ({
                Component: m.ProfilePreviewPage,
              })),
          },
          {
            path: 'leverantor/matchningar',
            lazy: () =>
              import('../features/suppliers/matches-page').then((m) => ({ Component: m.MatchesPage })),
          },
          {
            path: 'leverantor/moten',
            lazy: () =>
              import('../features/suppliers/registrations-page').then((m) => ({
                Component: m.RegistrationsPage,
              })),
          },
          {
            path: 'bevakningar',
            lazy: () =>
              import('../features/suppliers/subscriptions-page').then((m) => ({
                Component: m.SubscriptionsPage,
              })),
          },
          {
            path: 'admin',
            lazy: () =>
              import('../features/admin/admin-home-page').then((m) => ({ Component: m.AdminHomePage })),
          },
          {
            path: 'admin/logg',
            lazy: () =>
              import('../features/admin/audit-log-page').then((m) => ({ Component: m.AuditLogPage })),
          },
          {
            path: 'admin/:queue',
            lazy: () =>
              import('../features/admin/admin-queue-page').then((m) => ({ Component: m.AdminQueuePage })),
          },
          // Tiny and also used by RouteError, so it lives in the main chunk.
          { path: '*', Component: NotFoundPage },
        ],
      },
    ],
  },
]);
