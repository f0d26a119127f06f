import { useEffect, useState } from 'preact/hooks';
import type { ApiFailure, ApiResult } from '../api/client';
import { getMe } from '../api/account';
import { getMySummary, type HealthSummary } from '../api/health';
import { navigate } from '../router';
import { actingFor } from './acting-for';
import { loadOfflineCard, refreshOfflineCard } from './offline-card';

/** A summary asked for ahead of the page that shows it: when, and for whom. */
let ahead: {
  readonly answer: Promise<ApiResult<HealthSummary>>;
  readonly at: number;
  readonly acting: string | null;
} | null = null;

/** How long an answer asked for ahead may wait for its page. */
const AHEAD_MS = 10_000;

/**
 * Asks for the summary now, for a page about to show it (`/me` while it learns who the person
 * is): on a slow network that page then waits for one round trip instead of two in a row. The
 * page's `useMySummary` takes the answer; it is not used for anyone else (acting for someone
 * else since) nor after `AHEAD_MS`.
 */
export function loadMySummaryAhead(): void {
  const answer = getMySummary();
  answer.catch(() => {}); // its page may never come
  ahead = { answer, at: Date.now(), acting: actingFor.value?.linkId ?? null };
}

function takeAhead(): Promise<ApiResult<HealthSummary>> | null {
  const taken = ahead;
  ahead = null;
  if (!taken || Date.now() - taken.at > AHEAD_MS) return null;
  return taken.acting === (actingFor.value?.linkId ?? null) ? taken.answer : null;
}

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
    // An answer asked for ahead is used, unless the connection failed it: the page may have
    // been retried since, so it is asked again.
    const ahead = attempt === 0 ? takeAhead() : null;
    const answer = ahead
      ? ahead.then((result) =>
          !result.ok && result.error.code === 'network' ? getMySummary(controller.signal) : result,
        )
      : getMySummary(controller.signal);
    answer.then(
      (result) => {
        if (controller.signal.aborted) return;
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
