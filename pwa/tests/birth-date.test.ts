import { describe, expect, it } from 'vitest';
import {
  birthDateForServer,
  checkBirthDate,
  eraOf,
  toWestern,
  type BirthDateParts,
  type Calendar,
} from '../src/lib/birth-date';

const parts = (calendar: Calendar, year: string, month: string, day: string): BirthDateParts => ({
  calendar,
  year,
  month,
  day,
});
const TODAY = new Date('2026-11-21T03:00:00Z');

describe('dates of birth in the Western calendar and in Japanese eras', () => {
  it('composes what the server reads', () => {
    expect(checkBirthDate(parts('western', '1950', '4', '1'), TODAY)).toEqual({
      ok: true,
      date: { year: 1950, month: 4, day: 1 },
      text: '1950-04-01',
    });
    expect(checkBirthDate(parts('S', '25', '4', '1'), TODAY)).toEqual({
      ok: true,
      date: { year: 1950, month: 4, day: 1 },
      text: 'S25.4.1',
    });
    expect(checkBirthDate(parts('S', '２５', '０４', '０１'), TODAY)).toMatchObject({
      ok: true,
      text: 'S25.4.1',
    });
  });

  it('knows where each era begins and ends (as the server does)', () => {
    expect(toWestern(parts('H', '元', '1', '8'))).toEqual({ year: 1989, month: 1, day: 8 });
    expect(toWestern(parts('H', '1', '1', '7'))).toBe('invalid_format');
    expect(toWestern(parts('S', '64', '1', '7'))).toEqual({ year: 1989, month: 1, day: 7 });
    expect(toWestern(parts('S', '64', '1', '8'))).toBe('invalid_format');
    expect(toWestern(parts('R', '1', '4', '30'))).toBe('invalid_format');
    expect(toWestern(parts('R', '2', '2', '29'))).toEqual({ year: 2020, month: 2, day: 29 });
    expect(toWestern(parts('T', '15', '12', '24'))).toEqual({ year: 1926, month: 12, day: 24 });
    expect(toWestern(parts('M', '35', '1', '1'))).toEqual({ year: 1902, month: 1, day: 1 });
    expect(toWestern(parts('S', '0', '1', '1'))).toBe('invalid_format');
  });

  it('refuses days that do not exist and years that are not years', () => {
    expect(toWestern(parts('western', '2023', '2', '29'))).toBe('invalid_format');
    expect(toWestern(parts('western', '1950', '13', '1'))).toBe('invalid_format');
    expect(toWestern(parts('western', '50', '4', '1'))).toBe('invalid_format');
    expect(toWestern(parts('western', 'abc', '4', '1'))).toBe('invalid_format');
    expect(toWestern(parts('western', '', '', ''))).toBe('required');
  });

  it('refuses dates in the future or more than 125 years ago', () => {
    expect(checkBirthDate(parts('western', '2026', '11', '21'), TODAY).ok).toBe(true);
    expect(checkBirthDate(parts('western', '2026', '11', '22'), TODAY)).toEqual({
      ok: false,
      problem: 'out_of_range',
    });
    expect(checkBirthDate(parts('western', '1896', '1', '1'), TODAY)).toEqual({
      ok: false,
      problem: 'out_of_range',
    });
    expect(checkBirthDate(parts('M', '35', '1', '1'), TODAY).ok).toBe(true);
  });

  it('sends what was typed when it is not a date, so the server names the problem', () => {
    expect(birthDateForServer(parts('S', '25', '4', '1'))).toBe('S25.4.1');
    expect(birthDateForServer(parts('western', '1950', '4', '1'))).toBe('1950-04-01');
    expect(birthDateForServer(parts('S', '70', '1', '1'))).toBe('S70.1.1');
    expect(birthDateForServer(parts('western', '', '', ''))).toBe('');
  });

  it('names the era of a date, for reading it back', () => {
    expect(eraOf({ year: 1950, month: 4, day: 1 })).toEqual({ era: 'S', year: 25 });
    expect(eraOf({ year: 1989, month: 1, day: 7 })).toEqual({ era: 'S', year: 64 });
    expect(eraOf({ year: 1989, month: 1, day: 8 })).toEqual({ era: 'H', year: 1 });
    expect(eraOf({ year: 2025, month: 11, day: 21 })).toEqual({ era: 'R', year: 7 });
  });
});
