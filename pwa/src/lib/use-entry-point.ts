import { useEffect, useState } from 'preact/hooks';
import { entryStateFrom, getEntryPoint, type EntryState } from '../api/entry-points';
import { browserOnline } from './online';

/**
 * Load the entry point behind `code` for a page. Returns its state and a `retry` for the
 * error state; after a failure, it also tries again by itself when the connection comes back.
 */
export function useEntryPoint(code: string): { state: EntryState; retry: () => void } {
  const [state, setState] = useState<EntryState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    getEntryPoint(code, controller.signal).then(
      (result) => setState(entryStateFrom(result)),
      () => {
        // Aborted because the page went away: nothing to show.
      },
    );
    return () => controller.abort();
  }, [code, attempt]);

  const online = browserOnline.value;
  useEffect(() => {
    if (online && state.status === 'error') setAttempt((n) => n + 1);
    // Only a change of connection should trigger this, not every state change.
  }, [online]);

  return { state, retry: () => setAttempt((n) => n + 1) };
}
