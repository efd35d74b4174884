import { http } from './http';

export type Language = 'sv' | 'en';

export interface User {
  id: string;
  email: string;
  name: string | null;
  language: Language;
  emailVerified: boolean;
  emailVerifiedAt: string | null;
  isAdmin: boolean;
  createdAt: string;
}

export interface AccountSession {
  id: string;
  kind: 'cookie' | 'bearer';
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  ip: string | null;
}

export interface Accepted {
  status: 'accepted';
  message: string;
}

export interface LoginResult {
  user: User;
  session: { id: string; expiresAt: string };
  csrfToken?: string;
}

export const register = (body: { email: string; password: string; name?: string; language: Language }) =>
  http.post<Accepted>('/api/auth/register', body);

export const verifyEmail = (token: string) => http.post<User>('/api/auth/verify-email', { token });

export const resendVerification = () => http.post<Accepted>('/api/auth/verify-email/resend');

export const login = (email: string, password: string) =>
  http.post<LoginResult>('/api/auth/login', { email, password });

export const logout = () => http.post<void>('/api/auth/logout');

export const requestPasswordReset = (email: string) =>
  http.post<Accepted>('/api/auth/password-reset/request', { email });

export const confirmPasswordReset = (token: string, password: string) =>
  http.post<void>('/api/auth/password-reset/confirm', { token, password });

export const changePassword = (currentPassword: string, newPassword: string) =>
  http.post<{ revokedSessions: number }>('/api/auth/password', { currentPassword, newPassword });

export const getMe = (signal?: AbortSignal) => http.get<User>('/api/me', { signal });

export const updateMe = (changes: { name?: string | null; language?: Language }) =>
  http.patch<User>('/api/me', changes);

export const listSessions = (signal?: AbortSignal) =>
  http.get<AccountSession[]>('/api/me/sessions', { signal });

export const revokeSession = (id: string) => http.delete<void>(`/api/me/sessions/${encodeURIComponent(id)}`);

/** The personal-data export as a JSON file (what the API sends as an attachment). */
export async function exportMyData(): Promise<Blob> {
  const data = await http.get<unknown>('/api/me/export');
  return new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
}

export const deleteAccount = (password: string) => http.delete<void>('/api/me', { body: { password } });
