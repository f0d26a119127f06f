import { useEffect, useState } from 'preact/hooks';
import type { ApiFailure } from '../api/client';
import { getMySummary, type HealthSummary } from '../api/health';
import { navigate } from '../router';
import { actingFor } from './acting-for';
import { refreshOfflineCard } from './offline-card';

/**
 * The signed-in person's summary for a page: loads it (again on `retry`), sends a signed-out
 * person to sign in, and brings the phone's offline copy of the emergency card up to date when
 * one is kept (not while acting for someone).
 */
export function useMySummary(): {
  summary: HealthSummary | null;
  error: ApiFailure | null;
  retry: () => void;
} {
  const [summary, setSummary] = useState<HealthSummary | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    getMySummary(controller.signal).then(
      (result) => {
        if (result.ok) {
          setSummary(result.data);
          // The phone's copy is the signed-in person's own card, never someone else's.
          if (!actingFor.value) refreshOfflineCard(result.data);
        } else if (result.error.code === 'unauthorized') navigate('/sign-in', { replace: true });
        else setError(result.error);
      },
      () => {
        // Aborted: the page went away.
      },
    );
    return () => controller.abort();
  }, [attempt]);
  return { summary, error, retry: () => setAttempt((n) => n + 1) };
}
