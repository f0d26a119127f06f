import { beforeEach, describe, expect, it } from 'vitest';
import {
  DRAFT_STORAGE_KEY,
  clearDraft,
  draftFor,
  emptyDetails,
  loadDraft,
  newRegistrationKey,
  registrationPath,
  saveDraft,
} from '../src/lib/registration-draft';

beforeEach(() => sessionStorage.clear());

describe('the registration draft', () => {
  it('makes a 32-hex-character key, different every time', () => {
    const a = newRegistrationKey();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(newRegistrationKey()).not.toBe(a);
  });

  it('keeps one key per flow, and keeps what was typed across reloads', () => {
    const draft = draftFor('7K3MQX9PR');
    saveDraft({
      ...draft,
      consentVersion: 3,
      details: { ...draft.details, insurerNumber: '33120015' },
    });
    const again = draftFor('7K3MQX9PR');
    expect(again.key).toBe(draft.key);
    expect(again.consentVersion).toBe(3);
    expect(again.details.insurerNumber).toBe('33120015');
    // Another QR code starts another flow.
    expect(draftFor('OTHER').key).not.toBe(draft.key);
  });

  it('is gone from the phone once cleared', () => {
    saveDraft({ ...draftFor('X'), details: { ...draftFor('X').details, number: '1234' } });
    expect(sessionStorage.getItem(DRAFT_STORAGE_KEY)).toContain('1234');
    clearDraft();
    expect(sessionStorage.getItem(DRAFT_STORAGE_KEY)).toBeNull();
    expect(loadDraft()).toBeNull();
  });

  it('ignores what is not a draft', () => {
    sessionStorage.setItem(DRAFT_STORAGE_KEY, '{"entry":"X","key":"short"}');
    expect(loadDraft()).toBeNull();
    sessionStorage.setItem(DRAFT_STORAGE_KEY, 'not json');
    expect(loadDraft()).toBeNull();
  });

  it('names the screens of the flow', () => {
    expect(registrationPath('7K3MQX9PR')).toBe('/r/7K3MQX9PR');
    expect(registrationPath('7K3MQX9PR', 'details')).toBe('/r/7K3MQX9PR/details');
  });
});

describe('the calendar a date of birth starts on', () => {
  it('is Showa for people reading Japanese and the Western calendar for people reading English', async () => {
    const { defaultCalendar } = await import('../src/lib/birth-date');
    const { emptyDetails } = await import('../src/lib/registration-draft');
    const { lang } = await import('../src/i18n/lang');
    expect(defaultCalendar('ja')).toBe('S');
    expect(defaultCalendar('en')).toBe('western');
    const before = lang.value;
    try {
      lang.value = 'en';
      expect(emptyDetails().birthCalendar).toBe('western');
      lang.value = 'ja';
      expect(emptyDetails().birthCalendar).toBe('S');
    } finally {
      lang.value = before;
    }
  });
});

describe('registering with a マイナ保険証 and the numbers later', () => {
  it('asks for no numbers then, and for them otherwise', async () => {
    const { checkBeforeSending } = await import('../src/pages/register/RegisterDetails');
    const person = {
      ...emptyDetails(),
      name: '番号 花子',
      nameKana: 'バンゴウ ハナコ',
      birthCalendar: 'S' as const,
      birthYear: '30',
      birthMonth: '3',
      birthDay: '3',
      sex: 'female' as const,
      phone: '09012345678',
      email: 'later@example.jp',
    };
    const later = { ...person, documentKind: 'my_number_card' as const, numbersLater: true };
    expect(checkBeforeSending(later)).toEqual({});
    // Ticked, then another document chosen: the numbers are asked for again.
    const card = { ...later, documentKind: 'qualification_certificate' as const };
    expect(Object.keys(checkBeforeSending(card)).sort()).toEqual(['insurerNumber', 'number']);
  });
});
