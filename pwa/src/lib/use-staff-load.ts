import { useEffect, useState } from 'preact/hooks';
import type { ApiResult } from '../api/client';
import { browserOnline } from './online';
import type { Loaded } from './use-signed-in-load';

/**
 * Load what a reception page shows (again on `reload`, and when the connection comes back).
 * A 401 needs nothing here: the staff API has already ended the session and gone to `/staff`.
 */
export function useStaffLoad<T>(
  load: (signal: AbortSignal) => Promise<ApiResult<T>>,
  keys: ReadonlyArray<unknown> = [],
): { state: Loaded<T>; reload: () => void; set: (data: T) => void } {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    load(controller.signal).then(
      (result) => {
        if (result.ok) setState({ status: 'ok', data: result.data });
        else if (result.error.code !== 'unauthorized')
          setState({ status: 'error', error: result.error });
      },
      () => {},
    );
    return () => controller.abort();
  }, [...keys, attempt]);
  const online = browserOnline.value;
  useEffect(() => {
    if (online && state.status === 'error') setAttempt((n) => n + 1);
  }, [online]);
  return {
    state,
    reload: () => setAttempt((n) => n + 1),
    set: (data) => setState({ status: 'ok', data }),
  };
}
