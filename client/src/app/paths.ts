/** Every client route in one place (Swedish paths). Keep in sync with client/README.md. */
export const paths = {
  home: '/',
  needs: '/behov',
  need: (id: string) => `/behov/${encodeURIComponent(id)}`,
  network: (id: string) => `/natverk/${encodeURIComponent(id)}`,
  about: '/om',
  accessibility: '/tillganglighet',
  openData: '/oppna-data',
  login: '/logga-in',
  /** The login page that returns to `next` (a path inside the app) afterwards. */
  loginThen: (next: string) => `/logga-in?next=${encodeURIComponent(next)}`,
  register: '/registrera',
  verifyEmail: '/verifiera-epost',
  resetPassword: '/aterstall-losenord',
  account: '/mitt-konto',
  accountDeleted: '/konto-raderat',
  admin: '/admin',
  adminQueue: (queue: string) => `/admin/${encodeURIComponent(queue)}`,
  adminAudit: '/admin/logg',
  supplierHome: '/leverantor',
  supplierProfile: '/leverantor/profil',
  supplierPreview: '/leverantor/forhandsvisning',
  supplierMatches: '/leverantor/matchningar',
  supplierMeetings: '/leverantor/moten',
  subscriptions: '/bevakningar',
  invitations: '/konto/inbjudningar',
  organisation: (id: string) => `/konto/organisationer/${encodeURIComponent(id)}`,
  buyerHome: '/bestallare',
  newNetwork: '/bestallare/nytt-natverk',
  networkManage: (id: string) => `/natverk/${encodeURIComponent(id)}/hantera`,
  networkMembers: (id: string) => `/natverk/${encodeURIComponent(id)}/hantera/medlemmar`,
  networkGroups: (id: string) => `/natverk/${encodeURIComponent(id)}/hantera/grupper`,
  newNeed: (networkId: string) => `/natverk/${encodeURIComponent(networkId)}/nytt-behov`,
  needManage: (id: string) => `/behov/${encodeURIComponent(id)}/hantera`,
  needEdit: (id: string) => `/behov/${encodeURIComponent(id)}/redigera`,
  needMatches: (id: string) => `/behov/${encodeURIComponent(id)}/matchningar`,
  needMeetings: (id: string) => `/behov/${encodeURIComponent(id)}/moten`,
  newMeeting: (needId: string) => `/behov/${encodeURIComponent(needId)}/moten/nytt`,
  meetingManage: (needId: string, meetingId: string) =>
    `/behov/${encodeURIComponent(needId)}/moten/${encodeURIComponent(meetingId)}`,
  needQuestions: (id: string) => `/behov/${encodeURIComponent(id)}/fragor`,
  suppliers: '/leverantorer',
  supplier: (id: string) => `/leverantorer/${encodeURIComponent(id)}`,
  adminReports: '/admin/anmalningar',
} as const;

/** Served by the API, not by the client router: plain links with a full page load. */
export const apiLinks = {
  openApi: '/api/openapi.json',
  /** The BullMQ dashboard for admins (bull-board, served by the API; a full page load). */
  queueDashboard: '/admin/queues',
  /** The need's eForms E1 notice (network members; an XML download). */
  eformsE1: (needId: string) => `/api/needs/${encodeURIComponent(needId)}/eforms-e1.xml`,
  attendanceCsv: (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}/attendance.csv`,
} as const;

/** Only same-site paths are followed after login (no open redirect to another origin). */
export function safeNext(next: string | null | undefined, fallback: string = paths.account): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
