import { describe, expect, it } from 'vitest';
import { checkDigit, checkInsurerNumber, checkWhileTyping, tidyDigits } from '../src/lib/insurance';

/** A valid number with the right check digit for a payload (as the server's tests build them). */
function withCheck(payload: string): string {
  return payload + String(checkDigit([...payload].map(Number)));
}

describe('insurer number check digit (ported from api/src/domain/insurance.rs)', () => {
  it('follows the MHLW examples', () => {
    expect(checkDigit([3, 3, 1, 2, 0, 0, 1])).toBe(5);
    expect(checkDigit([0, 1, 1, 3, 0, 0, 1])).toBe(2);
    expect(checkInsurerNumber('33120015')).toEqual({
      ok: true,
      value: '33120015',
      lateElderly: false,
    });
    expect(checkInsurerNumber('01130012')).toEqual({
      ok: true,
      value: '01130012',
      lateElderly: false,
    });
  });

  it('rejects every single-digit corruption of valid numbers', () => {
    for (const valid of ['33120015', '01130012', withCheck('3914201'), withCheck('0614012')]) {
      expect(checkInsurerNumber(valid).ok, valid).toBe(true);
      for (let pos = 0; pos < valid.length; pos++) {
        for (let digit = 0; digit <= 9; digit++) {
          if (valid[pos] === String(digit)) continue;
          const corrupted = valid.slice(0, pos) + String(digit) + valid.slice(pos + 1);
          expect(checkInsurerNumber(corrupted).ok, `${corrupted} (from ${valid})`).toBe(false);
        }
      }
    }
  });

  it('checks 6-digit National Health Insurance numbers (prefecture + insurer + check digit)', () => {
    const nhi = withCheck('14100');
    expect(nhi).toHaveLength(6);
    expect(checkInsurerNumber(nhi)).toEqual({ ok: true, value: nhi, lateElderly: false });
    const wrong = nhi.slice(0, 5) + String((Number(nhi[5]) + 1) % 10);
    expect(checkInsurerNumber(wrong)).toEqual({ ok: false, problem: 'check_digit' });
  });

  it('reads the forms people type: full width, spaces, hyphens', () => {
    expect(tidyDigits('３３１２００１５')).toBe('33120015');
    expect(checkInsurerNumber('３３１２００１５').ok).toBe(true);
    expect(checkInsurerNumber(' 3312 0015 ').ok).toBe(true);
    expect(checkInsurerNumber('3312-0015').ok).toBe(true);
    expect(checkInsurerNumber('３３１２００１６')).toEqual({ ok: false, problem: 'check_digit' });
  });

  it('names the problem the way the server does', () => {
    expect(checkInsurerNumber('')).toEqual({ ok: false, problem: 'required' });
    expect(checkInsurerNumber('3312001')).toEqual({ ok: false, problem: 'invalid_format' });
    expect(checkInsurerNumber('331200150')).toEqual({ ok: false, problem: 'invalid_format' });
    expect(checkInsurerNumber('3312001a')).toEqual({ ok: false, problem: 'invalid_format' });
    expect(checkInsurerNumber('33120016')).toEqual({ ok: false, problem: 'check_digit' });
    // Prefecture 99 does not exist, whatever the check digit says.
    expect(checkInsurerNumber('33990015')).toEqual({ ok: false, problem: 'invalid_format' });
    expect(checkInsurerNumber(withCheck('3399001'))).toEqual({
      ok: false,
      problem: 'invalid_format',
    });
  });

  it('knows late-stage elderly insurers (scheme 39)', () => {
    const late = withCheck('3914201');
    expect(checkInsurerNumber(late)).toEqual({ ok: true, value: late, lateElderly: true });
  });
});

describe('checking while the person types', () => {
  it('says nothing about a number that is still being typed', () => {
    for (const partial of ['', '3', '331', '331200', '3312001']) {
      expect(checkWhileTyping(partial, false), partial).toBeNull();
    }
  });

  it('judges 8 digits at once, and a wrong check digit before anything is sent', () => {
    expect(checkWhileTyping('33120016', false)).toEqual({ ok: false, problem: 'check_digit' });
    expect(checkWhileTyping('33120015', false)?.ok).toBe(true);
    expect(checkWhileTyping('３３１２００１６', false)).toEqual({
      ok: false,
      problem: 'check_digit',
    });
  });

  it('calls letters and a ninth digit wrong at once', () => {
    expect(checkWhileTyping('33a', false)).toEqual({ ok: false, problem: 'invalid_format' });
    expect(checkWhileTyping('331200150', false)).toEqual({ ok: false, problem: 'invalid_format' });
  });

  it('judges a shorter number when the person leaves the field', () => {
    expect(checkWhileTyping('3312001', true)).toEqual({ ok: false, problem: 'invalid_format' });
    expect(checkWhileTyping(withCheck('14100'), true)?.ok).toBe(true);
    expect(checkWhileTyping('', true)).toBeNull();
  });
});
