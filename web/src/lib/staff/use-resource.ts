import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api-client';
import { useStaffSession } from './staff-session';

export interface Resource<T> {
  readonly data: T | null;
  readonly error: ApiError | null;
  readonly loading: boolean;
  reload(): Promise<void>;
  set(data: T): void;
}

/** Loads staff data; a 401 ends the session in the app (back to sign-in). */
export function useResource<T>(load: () => Promise<T>, deps: readonly unknown[]): Resource<T> {
  const session = useStaffSession();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const loader = useCallback(load, deps);

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await loader());
      setError(null);
    } catch (caught) {
      const apiError = caught instanceof ApiError ? caught : new ApiError('INTERNAL', String(caught), 0);
      if (apiError.code === 'UNAUTHENTICATED') session.expired();
      setError(apiError);
    } finally {
      setLoading(false);
    }
  }, [loader, session]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, error, loading, reload, set: setData };
}

/** The message to show for a failed call, with each detail. */
export function describeError(error: unknown): { message: string; details: string[] } {
  if (error instanceof ApiError) {
    return {
      message: error.body?.message ?? error.message,
      details: (error.body?.details ?? []).map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)),
    };
  }
  return { message: String(error), details: [] };
}
