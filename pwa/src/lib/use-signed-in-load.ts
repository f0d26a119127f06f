import { useEffect, useState } from 'preact/hooks';
import type { ApiFailure, ApiResult } from '../api/client';
import { navigate } from '../router';
import { browserOnline } from './online';

export type Loaded<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ok'; readonly data: T }
  | { readonly status: 'error'; readonly error: ApiFailure };

/**
 * Load what a signed-in page shows: again on `reload` (and by itself when the connection comes
 * back after a failure); a signed-out person is sent to sign in. `keys` are what the load
 * depends on (e.g. the network in the address).
 */
export function useSignedInLoad<T>(
  load: (signal: AbortSignal) => Promise<ApiResult<T>>,
  keys: ReadonlyArray<unknown> = [],
): { state: Loaded<T>; reload: () => void } {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    load(controller.signal).then(
      (result) => {
        if (result.ok) setState({ status: 'ok', data: result.data });
        else if (result.error.code === 'unauthorized') navigate('/sign-in', { replace: true });
        else setState({ status: 'error', error: result.error });
      },
      () => {
        // Aborted: the page went away.
      },
    );
    return () => controller.abort();
  }, [...keys, attempt]);

  const online = browserOnline.value;
  useEffect(() => {
    if (online && state.status === 'error') setAttempt((n) => n + 1);
    // Only a change of connection should trigger this, not every state change.
  }, [online]);

  return { state, reload: () => setAttempt((n) => n + 1) };
}

/** Two loads at once, as one result: both answers, or the first failure. */
export async function both<A, B>(
  a: Promise<ApiResult<A>>,
  b: Promise<ApiResult<B>>,
): Promise<ApiResult<readonly [A, B]>> {
  const [ra, rb] = await Promise.all([a, b]);
  if (!ra.ok) return ra;
  if (!rb.ok) return rb;
  return { ok: true, data: [ra.data, rb.data] as const };
}
