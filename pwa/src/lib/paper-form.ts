import type {
  DocumentKind,
  EntryCorrection,
  PaperEntryDetail,
  PaperPersonDetails,
  PaperRegistration,
  ProxyReason,
  ProxyRelationship,
  Sex,
} from '../api/staff';
import { checkInsurerNumber, tidyDigits } from './insurance';
import {
  checkSignedOn,
  checkTypedBirthDate,
  dateForServer,
  parseDateText,
  tokyoToday,
} from './date-text';

/**
 * The paper registration form and the reception entry screen share one order of items, so a
 * staff member's eyes and the Tab key move down both together. `/paper-form` prints these
 * items in this order, and `/staff/new` lays its fields out from the same list.
 */

export const PROXY_RELATIONSHIPS: readonly ProxyRelationship[] = [
  'child',
  'spouse',
  'sibling',
  'grandchild',
  'other_relative',
  'legal_guardian',
  'other',
];
export const PROXY_REASONS: readonly ProxyReason[] = [
  'no_phone',
  'cannot_operate',
  'illness',
  'cognitive',
  'other',
];
export const PAPER_DOCUMENT_KINDS: readonly DocumentKind[] = [
  'my_number_card',
  'qualification_certificate',
  'old_card',
  'late_elderly',
];

export type PaperItemKey =
  | 'name'
  | 'nameKana'
  | 'sex'
  | 'birthDate'
  | 'phone'
  | 'address'
  | 'insurance'
  | 'careInsuranceNumber'
  | 'email'
  | 'proxy'
  | 'signedOn'
  | 'facility';

export interface PaperItem {
  /** The number printed on the form (1–12). */
  readonly no: number;
  readonly key: PaperItemKey;
  /** The request fields the item fills, in order. */
  readonly fields: readonly string[];
  readonly optional: boolean;
}

export const PAPER_ITEMS: readonly PaperItem[] = [
  { no: 1, key: 'name', fields: ['name'], optional: false },
  { no: 2, key: 'nameKana', fields: ['nameKana'], optional: false },
  { no: 3, key: 'sex', fields: ['sex'], optional: false },
  { no: 4, key: 'birthDate', fields: ['birthDate'], optional: false },
  { no: 5, key: 'phone', fields: ['phone'], optional: false },
  { no: 6, key: 'address', fields: ['address'], optional: true },
  {
    no: 7,
    key: 'insurance',
    fields: ['documentKind', 'insurerNumber', 'symbol', 'number', 'branch'],
    optional: false,
  },
  { no: 8, key: 'careInsuranceNumber', fields: ['careInsuranceNumber'], optional: true },
  { no: 9, key: 'email', fields: ['email'], optional: true },
  {
    no: 10,
    key: 'proxy',
    fields: ['proxyName', 'proxyRelationship', 'proxyReason'],
    optional: true,
  },
  { no: 11, key: 'signedOn', fields: ['signedOn'], optional: false },
  { no: 12, key: 'facility', fields: ['formSerial', 'network'], optional: false },
];

/** Every request field of the form, in the form's order. */
export const PAPER_FIELD_ORDER: readonly string[] = PAPER_ITEMS.flatMap((item) => item.fields);

/** The form item (1–12) a request field belongs to, or null. */
export function itemOf(field: string): PaperItem | null {
  return PAPER_ITEMS.find((item) => item.fields.includes(field)) ?? null;
}

/** What the entry screen holds: the paper's answers as typed. */
export interface PaperFormValues {
  name: string;
  nameKana: string;
  sex: Sex | '';
  birthDate: string;
  phone: string;
  address: string;
  documentKind: DocumentKind | '';
  insurerNumber: string;
  symbol: string;
  number: string;
  branch: string;
  careInsuranceNumber: string;
  email: string;
  /** The proxy box on the paper is filled in. */
  hasProxy: boolean;
  proxyName: string;
  proxyRelationship: ProxyRelationship | '';
  proxyReason: ProxyReason | '';
  signedOn: string;
  formSerial: string;
  network: string;
}

export function emptyPaperForm(network = '', today: Date = new Date()): PaperFormValues {
  return {
    name: '',
    nameKana: '',
    sex: '',
    birthDate: '',
    phone: '',
    address: '',
    documentKind: '',
    insurerNumber: '',
    symbol: '',
    number: '',
    branch: '',
    careInsuranceNumber: '',
    email: '',
    hasProxy: false,
    proxyName: '',
    proxyRelationship: '',
    proxyReason: '',
    signedOn: tokyoToday(today),
    formSerial: '',
    network,
  };
}

/** A form serial as the server accepts it: 1–40 letters, digits or hyphens. */
export function tidySerial(raw: string): string {
  return raw
    .normalize('NFKC')
    .trim()
    .replace(/[‐‑‒–—―−ー]/g, '-')
    .toUpperCase();
}
export const SERIAL_PATTERN = /^[A-Z0-9-]{1,40}$/;

/**
 * The problems that can be named before sending, as field -> message key (the screen words
 * them). The server checks everything again and words its own findings.
 */
export type PaperProblem =
  | 'required'
  | 'choose'
  | 'birth.invalid_format'
  | 'birth.out_of_range'
  | 'signedOn.invalid_format'
  | 'signedOn.out_of_range'
  | 'insurer.invalid_format'
  | 'insurer.check_digit'
  | 'insurer.lateElderly'
  | 'care'
  | 'proxy.incomplete'
  | 'serial';

export function checkPaperDetails(
  v: PaperFormValues,
  today: Date = new Date(),
): Record<string, PaperProblem> {
  const out: Record<string, PaperProblem> = {};
  if (!v.name.trim()) out['name'] = 'required';
  if (!v.nameKana.trim()) out['nameKana'] = 'required';
  if (!v.sex) out['sex'] = 'choose';
  const birth = checkTypedBirthDate(v.birthDate, today);
  if (!birth.ok)
    out['birthDate'] = birth.problem === 'required' ? 'required' : `birth.${birth.problem}`;
  if (!v.phone.trim()) out['phone'] = 'required';
  if (!v.documentKind) out['documentKind'] = 'choose';
  const insurer = checkInsurerNumber(v.insurerNumber);
  if (!insurer.ok)
    out['insurerNumber'] =
      insurer.problem === 'required' ? 'required' : `insurer.${insurer.problem}`;
  else if (v.documentKind === 'late_elderly' && !insurer.lateElderly)
    out['insurerNumber'] = 'insurer.lateElderly';
  if (!v.number.trim()) out['number'] = 'required';
  if (v.careInsuranceNumber.trim() && !/^\d{10}$/.test(tidyDigits(v.careInsuranceNumber))) {
    out['careInsuranceNumber'] = 'care';
  }
  if (v.hasProxy) {
    if (!v.proxyName.trim()) out['proxyName'] = 'proxy.incomplete';
    if (!v.proxyRelationship) out['proxyRelationship'] = 'proxy.incomplete';
    if (!v.proxyReason) out['proxyReason'] = 'proxy.incomplete';
  }
  const signed = checkSignedOn(v.signedOn, today);
  if (!signed.ok)
    out['signedOn'] = signed.problem === 'required' ? 'required' : `signedOn.${signed.problem}`;
  return out;
}

export function checkPaperForm(
  v: PaperFormValues,
  today: Date = new Date(),
): Record<string, PaperProblem> {
  const out = checkPaperDetails(v, today);
  const serial = tidySerial(v.formSerial);
  if (!serial) out['formSerial'] = 'required';
  else if (!SERIAL_PATTERN.test(serial)) out['formSerial'] = 'serial';
  if (!v.network) out['network'] = 'choose';
  return out;
}

/** The person's details as the request carries them (optional ones left out when empty). */
export function detailsFrom(v: PaperFormValues): PaperPersonDetails {
  const late = v.documentKind === 'late_elderly';
  const optional = (key: string, value: string) => (value.trim() ? { [key]: value.trim() } : {});
  return {
    name: v.name.trim(),
    nameKana: v.nameKana.trim(),
    sex: v.sex as Sex,
    birthDate: dateForServer(v.birthDate),
    phone: v.phone.trim(),
    ...optional('address', v.address),
    documentKind: v.documentKind as DocumentKind,
    insurerNumber: v.insurerNumber.trim(),
    symbol: late ? '' : v.symbol.trim(),
    number: v.number.trim(),
    ...(late ? {} : optional('branch', v.branch)),
    ...optional('careInsuranceNumber', v.careInsuranceNumber),
    ...optional('email', v.email),
    ...(v.hasProxy
      ? {
          proxyName: v.proxyName.trim(),
          proxyRelationship: v.proxyRelationship as ProxyRelationship,
          proxyReason: v.proxyReason as ProxyReason,
        }
      : {}),
    signedOn: dateForServer(v.signedOn),
  };
}

export function registrationFrom(
  v: PaperFormValues,
  extra: {
    consentVersion: number;
    identityChecked: boolean;
    formReceived: boolean;
    notDuplicate: boolean;
  },
): PaperRegistration {
  return {
    ...detailsFrom(v),
    network: v.network,
    consentVersion: extra.consentVersion,
    formSerial: tidySerial(v.formSerial),
    identityChecked: extra.identityChecked,
    formReceived: extra.formReceived,
    ...(extra.notDuplicate ? { notDuplicate: true } : {}),
  };
}

/** The form's values from a saved entry, for correcting it. */
export function valuesFromEntry(e: PaperEntryDetail): PaperFormValues {
  const hasProxy = Boolean(e.proxyName || e.proxyRelationship || e.proxyReason);
  return {
    name: e.name ?? '',
    nameKana: e.nameKana ?? '',
    sex: e.sex ?? '',
    birthDate: e.birthDate ?? '',
    phone: e.phone ?? '',
    address: e.address ?? '',
    documentKind: e.documentKind ?? '',
    insurerNumber: e.insurerNumber ?? '',
    symbol: e.symbol ?? '',
    number: e.number ?? '',
    branch: e.branch ?? '',
    careInsuranceNumber: e.careInsuranceNumber ?? '',
    email: e.email ?? '',
    hasProxy,
    proxyName: e.proxyName ?? '',
    proxyRelationship: e.proxyRelationship ?? '',
    proxyReason: e.proxyReason ?? '',
    signedOn: e.signedOn ?? '',
    formSerial: e.formSerial,
    network: '',
  };
}

/**
 * A correction: only the fields whose value differs from the saved entry. A cleared optional
 * field is sent as "" (the server removes it); a removed proxy clears all three.
 */
export function correctionFrom(saved: PaperEntryDetail, v: PaperFormValues): EntryCorrection {
  const now = detailsFrom(v) as unknown as Record<string, string | undefined>;
  const before = saved as unknown as Record<string, string | undefined>;
  const out: Record<string, string> = {};
  for (const field of PAPER_FIELD_ORDER) {
    if (field === 'formSerial' || field === 'network') continue;
    const was = before[field] ?? '';
    const is = now[field] ?? '';
    if (was !== is) out[field] = is;
  }
  return out as EntryCorrection;
}

/** True when kana and a readable date of birth are both there: time to look for duplicates. */
export function readyForDuplicateCheck(
  v: Pick<PaperFormValues, 'nameKana' | 'birthDate'>,
): string | null {
  if (!v.nameKana.trim()) return null;
  const birth = checkTypedBirthDate(v.birthDate);
  return birth.ok ? birth.iso : null;
}

/** Whether a typed date looks like a date at all (for the read-back under the field). */
export function looksLikeDate(text: string): boolean {
  return parseDateText(text) !== null;
}

/**
 * A masked registration number ("7K3M-****-R2") for reading aloud: the hidden characters are
 * said as such rather than as "asterisk" four times.
 */
export function maskedParts(
  masked: string,
): ReadonlyArray<{ readonly text: string; readonly hidden: boolean }> {
  const out: Array<{ text: string; hidden: boolean }> = [];
  for (const m of masked.matchAll(/(\*+)|([^*]+)/g)) {
    if (m[1]) out.push({ text: m[1], hidden: true });
    else if (m[2]) out.push({ text: m[2], hidden: false });
  }
  return out;
}
