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
            path: 'behov/:id/hantera',
            lazy: () =>
              import('../features/need-admin/need-overview-page').then((m) => ({
                Component: m.NeedOverviewPage,
              })),
          },
          {
            path: 'behov/:id/redigera',
            lazy: () =>
              import('../features/need-admin/need-editor-pages').then((m) => ({ Component: m.EditNeedPage })),
          },
          {
            path: 'behov/:id/matchningar',
            lazy: () =>
              import('../features/need-admin/need-matches-page').then((m) => ({
                Component: m.NeedMatchesPage,
              })),
          },
          {
            path: 'behov/:id/fragor',
            lazy: () =>
              import('../features/need-admin/need-questions-page').then((m) => ({
                Component: m.NeedQuestionsPage,
              })),
          },
          {
            path: 'behov/:id/moten',
            lazy: () =>
              import('../features/meetings/meetings-list-page').then((m) => ({
                Component: m.MeetingsListPage,
              })),
          },
          {
            path: 'behov/:id/moten/nytt',
            lazy: () =>
              import('../features/meetings/new-meeting-page').then((m) => ({ Component: m.NewMeetingPage })),
          },
          {
            path: 'behov/:id/moten/:meetingId',
            lazy: () =>
              import('../features/meetings/meeting-page').then((m) => ({ Component: m.MeetingPage })),
          },
          {
            path: 'natverk/:id',
            lazy: () =>
              import('../features/network/network-page').then((m) => ({ Component: m.NetworkPage })),
          },
          {
            path: 'natverk/:id/hantera',
            lazy: () =>
              import('../features/network/network-dashboard-page').then((m) => ({
                Component: m.NetworkDashboardPage,
              })),
          },
          {
            path: 'natverk/:id/hantera/medlemmar',
            lazy: () =>
              import('../features/network/network-members-page').then((m) => ({
                Component: m.NetworkMembersPage,
              })),
          },
          {
            path: 'natverk/:id/hantera/grupper',
            lazy: () =>
              import('../features/network/network-groups-page').then((m) => ({
                Component: m.NetworkGroupsPage,
              })),
          },
          {
            path: 'natverk/:id/nytt-behov',
            lazy: () =>
              import('../features/need-admin/need-editor-pages').then((m) => ({ Component: m.NewNeedPage })),
          },
          {
            path: 'bestallare',
            lazy: () =>
              import('../features/buyer/buyer-home-page').then((m) => ({ Component: m.BuyerHomePage })),
          },
          {
            path: 'bestallare/nytt-natverk',
            lazy: () =>
              import('../features/buyer/create-network-page').then((m) => ({
                Component: m.CreateNetworkPage,
              })),
          },
          {
            path: 'leverantorer',
            lazy: () =>
              import('../features/suppliers/supplier-search-page').then((m) => ({
                Component: m.SupplierSearchPage,
              })),
          },
          {
            path: 'leverantorer/:id',
            lazy: () =>
              import('../features/suppliers/supplier-page').then((m) => ({ Component: m.SupplierPage })),
          },
          {
            path: 'konto/inbjudningar',
            lazy: () =>
              import('../features/account/invitations-page').then((m) => ({ Component: m.InvitationsPage })),
          },
          {
            path: 'konto/organisationer/:id',
            lazy: () =>
              import('../features/account/organisation-page').then((m) => ({
                Component: m.OrganisationPage,
              })),
          },
          {
            path: 'om',
            lazy: () => import('../features/about/about-page').then((m) => ({ Component: m.AboutPage })),
          },
          {
            path: 'oppna-data',
            lazy: () =>
              import('../features/open-data/open-data-page').then((m) => ({ Component: m.OpenDataPage })),
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
            path: 'admin/anmalningar',
            lazy: () => import('../features/admin/reports-page').then((m) => ({ Component: m.ReportsPage })),
          },
          {
            path: 'admin/queues',
            lazy: () =>
              import('../features/admin/queue-dashboard-page').then((m) => ({
                Component: m.QueueDashboardPage,
              })),
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
