import { api, call, type ApiResult } from './client';
import type { components } from './schema';
import type { CredentialJson } from '../lib/passkeys';

/**
 * Clinic reception: staff enrolment and sign-in, paper registrations and withdrawals, the
 * facility's entries, corrections and claim sheets. Staff have their own session cookie
 * (`renkei_staff`), separate from a resident's; a 401 on any of these calls means the staff
 * session has ended (see `lib/staff-session.ts`, which turns it into a sign-out).
 *
 * The types below are the spec's (`schema.d.ts`) with the words it documents as fixed sets
 * (role, kind, sex, document, relationship, reason, channel) narrowed to those sets.
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

type Schemas = components['schemas'];
export type Sex = Schemas['Sex'];
export type DocumentKind = Schemas['DocumentKind'];
export type ProxyRelationship = Schemas['Relationship'];
export type ProxyReason = Schemas['ProxyReason'];

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
  channel: Schemas['ConsentChannel'];
}

export interface Claim {
  code: string;
  url: string;
  qrSvg: string;
  expiresAt: string;
}

export type EntryKind = Schemas['EntryKind'];
/** The identity document reception checked at the desk. */
export type IdentityDocument = Schemas['IdentityDocument'];

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
  corrected: number;
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
    network: PaperEntry['network'];
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

export type EntryCorrection = Schemas['EntryCorrection'];

/** Called when a staff call answers 401 (the session ended); set by `lib/staff-session.ts`. */
let onSessionEnded: () => void = () => {};
export function whenStaffSessionEnds(handler: () => void): void {
  onSessionEnded = handler;
}

/**
 * One staff call through the typed client; its answer read as the narrowed type above (the
 * server sends only the documented words for role, kind, channel…). A 401 ends the session
 * unless the call is made without one (enrolment, sign-in).
 */
async function staffCall<T>(
  run: (init: {
    signal: AbortSignal;
  }) => Promise<{ data?: unknown; error?: unknown; response: Response }>,
  options: { signal?: AbortSignal | undefined; signedOutIsFine?: boolean } = {},
): Promise<ApiResult<T>> {
  const result = await call(run, options.signal ? { signal: options.signal } : {});
  if (!result.ok && result.error.code === 'unauthorized' && !options.signedOutIsFine)
    onSessionEnded();
  return result as ApiResult<T>;
}

const without = { signedOutIsFine: true } as const;

// Enrolment and signing in (no session yet: a 401 here is an answer, not an ended session).

export function enrolmentOptions(
  code: string,
  signal?: AbortSignal,
): Promise<ApiResult<EnrolmentOptions>> {
  return staffCall(
    (init) => api.POST('/staff/enrolment/passkey-options', { ...init, body: { code } }),
    {
      ...without,
      signal,
    },
  );
}

export function completeEnrolment(
  code: string,
  credential: CredentialJson,
): Promise<ApiResult<StaffMe>> {
  return staffCall(
    (init) => api.POST('/staff/enrolment/complete', { ...init, body: { code, credential } }),
    without,
  );
}

export function staffSignInOptions(): Promise<ApiResult<StaffSignInOptions>> {
  return staffCall(
    (init) => api.POST('/staff/sign-in/passkey-options', { ...init, body: {} }),
    without,
  );
}

export function staffSignIn(
  ceremony: string,
  credential: CredentialJson,
): Promise<ApiResult<StaffMe>> {
  return staffCall(
    (init) => api.POST('/staff/sign-in/passkey', { ...init, body: { ceremony, credential } }),
    without,
  );
}

export function staffSignOut(): Promise<ApiResult<unknown>> {
  return staffCall((init) => api.POST('/staff/sign-out', init), without);
}

export function getStaffMe(signal?: AbortSignal): Promise<ApiResult<StaffMe>> {
  return staffCall((init) => api.GET('/staff/me', init), { signal });
}

// Paper forms.

export function findDuplicates(
  nameKana: string,
  birthDate: string,
  signal?: AbortSignal,
): Promise<ApiResult<{ candidates: DuplicateCandidate[] }>> {
  return staffCall(
    (init) => api.POST('/staff/duplicates', { ...init, body: { nameKana, birthDate } }),
    { signal },
  );
}

export function enterRegistration(body: PaperRegistration): Promise<ApiResult<PaperEntry>> {
  return staffCall((init) => api.POST('/staff/paper-registrations', { ...init, body }));
}

export function enterWithdrawal(body: PaperWithdrawal): Promise<ApiResult<PaperEntry>> {
  return staffCall((init) => api.POST('/staff/paper-withdrawals', { ...init, body }));
}

export function getEntries(
  day: string | null,
  signal?: AbortSignal,
): Promise<ApiResult<{ day: string; entries: PaperEntrySummary[] }>> {
  return staffCall(
    (init) => api.GET('/staff/entries', { ...init, params: { query: day ? { day } : {} } }),
    { signal },
  );
}

export function getEntry(id: string, signal?: AbortSignal): Promise<ApiResult<PaperEntryDetail>> {
  return staffCall(
    (init) => api.GET('/staff/entries/{id}', { ...init, params: { path: { id } } }),
    { signal },
  );
}

export function correctEntry(
  id: string,
  changes: EntryCorrection,
): Promise<ApiResult<PaperEntryDetail>> {
  return staffCall((init) =>
    api.PATCH('/staff/entries/{id}', { ...init, params: { path: { id } }, body: changes }),
  );
}

/** A new claim sheet, for the person at the desk: `identityChecked` is the document seen. */
export function reissueClaim(
  id: string,
  identityChecked: IdentityDocument,
): Promise<ApiResult<Claim>> {
  return staffCall((init) =>
    api.POST('/staff/entries/{id}/claim', {
      ...init,
      params: { path: { id } },
      body: { identityChecked },
    }),
  );
}

// Facilities looking (#19): clinical staff open a person's shared record; reception records
// that a person presented at the desk.

export type RecordPart = Schemas['RecordPart'];
export type SharedRecord = Schemas['SharedRecord'];
export type EmergencyReason = Schemas['EmergencyReason'];
export type Presentation = Schemas['Presentation'];

/**
 * Whose record: the registration QR (its text, or the number and code typed), the
 * registration number, or the insurance card with the date of birth (`YYYY-MM-DD`).
 */
export type PersonLookup =
  | { qrCode: string }
  | { registrationNumber: string }
  | {
      insurerNumber: string;
      symbol?: string;
      number: string;
      branch?: string;
      birthDate: string;
    };

/** A person's shared record as this staff member's profession sees it here (clinical roles). */
export function lookUpRecord(
  who: PersonLookup,
  signal?: AbortSignal,
): Promise<ApiResult<SharedRecord>> {
  return staffCall((init) => api.POST('/staff/records/lookup', { ...init, body: who }), {
    signal,
  });
}

/**
 * The record in an emergency, without a care relationship: the person and their family are
 * mailed at once, and the network office reviews it.
 */
export function openInEmergency(
  who: PersonLookup,
  reason: EmergencyReason,
  note?: string,
): Promise<ApiResult<SharedRecord>> {
  return staffCall((init) =>
    api.POST('/staff/records/emergency', {
      ...init,
      body: { ...who, reason, ...(note ? { note } : {}) },
    }),
  );
}

/** Reception records that the person presented at the desk (their QR, or card and birth date). */
export function recordPresentation(who: PersonLookup): Promise<ApiResult<Presentation>> {
  return staffCall((init) => api.POST('/staff/presentations', { ...init, body: who }));
}

export type DeskInsuranceRequest = Schemas['DeskInsuranceRequest'];
export type DeskInsuranceAdded = Schemas['DeskInsuranceAdded'];

/** Reception adds a new insurance for the person at the desk, an identity document checked. */
export function addInsuranceAtDesk(
  body: DeskInsuranceRequest,
): Promise<ApiResult<DeskInsuranceAdded>> {
  return staffCall((init) => api.POST('/staff/insurance', { ...init, body }));
}

export type ProxyConfirmationRequest = Schemas['ProxyConfirmationRequest'];
export type ProxyConfirmed = Schemas['ProxyConfirmed'];

/** Reception confirms a proxy link, both people at the desk with identity documents. */
export function confirmProxyAtDesk(
  body: ProxyConfirmationRequest,
): Promise<ApiResult<ProxyConfirmed>> {
  return staffCall((init) => api.POST('/staff/proxy-confirmations', { ...init, body }));
}
