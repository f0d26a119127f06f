import type { Attestation, Reason } from '../api/proxies';
import { RELATIONSHIPS, type Relationship } from './acting-for';
import { CALENDARS } from './birth-date';
import { DOCUMENT_KINDS, emptyDetails, type RegistrationDetails } from './registration-draft';

/**
 * What a family member has typed on `/me/people/new` (registering a person to act for), kept in
 * `sessionStorage` (`renkei.personRegistration`) like the self-registration draft, so a reload
 * or a dropped connection loses nothing: this tab only, gone when it closes. Removed the moment
 * the person is registered, and at sign-out (`session.ts`), so the person's insurance numbers are
 * never left on the phone. The consent version is not kept: the page loads the one in force.
 */

export const PERSON_DRAFT_KEY = 'renkei.personRegistration';

export interface PersonAnswers {
  relationship: Relationship | '';
  reason: Reason | '';
  reasonNote: string;
  attestation: Attestation | '';
}

export interface PersonDraft {
  /** The network chosen (its code), or '' before one is. */
  network: string;
  answers: PersonAnswers;
  details: RegistrationDetails;
}

export function emptyAnswers(): PersonAnswers {
  return { relationship: '', reason: '', reasonNote: '', attestation: '' };
}

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null; // storage disabled: the form works, it just is not kept
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Only strings from what was kept; anything else reads as not typed. */
function strings<T extends object>(defaults: T, kept: unknown): T {
  if (!isObject(kept)) return defaults;
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const key of Object.keys(defaults)) {
    const v = kept[key];
    if (typeof v === 'string') out[key] = v;
  }
  return out as T;
}

/** The fields kept as one of a fixed set of words; a word not (or no longer) in it reads as not chosen. */
const CHOICES: Record<string, readonly string[]> = {
  relationship: RELATIONSHIPS,
  reason: [
    'no_phone',
    'cannot_operate',
    'illness',
    'cognitive',
    'other',
  ] satisfies readonly Reason[],
  attestation: ['person_agreed', 'legal_representative'] satisfies readonly Attestation[],
  documentKind: DOCUMENT_KINDS,
  sex: ['female', 'male'],
  birthCalendar: CALENDARS,
};

function chosen<T extends object>(defaults: T, values: T): T {
  const out: Record<string, unknown> = { ...(values as Record<string, unknown>) };
  for (const [key, words] of Object.entries(CHOICES)) {
    const fallback = (defaults as Record<string, unknown>)[key];
    if (key in out && out[key] !== fallback && !words.includes(out[key] as string))
      out[key] = fallback;
  }
  return out as T;
}

export function loadPersonDraft(): PersonDraft | null {
  try {
    const raw = storage()?.getItem(PERSON_DRAFT_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (!isObject(parsed)) return null;
    return {
      network: typeof parsed['network'] === 'string' ? parsed['network'] : '',
      // Fields added later get their defaults.
      answers: chosen(emptyAnswers(), strings(emptyAnswers(), parsed['answers'])),
      details: chosen(emptyDetails(), strings(emptyDetails(), parsed['details'])),
    };
  } catch {
    return null;
  }
}

/** True when nothing has been typed or chosen (the network alone does not count). */
export function isEmptyPersonDraft(draft: PersonDraft): boolean {
  const blank = (o: object, defaults: object) =>
    Object.entries(o).every(([k, v]) => v === (defaults as Record<string, unknown>)[k]);
  return blank(draft.answers, emptyAnswers()) && blank(draft.details, emptyDetails());
}

/** Keep what was typed; an untouched form keeps nothing. */
export function savePersonDraft(draft: PersonDraft): void {
  if (isEmptyPersonDraft(draft)) {
    clearPersonDraft();
    return;
  }
  try {
    storage()?.setItem(PERSON_DRAFT_KEY, JSON.stringify(draft));
  } catch {
    // full or disabled: the screen still holds what was typed
  }
}

export function clearPersonDraft(): void {
  try {
    storage()?.removeItem(PERSON_DRAFT_KEY);
  } catch {
    // nothing kept, nothing to remove
  }
}
