import { signal } from '@preact/signals';
import {
  staffSignOut,
  whenStaffSessionEnds,
  type Claim,
  type PaperEntry,
  type StaffMe,
} from '../api/staff';
import { navigate } from '../router';

/**
 * The reception console's session on this PC: who is signed in (from `/staff/me` or the
 * sign-in answer), why the last session ended (for the notice on `/staff`), and the claim
 * sheets of this session, kept in memory only (a claim code is shown once; reloading the page
 * forgets it and the sheet offers a reissue instead).
 */

export const STAFF_HOME = '/staff/new';
export const STAFF_SIGN_IN = '/staff';
/** Where clinical staff open a person's shared record. */
export const STAFF_RECORDS = '/staff/records';
/** Where reception records that a person presented at the desk. */
export const STAFF_PRESENTATIONS = '/staff/presentations';

export const staffMe = signal<StaffMe | null>(null);

/** Why the sign-in page is shown: the session ended by itself, or the staff member left. */
export type StaffNotice = 'expired' | 'signedOut';
export const staffNotice = signal<StaffNotice | null>(null);

/** The claim sheet of an entry saved (or reissued) in this session: person and claim. */
export interface ClaimSheet {
  readonly entryId: string;
  readonly name: string;
  readonly nameKana: string;
  readonly registrationNumber: string;
  readonly network: PaperEntry['network'] | null;
  readonly claim: Claim;
}

export const claimSheets = signal<ReadonlyMap<string, ClaimSheet>>(new Map());

export function keepClaimSheet(sheet: ClaimSheet): void {
  const next = new Map(claimSheets.value);
  next.set(sheet.entryId, sheet);
  claimSheets.value = next;
}

/** Forget everything of the staff session held on this PC. */
export function forgetStaffSession(): void {
  staffMe.value = null;
  claimSheets.value = new Map();
}

/**
 * The server no longer knows the session (idle for 15 minutes, or 12 hours): back to sign-in,
 * saying why when this PC had a session (a PC that never signed in just gets the sign-in page).
 */
export function staffSessionEnded(): void {
  const had = staffMe.value !== null;
  forgetStaffSession();
  staffNotice.value = had ? 'expired' : null;
  navigate(STAFF_SIGN_IN, { replace: true });
}

whenStaffSessionEnds(staffSessionEnded);

/** Sign out on the server and here; `idle` when the PC's own timer decided it. */
export async function signOutStaff(reason: 'idle' | 'button'): Promise<void> {
  await staffSignOut();
  forgetStaffSession();
  staffNotice.value = reason === 'idle' ? 'expired' : 'signedOut';
  navigate(STAFF_SIGN_IN, { replace: true });
}

/** A staff role that may enter paper forms (the others get 403 from the server). */
export function mayEnterForms(me: StaffMe | null): boolean {
  return me?.role === 'reception' || me?.role === 'facility_admin';
}

/** Reception records presentations at the desk: the roles that enter forms. */
export function mayRecordPresentations(me: StaffMe | null): boolean {
  return mayEnterForms(me);
}

/**
 * A clinical role, which may open a person's shared record (what it shows depends on the
 * profession); reception and administrators get 403 from the server.
 */
export function mayOpenRecords(me: StaffMe | null): boolean {
  switch (me?.role) {
    case 'doctor':
    case 'dentist':
    case 'pharmacist':
    case 'nurse':
    case 'care_manager':
    case 'care_worker':
      return true;
    default:
      return false;
  }
}

/** The console's first page for this staff member: their role's main work. */
export function staffHome(me: StaffMe | null): string {
  return mayOpenRecords(me) ? STAFF_RECORDS : STAFF_HOME;
}

/** A path inside the reception console to return to after signing in, else null. */
export function staffReturnPath(raw: string | null | undefined): string | null {
  if (!raw || !raw.startsWith('/staff/') || raw.startsWith('//')) return null;
  // Control characters have no place in a path: refused, not matched by accident.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return null;
  try {
    const url = new URL(raw, 'http://localhost');
    if (url.origin !== 'http://localhost' || !url.pathname.startsWith('/staff/')) return null;
    return `${url.pathname}${url.search}`;
  } catch {
    return null;
  }
}
