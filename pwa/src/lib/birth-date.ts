/**
 * Dates of birth as people know them: in the Western calendar (1950) or in a Japanese era
 * (昭和25年). The screen asks for the calendar and then year, month and day as numbers; this
 * module turns them into the text the server reads (`1950-04-01` or `S25.4.1`) and checks them
 * the way the server does (`api/src/domain/person.rs`), so the person sees the date read back
 * ("1950年4月1日") before sending it.
 */

export const ERAS = ['R', 'H', 'S', 'T', 'M'] as const;
export type Era = (typeof ERAS)[number];
export type Calendar = 'western' | Era;
export const CALENDARS: readonly Calendar[] = ['western', ...ERAS];

/**
 * The calendar a date-of-birth field starts on: a Japanese era for people reading Japanese (as on
 * their forms), the Western calendar for everyone else (a foreign resident's card gives the
 * Western date).
 */
export function defaultCalendar(language: string): Calendar {
  return language === 'ja' ? 'S' : 'western';
}

/** The day each era began (the eras of living people). */
const ERA_START: { readonly [E in Era]: readonly [number, number, number] } = {
  M: [1868, 10, 23],
  T: [1912, 7, 30],
  S: [1926, 12, 25],
  H: [1989, 1, 8],
  R: [2019, 5, 1],
};
/** The era that follows each one (the day it began is the first day outside). */
const NEXT: { readonly [E in Era]: Era | null } = { M: 'T', T: 'S', S: 'H', H: 'R', R: null };

/** The oldest age accepted, as on the server. */
export const MAX_AGE_YEARS = 125;

export interface BirthDateParts {
  readonly calendar: Calendar;
  readonly year: string;
  readonly month: string;
  readonly day: string;
}

export interface YMD {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export type BirthDateCheck =
  | { readonly ok: true; readonly date: YMD; readonly text: string }
  | { readonly ok: false; readonly problem: 'required' | 'invalid_format' | 'out_of_range' };

function number(input: string, era: boolean): number | null {
  let s = input.normalize('NFKC').replace(/\s/g, '');
  if (era && s === '元') s = '1';
  if (!/^\d{1,4}$/.test(s)) return null;
  return Number(s);
}

function isIsoDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

function compare(a: YMD, b: YMD): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

function ymd([year, month, day]: readonly [number, number, number]): YMD {
  return { year, month, day };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The date in the Western calendar, or why it is not one. Does not judge plausibility. */
export function toWestern(parts: BirthDateParts): YMD | 'required' | 'invalid_format' {
  if (parts.year.trim() === '' && parts.month.trim() === '' && parts.day.trim() === '') {
    return 'required';
  }
  const era = parts.calendar !== 'western';
  const y = number(parts.year, era);
  const m = number(parts.month, false);
  const d = number(parts.day, false);
  if (y === null || m === null || d === null) return 'invalid_format';
  if (parts.calendar === 'western') {
    if (y < 1000) return 'invalid_format';
    return isIsoDay(y, m, d) ? { year: y, month: m, day: d } : 'invalid_format';
  }
  if (y === 0) return 'invalid_format';
  const start = ymd(ERA_START[parts.calendar]);
  const year = start.year + y - 1;
  if (!isIsoDay(year, m, d)) return 'invalid_format';
  const date = { year, month: m, day: d };
  const next = NEXT[parts.calendar];
  if (compare(date, start) < 0) return 'invalid_format';
  if (next && compare(date, ymd(ERA_START[next])) >= 0) return 'invalid_format';
  return date;
}

/**
 * Check a date of birth as the server will: a real date (inside its era), not after today and
 * not more than 125 years ago. `text` is what to send.
 */
export function checkBirthDate(parts: BirthDateParts, today: Date = new Date()): BirthDateCheck {
  const date = toWestern(parts);
  if (typeof date === 'string') return { ok: false, problem: date };
  // Today in Japan, where the server decides.
  const tokyo = new Date(today.getTime() + 9 * 3600_000);
  const now = {
    year: tokyo.getUTCFullYear(),
    month: tokyo.getUTCMonth() + 1,
    day: tokyo.getUTCDate(),
  };
  if (compare(date, now) > 0) return { ok: false, problem: 'out_of_range' };
  if (compare(date, { year: now.year - MAX_AGE_YEARS, month: now.month, day: 1 }) < 0) {
    return { ok: false, problem: 'out_of_range' };
  }
  return { ok: true, date, text: birthDateText(parts, date) };
}

/**
 * The text the server reads: `1950-04-01` for the Western calendar, `S25.4.1` for an era
 * (the server accepts both, and any width).
 */
export function birthDateText(parts: BirthDateParts, date: YMD): string {
  if (parts.calendar === 'western') {
    return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
  }
  const eraYear = date.year - ERA_START[parts.calendar][0] + 1;
  return `${parts.calendar}${eraYear}.${date.month}.${date.day}`;
}

/**
 * What to send when the person pressed the button whatever the check said: the composed text
 * when it is a date, else what they typed, joined, so the server's answer names the problem.
 */
export function birthDateForServer(parts: BirthDateParts): string {
  const date = toWestern(parts);
  if (typeof date !== 'string') return birthDateText(parts, date);
  if (date === 'required') return '';
  const prefix = parts.calendar === 'western' ? '' : parts.calendar;
  return `${prefix}${parts.year.trim()}.${parts.month.trim()}.${parts.day.trim()}`;
}

/** The era a Western year mostly falls in, for showing "昭和25年" beside "1950年". */
export function eraOf(date: YMD): { era: Era; year: number } | null {
  for (const era of ERAS) {
    const start = ymd(ERA_START[era]);
    if (compare(date, start) >= 0) return { era, year: date.year - start.year + 1 };
  }
  return null;
}
