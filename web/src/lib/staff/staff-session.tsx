import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { StaffSession, StaffUser } from '@candor/shared';
import { api, ApiError, setCsrfToken } from '../api-client';
import { LocaleContext } from '../i18n/i18n';

interface StaffSessionState {
  readonly status: 'loading' | 'signed-out' | 'signed-in';
  readonly user: StaffUser | null;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Call when an API answers 401: the session ended elsewhere. */
  expired(): void;
}

const SessionContext = createContext<StaffSessionState | null>(null);

/**
 * The signed-in staff member. The CSRF token is kept in memory only (it comes back
 * from GET /api/auth/session after a reload) and sent with every write.
 */
export function StaffSessionProvider({ children }: { readonly children: ReactNode }) {
  const [session, setSession] = useState<StaffSession | null>(null);
  const [status, setStatus] = useState<StaffSessionState['status']>('loading');

  const accept = useCallback((next: StaffSession | null) => {
    setSession(next);
    setCsrfToken(next?.csrfToken ?? null);
    setStatus(next ? 'signed-in' : 'signed-out');
  }, []);

  useEffect(() => {
    api
      .get<StaffSession>('/api/auth/session')
      .then(accept)
      .catch(() => accept(null));
    return () => setCsrfToken(null);
  }, [accept]);

  const value = useMemo<StaffSessionState>(
    () => ({
      status,
      user: session?.user ?? null,
      signIn: async (email, password) => accept(await api.post<StaffSession>('/api/auth/login', { email, password })),
      signOut: async () => {
        await api.post('/api/auth/logout').catch((error: unknown) => {
          if (!(error instanceof ApiError) || error.code !== 'UNAUTHENTICATED') throw error;
        });
        accept(null);
      },
      expired: () => accept(null),
    }),
    [accept, session, status],
  );

  return (
    <SessionContext.Provider value={value}>
      <LocaleContext.Provider value={session?.user.locale ?? null}>{children}</LocaleContext.Provider>
    </SessionContext.Provider>
  );
}

export function useStaffSession(): StaffSessionState {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useStaffSession outside StaffSessionProvider');
  return context;
}
