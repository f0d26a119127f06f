import {
  checkBirthDate,
  toWestern,
  type BirthDateParts,
  type Calendar,
  type Era,
  type YMD,
} from './birth-date';

/**
 * Dates typed as one line of text, the way reception staff copy them off a paper form:
 * `1950-04-01`, `1950/4/1`, `19500401`, `1950年4月1日`, `S25.4.1`, `s25/4/1`, `S250401`,
 * `昭和25年4月1日`, `昭和元年12月25日`, in full or half width. The result is the calendar and the
 * three numbers the registration screens use (`birth-date.ts`), so the same checks and the
 * same text for the server apply.
 */

const ERA_NAMES: Readonly<Record<string, Era>> = {
  明治: 'M',
  大正: 'T',
  昭和: 'S',
  平成: 'H',
  令和: 'R',
  m: 'M',
  t: 'T',
  s: 'S',
  h: 'H',
  r: 'R',
};

const SEP = '[-/.年・,、]';

/** The parts of a typed date, or null when the text is not a date in any known form. */
export function parseDateText(raw: string): BirthDateParts | null {
  const text = raw
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[‐‑‒–—―−ー]/g, '-')
    .toLowerCase();
  if (text === '') return null;
  const parts = (calendar: Calendar, year: string, month: string, day: string): BirthDateParts => ({
    calendar,
    year,
    month,
    day,
  });
  let m = new RegExp(`^(\\d{4})${SEP}(\\d{1,2})(?:${SEP}|月)(\\d{1,2})日?$`).exec(text);
  if (m) return parts('western', m[1] as string, m[2] as string, m[3] as string);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return parts('western', m[1] as string, m[2] as string, m[3] as string);
  m = new RegExp(
    `^(明治|大正|昭和|平成|令和|[mtshr])\\.?(\\d{1,2}|元)(?:${SEP})(\\d{1,2})(?:${SEP}|月)(\\d{1,2})日?$`,
  ).exec(text);
  if (m) {
    const era = ERA_NAMES[m[1] as string] as Era;
    return parts(era, m[2] === '元' ? '1' : (m[2] as string), m[3] as string, m[4] as string);
  }
  m = /^([mtshr])(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (m)
    return parts(ERA_NAMES[m[1] as string] as Era, m[2] as string, m[3] as string, m[4] as string);
  return null;
}

export type TypedDate =
  | { readonly ok: true; readonly date: YMD; readonly parts: BirthDateParts; readonly iso: string }
  | { readonly ok: false; readonly problem: 'required' | 'invalid_format' | 'out_of_range' };

const pad = (n: number, w: number) => String(n).padStart(w, '0');
export const isoOf = (d: YMD) => `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;

/** A date of birth typed as text, checked as in registration (real, not future, ≤125 years). */
export function checkTypedBirthDate(text: string, today: Date = new Date()): TypedDate {
  if (text.trim() === '') return { ok: false, problem: 'required' };
  const parts = parseDateText(text);
  if (!parts) return { ok: false, problem: 'invalid_format' };
  const check = checkBirthDate(parts, today);
  if (!check.ok) return check;
  return { ok: true, date: check.date, parts, iso: isoOf(check.date) };
}

/** Today in Japan as YYYY-MM-DD. */
export function tokyoToday(now: Date = new Date()): string {
  const tokyo = new Date(now.getTime() + 9 * 3600_000);
  return isoOf({
    year: tokyo.getUTCFullYear(),
    month: tokyo.getUTCMonth() + 1,
    day: tokyo.getUTCDate(),
  });
}

/** The date a form was signed: a real date, not in the future (Japan time), not before 2000. */
export function checkSignedOn(text: string, today: Date = new Date()): TypedDate {
  if (text.trim() === '') return { ok: false, problem: 'required' };
  const parts = parseDateText(text);
  if (!parts) return { ok: false, problem: 'invalid_format' };
  const date = toWestern(parts);
  if (typeof date === 'string') return { ok: false, problem: date };
  const iso = isoOf(date);
  if (iso > tokyoToday(today) || date.year < 2000) return { ok: false, problem: 'out_of_range' };
  return { ok: true, date, parts, iso };
}

/** What to send for a typed date: the ISO date when it is one, else the text as typed. */
export function dateForServer(text: string): string {
  const parts = parseDateText(text);
  if (!parts) return text.trim();
  const date = toWestern(parts);
  return typeof date === 'string' ? text.trim() : isoOf(date);
}
