import { useCallback, useEffect, useState } from 'react';
import { isAbortError } from '../../api/http';

export type ApiState<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'success'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: unknown };

/**
 * Runs `load` when `key` changes, aborting the previous request, and exposes loading / success / error
 * plus `reload` for a "Try again" button. Deliberately small; swap for a query cache when pages need one.
 *
 * `keepPrevious`: while a new key loads, keep showing the last result. For lists that are read
 * again after an action on the same page: the forms in them stay mounted, and so does the focus.
 */
export function useApi<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
  options: { keepPrevious?: boolean } = {},
): ApiState<T> & { reload: () => void } {
  const [state, setState] = useState<ApiState<T> & { key: string }>({ status: 'loading', key });
  const [attempt, setAttempt] = useState(0);
  const keep = options.keepPrevious === true;

  // A new key shows "loading" in the same render instead of flashing the previous result.
  if (!keep && state.key !== key && state.status !== 'loading') setState({ status: 'loading', key });

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) =>
      previous.status === 'loading' || (keep && previous.status === 'success')
        ? previous
        : { status: 'loading', key },
    );
    load(controller.signal).then(
      (data) => setState({ status: 'success', data, key }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ status: 'error', error, key });
      },
    );
    return () => controller.abort();
    // `load` is a fresh closure every render on purpose; `key` is what identifies the request.
  }, [key, attempt, keep]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...stripKey(state), reload };
}

function stripKey<T>(state: ApiState<T> & { key: string }): ApiState<T> {
  const { key: _key, ...rest } = state;
  return rest as ApiState<T>;
}
