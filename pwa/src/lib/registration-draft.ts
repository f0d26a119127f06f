import type { components } from '../api/schema';
import { type BirthDateParts, type Calendar, defaultCalendar } from './birth-date';
import { lang } from '../i18n/lang';

/**
 * What a person has typed during registration, kept in sessionStorage so that a dropped
 * connection, a reload or a trip to the mail app loses nothing. sessionStorage belongs to this
 * tab only and goes when the tab is closed; the draft is also removed as soon as the flow ends
 * (the done screen) and at sign-out, so insurance numbers are never left on the phone.
 */

export const DRAFT_STORAGE_KEY = 'renkei.registration';

export type DocumentKind =
  'my_number_card' | 'qualification_certificate' | 'old_card' | 'late_elderly';
export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  'my_number_card',
  'qualification_certificate',
  'old_card',
  'late_elderly',
];

export type Sex = components['schemas']['Sex'];

export interface RegistrationDetails {
  documentKind: DocumentKind | '';
  insurerNumber: string;
  symbol: string;
  number: string;
  branch: string;
  name: string;
  nameKana: string;
  birthCalendar: Calendar;
  birthYear: string;
  birthMonth: string;
  birthDay: string;
  sex: Sex | '';
  phone: string;
  email: string;
  /**
   * A マイナ保険証 holder without its numbers to hand registers without them and adds them
   * later (self-registration only).
   */
  numbersLater?: boolean;
}

/** The date of birth in the details, as its four parts. */
export function birthDateParts(
  d: Pick<RegistrationDetails, 'birthCalendar' | 'birthYear' | 'birthMonth' | 'birthDay'>,
): BirthDateParts {
  return { calendar: d.birthCalendar, year: d.birthYear, month: d.birthMonth, day: d.birthDay };
}

export interface RegistrationDraft {
  /** The entry point (QR code) the flow started from, compact form. */
  entry: string;
  /** 32 lowercase hex characters, made once per flow: the server's idempotency key. */
  key: string;
  /** The consent document version the person agreed to; null before they agreed. */
  consentVersion: number | null;
  /** The network being joined, for the screens after the first. */
  network?: { code: string; name: string; nameEn?: string };
  details: RegistrationDetails;
  /** True once the server has accepted the details (and mailed a code). */
  sent: boolean;
  /** The masked address the code went to, as the server said. */
  emailMasked?: string;
  emailVerified?: boolean;
  /** ISO time after which "send a new code" is allowed. */
  resendAvailableAt?: string;
}

export function emptyDetails(): RegistrationDetails {
  return {
    documentKind: '',
    insurerNumber: '',
    symbol: '',
    number: '',
    branch: '',
    name: '',
    nameKana: '',
    birthCalendar: defaultCalendar(lang.value),
    birthYear: '',
    birthMonth: '',
    birthDay: '',
    sex: '',
    phone: '',
    email: '',
  };
}

/** 32 lowercase hex characters from the browser's cryptographic random source. */
export function newRegistrationKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null; // storage disabled: the flow still works, it just is not kept
  }
}

function isDraft(value: unknown): value is RegistrationDraft {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v['entry'] === 'string' &&
    typeof v['key'] === 'string' &&
    /^[0-9a-f]{32}$/.test(v['key']) &&
    typeof v['details'] === 'object' &&
    v['details'] !== null
  );
}

export function loadDraft(): RegistrationDraft | null {
  const raw = storage()?.getItem(DRAFT_STORAGE_KEY);
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!isDraft(parsed)) return null;
    // Fields added later get their defaults.
    return { ...parsed, details: { ...emptyDetails(), ...parsed.details } };
  } catch {
    return null;
  }
}

export function saveDraft(draft: RegistrationDraft): void {
  try {
    storage()?.setItem(DRAFT_STORAGE_KEY, JSON.stringify(draft));
  } catch {
    // Full or disabled: nothing to do; the screen still holds what was typed.
  }
}

export function clearDraft(): void {
  try {
    storage()?.removeItem(DRAFT_STORAGE_KEY);
  } catch {
    // nothing kept, nothing to remove
  }
}

/** The draft for a flow started from `entry`: the kept one, or a fresh one (new key). */
export function draftFor(entry: string): RegistrationDraft {
  const kept = loadDraft();
  if (kept && kept.entry === entry) return kept;
  return {
    entry,
    key: newRegistrationKey(),
    consentVersion: null,
    details: emptyDetails(),
    sent: false,
  };
}

/** The screens of the registration after the first (`/r/:code`). */
export type RegistrationStep = 'details' | 'confirm' | 'done';

/** The address of a registration screen: `/r/{code}` (screen 1) or `/r/{code}/{step}`. */
export function registrationPath(entry: string, step?: RegistrationStep): string {
  const base = `/r/${encodeURIComponent(entry)}`;
  return step ? `${base}/${step}` : base;
}
