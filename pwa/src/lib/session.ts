import { signOut, signOutEverywhere } from '../api/account';
import type { ApiResult } from '../api/client';
import { resetActing } from './acting-for';
import { clearOfflineCard } from './offline-card';
import { clearPendingInvitation } from './pending-invitation';
import { clearPersonDraft } from './person-draft';
import { clearDraft } from './registration-draft';
import { clearCaches } from './sw-register';

/** Everything an app-side reset must forget, besides the server session (registered by pages). */
const resets: Array<() => void> = [];

/** Register something to forget at sign-out (e.g. a module-level signal holding personal data). */
export function onSignOut(reset: () => void): void {
  resets.push(reset);
}

/**
 * Sign out: end the session on the server (the cookie is cleared there), then forget every
 * trace on this phone — a registration draft, a family member's registration draft, an invitation
 * kept while registering, whom this tab acts for, anything else in sessionStorage, caches other
 * than the app shell, the offline copy of the emergency card, and in-memory state. The
 * language choice (localStorage) stays.
 * The phone is cleaned even when the server could not be reached; the result says whether the
 * server ended the session (401 counts: there was none to end).
 */
export async function signOutHere(everywhere = false): Promise<ApiResult<unknown>> {
  const result = everywhere ? await signOutEverywhere() : await signOut();
  clearDraft();
  clearPersonDraft();
  clearPendingInvitation();
  clearOfflineCard();
  try {
    globalThis.sessionStorage?.clear();
  } catch {
    // storage disabled: nothing kept
  }
  resetActing();
  for (const reset of resets) reset();
  await clearCaches();
  if (!result.ok && result.error.code === 'unauthorized') return { ok: true, data: null };
  return result;
}
