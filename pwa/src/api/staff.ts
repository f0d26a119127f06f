import { call, type ApiResult } from './client';
import { lang } from '../i18n/lang';
import type { CredentialJson } from '../lib/passkeys';

/**
 * Clinic reception: staff enrolment and sign-in, paper registrations and withdrawals, the
 * facility's entries, corrections and claim sheets. Staff have their own session cookie
 * (`renkei_staff`), separate from a resident's; a 401 on any of these calls means the staff
 * session has ended (see `lib/staff-session.ts`, which turns it into a sign-out).
 *
 * Written against the reception contract while the server gains the endpoints; the shapes are
 * the contract's.
 */

export type StaffRole =
  | 'reception'
  | 'facility_admin'
  | 'doctor'
  | 'dentist'
  | 'pharmacist'
  | 'nurse'
  | 'care_manager'
  | 'care_worker';

export interface StaffNetwork {
  code: string;
  name: string;
  nameEn?: string;
  /** The consent document version in force; absent when the network has none. */
  consentVersion?: number;
}

export interface StaffMe {
  name: string;
  role: StaffRole;
  facility: { code: string; name: string };
  networks: StaffNetwork[];
  idleTimeoutSeconds: number;
}

export interface EnrolmentOptions {
  publicKey: unknown;
  staff: StaffMe;
}

export interface StaffSignInOptions {
  ceremony: string;
  publicKey: unknown;
}

export type Sex = 'female' | 'male';
export type DocumentKind = 'my_number_card' | 'qualification_certificate' | 'old_card' | 'late_elderly';
export type ProxyRelationship =
  | 'child'
  | 'spouse'
  | 'sibling'
  | 'grandchild'
  | 'other_relative'
  | 'legal_guardian'
  | 'other';
export type ProxyReason = 'no_phone' | 'cannot_operate' | 'illness' | 'cognitive' | 'other';

/** The person's details as the paper form has them (and as a correction may change them). */
export interface PaperPersonDetails {
  name: string;
  nameKana: string;
  sex: Sex;
  birthDate: string;
  phone: string;
  address?: string;
  documentKind: DocumentKind;
  insurerNumber: string;
  symbol: string;
  number: string;
  branch?: string;
  careInsuranceNumber?: string;
  email?: string;
  proxyName?: string;
  proxyRelationship?: ProxyRelationship;
  proxyReason?: ProxyReason;
  signedOn: string;
}

export interface PaperRegistration extends PaperPersonDetails {
  network: string;
  consentVersion: number;
  formSerial: string;
  identityChecked: boolean;
  formReceived: boolean;
  notDuplicate?: boolean;
}

export interface DuplicateCandidate {
  /** Masked, e.g. "7K3M-****-R2". */
  registrationNumber: string;
  name: string;
  nameKana: string;
  birthDate: string;
  registeredOn: string;
  channel: 'web' | 'paper';
}

export interface Claim {
  code: string;
  url: string;
  qrSvg: string;
  expiresAt: string;
}

export type EntryKind = 'registration' | 'withdrawal';

export interface PaperEntry {
  id: string;
  kind: EntryKind;
  formSerial: string;
  registrationNumber: string;
  name: string;
  nameKana: string;
  network: { code: string; name: string; nameEn?: string };
  enteredAt: string;
  enteredBy: string;
  claim?: Claim;
}

export interface PaperEntrySummary {
  id: string;
  kind: EntryKind;
  formSerial: string;
  registrationNumber: string;
  name: string;
  nameKana: string;
  enteredAt: string;
  enteredBy: string;
  corrected: number;
}

export interface EntryChange {
  at: string;
  by: string;
  fields: string[];
}

export type PaperEntryDetail = PaperEntrySummary &
  Partial<Omit<PaperPersonDetails, 'name' | 'nameKana'>> & {
    changes: EntryChange[];
  };

export interface PaperWithdrawal {
  network: string;
  formSerial: string;
  signedOn: string;
  registrationNumber: string;
  birthDate: string;
  identityChecked: boolean;
  formReceived: boolean;
}

export type EntryCorrection = Partial<Record<keyof PaperPersonDetails, string>>;

/** The answer of one request in the shape `call()` reads (what openapi-fetch returns). */
export async function send<T>(
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  body: unknown,
  init: { signal: AbortSignal },
): Promise<{ data?: T; error?: unknown; response: Response }> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': lang.value };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await globalThis.fetch(
    new Request(`${globalThis.location?.origin ?? ''}/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      signal: init.signal,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    }),
  );
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined; // a SyntaxError is `call`'s to report
  if (response.ok) return { data: (parsed ?? {}) as T, response };
  return { error: parsed ?? {}, response };
}

/** Called when a staff call answers 401 (the session ended); set by `lib/staff-session.ts`. */
let onSessionEnded: () => void = () => {};
export function whenStaffSessionEnds(handler: () => void): void {
  onSessionEnded = handler;
}

async function staffCall<T>(
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  body?: unknown,
  options: { signal?: AbortSignal; signedOutIsFine?: boolean } = {},
): Promise<ApiResult<T>> {
  const result = await call((init) => send<T>(method, path, body, init), options.signal ? { signal: options.signal } : {});
  if (!result.ok && result.error.code === 'unauthorized' && !options.signedOutIsFine) onSessionEnded();
  return result as ApiResult<T>;
}

// Enrolment and signing in (no session yet: a 401 here is an answer, not an ended session).

export function enrolmentOptions(code: string, signal?: AbortSignal): Promise<ApiResult<EnrolmentOptions>> {
  return staffCall('POST', '/staff/enrolment/passkey-options', { code }, { signedOutIsFine: true, ...(signal ? { signal } : {}) });
}

export function completeEnrolment(code: string, credential: CredentialJson): Promise<ApiResult<StaffMe>> {
  return staffCall('POST', '/staff/enrolment/complete', { code, credential }, { signedOutIsFine: true });
}

export function staffSignInOptions(): Promise<ApiResult<StaffSignInOptions>> {
  return staffCall('POST', '/staff/sign-in/passkey-options', {}, { signedOutIsFine: true });
}

export function staffSignIn(ceremony: string, credential: CredentialJson): Promise<ApiResult<StaffMe>> {
  return staffCall('POST', '/staff/sign-in/passkey', { ceremony, credential }, { signedOutIsFine: true });
}

export function staffSignOut(): Promise<ApiResult<unknown>> {
  return staffCall('POST', '/staff/sign-out', undefined, { signedOutIsFine: true });
}

export function getStaffMe(signal?: AbortSignal): Promise<ApiResult<StaffMe>> {
  return staffCall('GET', '/staff/me', undefined, signal ? { signal } : {});
}

// Paper forms.

export function findDuplicates(
  nameKana: string,
  birthDate: string,
  signal?: AbortSignal,
): Promise<ApiResult<{ candidates: DuplicateCandidate[] }>> {
  return staffCall('POST', '/staff/duplicates', { nameKana, birthDate }, signal ? { signal } : {});
}

export function enterRegistration(body: PaperRegistration): Promise<ApiResult<PaperEntry>> {
  return staffCall('POST', '/staff/paper-registrations', body);
}

export function enterWithdrawal(body: PaperWithdrawal): Promise<ApiResult<PaperEntry>> {
  return staffCall('POST', '/staff/paper-withdrawals', body);
}

export function getEntries(
  day: string | null,
  signal?: AbortSignal,
): Promise<ApiResult<{ day: string; entries: PaperEntrySummary[] }>> {
  const query = day ? `?day=${encodeURIComponent(day)}` : '';
  return staffCall('GET', `/staff/entries${query}`, undefined, signal ? { signal } : {});
}

export function getEntry(id: string, signal?: AbortSignal): Promise<ApiResult<PaperEntryDetail>> {
  return staffCall('GET', `/staff/entries/${encodeURIComponent(id)}`, undefined, signal ? { signal } : {});
}

export function correctEntry(id: string, changes: EntryCorrection): Promise<ApiResult<PaperEntryDetail>> {
  return staffCall('PATCH', `/staff/entries/${encodeURIComponent(id)}`, changes);
}

export function reissueClaim(id: string): Promise<ApiResult<Claim>> {
  return staffCall('POST', `/staff/entries/${encodeURIComponent(id)}/claim`);
}
