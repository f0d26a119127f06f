import { describe, expect, it, vi } from 'vitest';
import { idlePhase, startIdleTimer, type Clock } from '../src/lib/idle';
import {
  checkSignedOn,
  checkTypedBirthDate,
  dateForServer,
  parseDateText,
  tokyoToday,
} from '../src/lib/date-text';
import {
  PAPER_FIELD_ORDER,
  PAPER_ITEMS,
  checkPaperForm,
  correctionFrom,
  emptyPaperForm,
  itemOf,
  maskedParts,
  readyForDuplicateCheck,
  registrationFrom,
  valuesFromEntry,
  type PaperFormValues,
} from '../src/lib/paper-form';
import { formKeyAction } from '../src/lib/form-keys';
import { staffReturnPath } from '../src/lib/staff-session';
import { requireVerification, requireVerificationToCreate } from '../src/lib/staff-passkeys';
import type { PaperEntryDetail } from '../src/api/staff';

/** A clock the test moves by hand. */
function fakeClock() {
  let now = 0;
  let timers: Array<{ at: number; run: () => void; id: number }> = [];
  let next = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (run, ms) => {
      const id = next++;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((t) => t !== due);
      now = due.at;
      due.run();
    }
    now = until;
  };
  const jump = (ms: number) => {
    now += ms; // a PC asleep: no timer ran
  };
  return { clock, advance, jump, pending: () => timers.length };
}

const MIN = 60_000;

describe('idle sign-out', () => {
  it('names the phase for the time since the last input', () => {
    expect(idlePhase(0, 15 * MIN, MIN)).toBe('active');
    expect(idlePhase(14 * MIN - 1, 15 * MIN, MIN)).toBe('active');
    expect(idlePhase(14 * MIN, 15 * MIN, MIN)).toBe('warn');
    expect(idlePhase(15 * MIN, 15 * MIN, MIN)).toBe('out');
  });

  it('warns at 14 minutes and signs out at 15 without input', () => {
    const { clock, advance } = fakeClock();
    const onWarn = vi.fn();
    const onTimeout = vi.fn();
    startIdleTimer({
      timeoutMs: 15 * MIN,
      warnBeforeMs: MIN,
      onWarn,
      onActive: vi.fn(),
      onTimeout,
      clock,
    });
    advance(14 * MIN - 1);
    expect(onWarn).not.toHaveBeenCalled();
    advance(1);
    expect(onWarn).toHaveBeenCalledWith(MIN);
    advance(MIN - 1);
    expect(onTimeout).not.toHaveBeenCalled();
    advance(1);
    expect(onTimeout).toHaveBeenCalledTimes(1);
    advance(60 * MIN);
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });

  it('starts again from every input, and input during the warning hides it', () => {
    const { clock, advance } = fakeClock();
    const onWarn = vi.fn();
    const onActive = vi.fn();
    const onTimeout = vi.fn();
    const timer = startIdleTimer({
      timeoutMs: 15 * MIN,
      warnBeforeMs: MIN,
      onWarn,
      onActive,
      onTimeout,
      clock,
    });
    advance(10 * MIN);
    timer.touch();
    advance(10 * MIN); // 20 minutes in all, but 10 since the input
    expect(onWarn).not.toHaveBeenCalled();
    advance(4 * MIN);
    expect(onWarn).toHaveBeenCalledTimes(1);
    timer.touch();
    expect(onActive).toHaveBeenCalledTimes(1);
    advance(14 * MIN - 1);
    expect(onTimeout).not.toHaveBeenCalled();
    expect(onWarn).toHaveBeenCalledTimes(1);
    advance(MIN + 1);
    expect(onWarn).toHaveBeenCalledTimes(2);
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });

  it('signs out at the first input after a sleep longer than the limit', () => {
    const { clock, jump } = fakeClock();
    const onTimeout = vi.fn();
    const timer = startIdleTimer({
      timeoutMs: 15 * MIN,
      warnBeforeMs: MIN,
      onWarn: vi.fn(),
      onActive: vi.fn(),
      onTimeout,
      clock,
    });
    jump(16 * MIN);
    timer.touch();
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });

  it('stops', () => {
    const { clock, advance, pending } = fakeClock();
    const onTimeout = vi.fn();
    const timer = startIdleTimer({
      timeoutMs: 15 * MIN,
      warnBeforeMs: MIN,
      onWarn: vi.fn(),
      onActive: vi.fn(),
      onTimeout,
      clock,
    });
    timer.stop();
    expect(pending()).toBe(0);
    advance(30 * MIN);
    expect(onTimeout).not.toHaveBeenCalled();
  });
});

describe('dates typed as text', () => {
  it.each([
    ['1950-04-01', 'western', '1950', '04', '01'],
    ['1950/4/1', 'western', '1950', '4', '1'],
    ['19500401', 'western', '1950', '04', '01'],
    ['1950年4月1日', 'western', '1950', '4', '1'],
    ['S25.4.1', 'S', '25', '4', '1'],
    ['s25/4/1', 'S', '25', '4', '1'],
    ['Ｓ２５．４．１', 'S', '25', '4', '1'],
    ['S250401', 'S', '25', '04', '01'],
    ['昭和25年4月1日', 'S', '25', '4', '1'],
    ['昭和元年12月25日', 'S', '1', '12', '25'],
    ['H1.1.8', 'H', '1', '1', '8'],
    [' r8-4-1 ', 'R', '8', '4', '1'],
  ])('reads %s', (text, calendar, year, month, day) => {
    expect(parseDateText(text)).toEqual({ calendar, year, month, day });
  });

  it.each(['', '1950', '4/1', 'S25', 'X25.4.1', '25.4.1', '1950-04'])(
    'does not read %j as a date',
    (text) => {
      expect(parseDateText(text)).toBeNull();
    },
  );

  it('checks a date of birth as registration does', () => {
    const today = new Date('2026-05-01T00:00:00Z');
    expect(checkTypedBirthDate('S25.4.1', today)).toMatchObject({ ok: true, iso: '1950-04-01' });
    expect(checkTypedBirthDate('1950-02-30', today)).toEqual({
      ok: false,
      problem: 'invalid_format',
    });
    expect(checkTypedBirthDate('S65.1.1', today)).toEqual({ ok: false, problem: 'invalid_format' }); // Showa ended in its 64th year
    expect(checkTypedBirthDate('2030-01-01', today)).toEqual({
      ok: false,
      problem: 'out_of_range',
    });
    expect(checkTypedBirthDate('まだ', today)).toEqual({ ok: false, problem: 'invalid_format' });
    expect(checkTypedBirthDate(' ', today)).toEqual({ ok: false, problem: 'required' });
  });

  it('refuses a signing date in the future in Japan', () => {
    // 2026-04-30 23:30 UTC is already 1 May in Tokyo.
    const now = new Date('2026-04-30T23:30:00Z');
    expect(tokyoToday(now)).toBe('2026-05-01');
    expect(checkSignedOn('2026-05-01', now)).toMatchObject({ ok: true, iso: '2026-05-01' });
    expect(checkSignedOn('R8.5.2', now)).toEqual({ ok: false, problem: 'out_of_range' });
  });

  it('sends the ISO date, or the text as typed when it is none', () => {
    expect(dateForServer('昭和25年4月1日')).toBe('1950-04-01');
    expect(dateForServer(' 1950-02-30 ')).toBe('1950-02-30');
  });
});

function typical(): PaperFormValues {
  return {
    ...emptyPaperForm('demo', new Date('2026-05-01T03:00:00Z')),
    name: '山田 花子',
    nameKana: 'やまだ はなこ',
    sex: 'female',
    birthDate: 'S25.4.1',
    phone: '0451234567',
    documentKind: 'qualification_certificate',
    insurerNumber: '33120015',
    symbol: '77',
    number: '1234',
    branch: '01',
    formSerial: 'a-0012',
  };
}

describe('the paper form and the entry screen', () => {
  it('number their items 1 to 12 in the contract order', () => {
    expect(PAPER_ITEMS.map((i) => i.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(PAPER_FIELD_ORDER).toEqual([
      'name',
      'nameKana',
      'sex',
      'birthDate',
      'phone',
      'address',
      'documentKind',
      'insurerNumber',
      'symbol',
      'number',
      'branch',
      'careInsuranceNumber',
      'email',
      'proxyName',
      'proxyRelationship',
      'proxyReason',
      'signedOn',
      'formSerial',
      'network',
    ]);
    expect(itemOf('branch')?.no).toBe(7);
    expect(itemOf('proxyReason')?.no).toBe(10);
    expect(itemOf('nothing')).toBeNull();
  });

  it('map a typical form to the request, leaving out what is empty', () => {
    const body = registrationFrom(typical(), {
      consentVersion: 3,
      identityChecked: true,
      formReceived: true,
      notDuplicate: false,
    });
    expect(body).toEqual({
      name: '山田 花子',
      nameKana: 'やまだ はなこ',
      sex: 'female',
      birthDate: '1950-04-01',
      phone: '0451234567',
      documentKind: 'qualification_certificate',
      insurerNumber: '33120015',
      symbol: '77',
      number: '1234',
      branch: '01',
      signedOn: '2026-05-01',
      network: 'demo',
      consentVersion: 3,
      formSerial: 'A-0012',
      identityChecked: true,
      formReceived: true,
    });
  });

  it('send the proxy only when its box is filled, and no symbol or branch for late-elderly insurance', () => {
    const v = {
      ...typical(),
      hasProxy: true,
      proxyName: '山田 一郎',
      proxyRelationship: 'child',
      proxyReason: 'illness',
    } as const;
    const late = {
      ...v,
      documentKind: 'late_elderly',
      insurerNumber: '39131156',
      number: '12345678',
    } as const;
    const body = registrationFrom(late, {
      consentVersion: 1,
      identityChecked: true,
      formReceived: true,
      notDuplicate: true,
    });
    expect(body).toMatchObject({
      proxyName: '山田 一郎',
      proxyRelationship: 'child',
      proxyReason: 'illness',
      symbol: '',
      notDuplicate: true,
    });
    expect(body).not.toHaveProperty('branch');
    const none = registrationFrom(
      { ...v, hasProxy: false },
      { consentVersion: 1, identityChecked: true, formReceived: true, notDuplicate: false },
    );
    expect(none).not.toHaveProperty('proxyName');
  });

  it('find what is missing or wrong before sending', () => {
    const today = new Date('2026-05-01T03:00:00Z');
    expect(checkPaperForm(typical(), today)).toEqual({});
    expect(checkPaperForm(emptyPaperForm('', today), today)).toEqual({
      name: 'required',
      nameKana: 'required',
      sex: 'choose',
      birthDate: 'required',
      phone: 'required',
      documentKind: 'choose',
      insurerNumber: 'required',
      number: 'required',
      formSerial: 'required',
      network: 'choose',
    });
    expect(
      checkPaperForm(
        {
          ...typical(),
          insurerNumber: '33120016',
          careInsuranceNumber: '12345',
          hasProxy: true,
          proxyName: 'x',
          formSerial: 'No.5',
        },
        today,
      ),
    ).toEqual({
      insurerNumber: 'insurer.check_digit',
      careInsuranceNumber: 'care',
      proxyRelationship: 'proxy.incomplete',
      proxyReason: 'proxy.incomplete',
      formSerial: 'serial',
    });
    expect(checkPaperForm({ ...typical(), documentKind: 'late_elderly' }, today)).toEqual({
      insurerNumber: 'insurer.lateElderly',
    });
  });

  it('look for duplicates once kana and a real date of birth are in', () => {
    expect(readyForDuplicateCheck({ nameKana: '', birthDate: 'S25.4.1' })).toBeNull();
    expect(readyForDuplicateCheck({ nameKana: 'やまだ', birthDate: 'S25.4' })).toBeNull();
    expect(readyForDuplicateCheck({ nameKana: 'やまだ', birthDate: 'S25.4.1' })).toBe('1950-04-01');
  });

  it('correct only the fields that changed', () => {
    const saved: PaperEntryDetail = {
      id: 'e1',
      kind: 'registration',
      formSerial: 'A-1',
      registrationNumber: '7K3M-QX9P-R2',
      name: '山田 花子',
      nameKana: 'やまだ はなこ',
      network: { code: 'demo', name: 'デモ' },
      enteredAt: '2026-05-01T01:00:00Z',
      enteredBy: '受付 一郎',
      corrected: 0,
      sex: 'female',
      birthDate: '1950-04-01',
      phone: '0451234567',
      documentKind: 'qualification_certificate',
      insurerNumber: '33120015',
      symbol: '77',
      number: '1234',
      branch: '01',
      signedOn: '2026-05-01',
      changes: [],
    };
    const values = valuesFromEntry(saved);
    expect(correctionFrom(saved, values)).toEqual({});
    expect(
      correctionFrom(saved, {
        ...values,
        phone: '0459999999',
        birthDate: 'S25.4.2',
        address: '横浜市',
      }),
    ).toEqual({
      birthDate: '1950-04-02',
      phone: '0459999999',
      address: '横浜市',
    });
  });
});

describe('masked registration numbers', () => {
  it('split into shown and hidden parts', () => {
    expect(maskedParts('7K3M-****-R2')).toEqual([
      { text: '7K3M-', hidden: false },
      { text: '****', hidden: true },
      { text: '-R2', hidden: false },
    ]);
    expect(maskedParts('ABCD')).toEqual([{ text: 'ABCD', hidden: false }]);
  });
});

describe('keys on the reception forms', () => {
  const key = (
    target: Partial<HTMLInputElement> & { tagName: string },
    extra: Partial<KeyboardEvent> = {},
  ) =>
    formKeyAction({
      key: 'Enter',
      ctrlKey: false,
      metaKey: false,
      shiftKey: false,
      altKey: false,
      isComposing: false,
      target: target as unknown as EventTarget,
      ...extra,
    });
  it('never submit with Enter in a field, but move on; Ctrl+Enter saves', () => {
    expect(key({ tagName: 'INPUT', type: 'text' })).toBe('next');
    expect(key({ tagName: 'INPUT', type: 'checkbox' })).toBe('block');
    expect(key({ tagName: 'INPUT', type: 'radio' })).toBe('block');
    expect(key({ tagName: 'INPUT', type: 'text' }, { ctrlKey: true })).toBe('submit');
    expect(key({ tagName: 'BUTTON', type: 'submit' })).toBe('default');
    expect(key({ tagName: 'INPUT', type: 'text' }, { isComposing: true })).toBe('default');
    expect(key({ tagName: 'INPUT', type: 'text' }, { key: 'Tab' })).toBe('default');
  });
});

describe('staff sign-in', () => {
  it('returns only to reception pages on this site', () => {
    expect(staffReturnPath('/staff/entries?day=2026-05-01')).toBe('/staff/entries?day=2026-05-01');
    expect(staffReturnPath('/me')).toBeNull();
    expect(staffReturnPath('//evil.example/staff/')).toBeNull();
    expect(staffReturnPath('/staff/\\evil')).toBeNull();
    expect(staffReturnPath(null)).toBeNull();
  });

  it('always asks the authenticator to verify the person', () => {
    expect(
      requireVerification({
        ceremony: 'c',
        publicKey: { challenge: 'x', userVerification: 'preferred' },
      }),
    ).toEqual({
      ceremony: 'c',
      publicKey: { challenge: 'x', userVerification: 'required' },
    });
    expect(
      requireVerificationToCreate({
        publicKey: {
          authenticatorSelection: { residentKey: 'required', userVerification: 'discouraged' },
        },
      }),
    ).toEqual({
      publicKey: {
        authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      },
    });
  });
});
