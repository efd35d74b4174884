import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { getMe, logout as apiLogout, type User } from '../../api/accounts';
import { isApiError, readCookie } from '../../api/http';

export type SessionState =
  | { status: 'loading'; user?: undefined }
  | { status: 'anonymous'; user?: undefined }
  | { status: 'authenticated'; user: User };

export interface SessionValue {
  state: SessionState;
  user: User | undefined;
  /** Reads GET /api/me again (after verifying an email, changing the profile...). */
  refresh(): Promise<void>;
  /** After a successful login or profile change: the user as the API returned it. */
  setUser(user: User | undefined): void;
  /** Ends the session on the server and forgets the user here. */
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionValue | undefined>(undefined);

// The httpOnly session cookie cannot be read, but the API sets the CSRF cookie beside it: without
// it there is no session, and the start page need not ask (and log a 401).
const hasSessionCookie = () => Boolean(readCookie('bt_csrf'));

async function loadUser(signal?: AbortSignal): Promise<User | undefined> {
  if (!hasSessionCookie()) return undefined;
  try {
    return await getMe(signal);
  } catch (error) {
    if (isApiError(error) && error.status === 401) return undefined;
    throw error;
  }
}

/** Who is logged in, from GET /api/me: drives the header, guarded pages and role links. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>(() =>
    hasSessionCookie() ? { status: 'loading' } : { status: 'anonymous' },
  );

  const apply = useCallback((user: User | undefined) => {
    setState(user ? { status: 'authenticated', user } : { status: 'anonymous' });
  }, []);

  const refresh = useCallback(async () => {
    try {
      apply(await loadUser());
    } catch {
      // The API is unreachable: keep what we know; pages show their own errors.
      setState((previous) => (previous.status === 'loading' ? { status: 'anonymous' } : previous));
    }
  }, [apply]);

  useEffect(() => {
    if (!hasSessionCookie()) return;
    const controller = new AbortController();
    loadUser(controller.signal).then(apply, () => {
      if (!controller.signal.aborted) setState({ status: 'anonymous' });
    });
    return () => controller.abort();
  }, [apply]);

  const logout = useCallback(async () => {
    try {
      await apiLogout();
    } finally {
      apply(undefined);
    }
  }, [apply]);

  const value = useMemo<SessionValue>(
    () => ({ state, user: state.user, refresh, setUser: apply, logout }),
    [state, refresh, apply, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() outside <SessionProvider>');
  return value;
}
