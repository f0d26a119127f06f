import { useEffect, useState } from 'preact/hooks';
import type { ApiFailure } from '../api/client';
import { getMe } from '../api/account';
import { getMySummary, type HealthSummary } from '../api/health';
import { navigate } from '../router';
import { actingFor } from './acting-for';
import { loadOfflineCard, refreshOfflineCard } from './offline-card';

/**
 * The signed-in person's summary for a page: loads it (again on `retry`), sends a signed-out
 * person to sign in, and brings the phone's offline copy of the emergency card up to date when
 * one is kept and it is the signed-in person's own (not while acting for someone; not a copy
 * kept by someone else who used this phone before).
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
          // The phone's copy is refreshed only when it is the signed-in person's own card.
          if (!actingFor.value && loadOfflineCard()) {
            const summary = result.data;
            getMe(controller.signal).then(
              (me) => {
                if (me.ok && !actingFor.value)
                  refreshOfflineCard(summary, me.data.registrationNumber, false);
              },
              () => {
                // Aborted: the page went away.
              },
            );
          }
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
