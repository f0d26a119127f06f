import { INVITE_PATH, tidyCode } from './proxies';

/**
 * An invitation to act for someone, kept while its invitee — who has no account yet —
 * registers first (`/invite?r=ENTRY#CODE` → "New here: register, then accept" → `/r/ENTRY`).
 * The registration's done screen then offers the way back to `/invite#CODE`, signed in by then.
 *
 * Kept in `sessionStorage` (`renkei.pendingInvitation`): this tab only, gone when it closes.
 * Removed when the invitation is accepted, when the server refuses it as used, expired or
 * not found, and at sign-out (`session.ts`). Only the code is kept, nothing about the inviter.
 */

export const PENDING_INVITATION_KEY = 'renkei.pendingInvitation';

/** Longer than any invitation code (about 14 characters), shorter than anything odd. */
const CODE_MAX = 64;

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null; // storage disabled: the invitation link has to be opened again
  }
}

/** A code worth keeping: letters, digits and hyphens, as `tidyCode` leaves them. */
function usable(code: string): boolean {
  return code.length > 0 && code.length <= CODE_MAX && /^[0-9A-Z-]+$/.test(code);
}

export function savePendingInvitation(code: string): void {
  const tidy = tidyCode(code);
  if (!usable(tidy)) return;
  try {
    storage()?.setItem(PENDING_INVITATION_KEY, JSON.stringify({ code: tidy }));
  } catch {
    // full or disabled: nothing kept
  }
}

/** The kept invitation code, if any and well formed. */
export function loadPendingInvitation(): string | null {
  try {
    const raw = storage()?.getItem(PENDING_INVITATION_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const code = (parsed as Record<string, unknown>)['code'];
    return typeof code === 'string' && usable(code) ? code : null;
  } catch {
    return null;
  }
}

export function clearPendingInvitation(): void {
  try {
    storage()?.removeItem(PENDING_INVITATION_KEY);
  } catch {
    // nothing kept, nothing to remove
  }
}

/** `/invite#CODE`: the invitation page for a code. */
export function invitationPath(code: string): string {
  return `${INVITE_PATH}#${encodeURIComponent(code)}`;
}

/** The refusals after which a kept invitation can never be accepted. */
export const INVITATION_GONE = [
  'invitation_used',
  'invitation_expired',
  'invitation_not_found',
] as const;
