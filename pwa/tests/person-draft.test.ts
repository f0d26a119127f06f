import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  PERSON_DRAFT_KEY,
  clearPersonDraft,
  emptyAnswers,
  isEmptyPersonDraft,
  loadPersonDraft,
  savePersonDraft,
  type PersonDraft,
} from '../src/lib/person-draft';
import { emptyDetails } from '../src/lib/registration-draft';
import { signOutHere } from '../src/lib/session';

beforeEach(() => sessionStorage.clear());
afterEach(() => vi.unstubAllGlobals());

function typed(): PersonDraft {
  return {
    network: 'demo',
    answers: {
      relationship: 'child',
      reason: 'cognitive',
      reasonNote: '物忘れが多い',
      attestation: 'person_agreed',
    },
    details: {
      ...emptyDetails(),
      documentKind: 'late_elderly',
      insurerNumber: '39131018',
      number: '12345678',
      name: '山田 花子',
      nameKana: 'ヤマダ ハナコ',
      birthCalendar: 'S',
      birthYear: '15',
      birthMonth: '4',
      birthDay: '1',
      sex: 'female',
      phone: '0451234567',
    },
  };
}

describe('the family registration draft', () => {
  it('keeps what was typed in this tab, and reads it back', () => {
    savePersonDraft(typed());
    expect(loadPersonDraft()).toEqual(typed());
    expect(localStorage.getItem(PERSON_DRAFT_KEY)).toBeNull();
    // Separate from the person's own registration draft.
    expect(sessionStorage.getItem('renkei.registration')).toBeNull();
  });

  it('keeps nothing for an untouched form, and forgets when emptied again', () => {
    const empty = { network: 'demo', answers: emptyAnswers(), details: emptyDetails() };
    expect(isEmptyPersonDraft(empty)).toBe(true);
    savePersonDraft(empty);
    expect(sessionStorage.getItem(PERSON_DRAFT_KEY)).toBeNull();
    savePersonDraft(typed());
    savePersonDraft(empty);
    expect(sessionStorage.getItem(PERSON_DRAFT_KEY)).toBeNull();
  });

  it('gives fields added later their defaults, and ignores what it cannot read', () => {
    sessionStorage.setItem(
      PERSON_DRAFT_KEY,
      JSON.stringify({
        network: 'demo',
        answers: { relationship: 'child' },
        details: { name: '山田' },
      }),
    );
    const kept = loadPersonDraft();
    expect(kept?.answers).toEqual({ ...emptyAnswers(), relationship: 'child' });
    expect(kept?.details).toEqual({ ...emptyDetails(), name: '山田' });
    for (const raw of ['{not json', 'null', '"text"']) {
      sessionStorage.setItem(PERSON_DRAFT_KEY, raw);
      expect(loadPersonDraft(), raw).toBeNull();
    }
  });

  it('reads a word not among the choices as not chosen', () => {
    const draft = typed();
    sessionStorage.setItem(
      PERSON_DRAFT_KEY,
      JSON.stringify({
        ...draft,
        answers: { ...draft.answers, relationship: 'neighbour', reason: 42 },
        details: {
          ...draft.details,
          documentKind: 'passport',
          birthCalendar: 'X',
          sex: 'other',
          number: 12,
        },
      }),
    );
    const kept = loadPersonDraft();
    expect(kept?.answers.relationship).toBe('');
    expect(kept?.answers.reason).toBe('');
    expect(kept?.answers.attestation).toBe('person_agreed');
    expect(kept?.details.documentKind).toBe('');
    expect(kept?.details.birthCalendar).toBe(emptyDetails().birthCalendar);
    expect(kept?.details.sex).toBe('');
    expect(kept?.details.number).toBe('');
    expect(kept?.details.insurerNumber).toBe('39131018');
  });

  it('is gone once cleared, and after sign-out', async () => {
    savePersonDraft(typed());
    clearPersonDraft();
    expect(sessionStorage.getItem(PERSON_DRAFT_KEY)).toBeNull();
    savePersonDraft(typed());
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response(null, { status: 204 }))),
    );
    await signOutHere();
    expect(sessionStorage.getItem(PERSON_DRAFT_KEY)).toBeNull();
    expect(loadPersonDraft()).toBeNull();
  });
});
