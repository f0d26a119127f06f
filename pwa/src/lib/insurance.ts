/**
 * Insurer numbers (保険者番号) as a person types them, checked on the phone so a mistyped digit
 * is caught while the card is still in their hand. The rules are the server's
 * (`api/src/domain/insurance.rs`, `check_digit` and `InsurerNumber::parse`); the server checks
 * again and has the last word.
 *
 * - 8 digits: scheme code (法別番号) 2 + prefecture 2 + insurer 3 + check digit 1.
 * - 6 digits (国民健康保険): prefecture 2 + insurer 3 + check digit 1.
 * - The prefecture (JIS X 0401) is 01 to 47.
 * - Check digit (MHLW rule): from the rightmost payload digit leftwards multiply by 2, 1, 2, 1,
 *   …; add the products, counting a two-digit product as the sum of its digits; the check
 *   digit is (10 − last digit of the sum) mod 10.
 */

/** Why an insurer number was refused: the server's field codes for the same problems. */
export type InsurerNumberProblem = 'required' | 'invalid_format' | 'check_digit';

export type InsurerNumberCheck =
  | { readonly ok: true; readonly value: string; readonly lateElderly: boolean }
  | { readonly ok: false; readonly problem: InsurerNumberProblem };

/**
 * What a person typed, as the server reads it: NFKC (full-width digits become ASCII), and
 * spaces and hyphens of any width removed.
 */
export function tidyDigits(input: string): string {
  return input.normalize('NFKC').replace(/[\s\-\u2010-\u2015\u2212\u30fc\uff0d]/g, '');
}

/** The check digit of an insurer number's payload (its digits without the last one). */
export function checkDigit(payload: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    const digit = payload[payload.length - 1 - i] as number;
    const product = digit * (i % 2 === 0 ? 2 : 1);
    sum += Math.floor(product / 10) + (product % 10);
  }
  return (10 - (sum % 10)) % 10;
}

/** Check a whole insurer number, as the server does. */
export function checkInsurerNumber(input: string): InsurerNumberCheck {
  const s = tidyDigits(input);
  if (s === '') return { ok: false, problem: 'required' };
  if (!/^\d+$/.test(s) || (s.length !== 6 && s.length !== 8)) {
    return { ok: false, problem: 'invalid_format' };
  }
  const digits = [...s].map(Number);
  const at = s.length === 8 ? 2 : 0;
  const prefecture = (digits[at] as number) * 10 + (digits[at + 1] as number);
  if (prefecture < 1 || prefecture > 47) return { ok: false, problem: 'invalid_format' };
  if (checkDigit(digits.slice(0, -1)) !== digits[digits.length - 1]) {
    return { ok: false, problem: 'check_digit' };
  }
  return { ok: true, value: s, lateElderly: s.length === 8 && s.startsWith('39') };
}

/**
 * What to say while the person is still typing: nothing until the number could be complete,
 * so a half-typed number is not called wrong. A number is judged when it has 8 digits (or
 * more, or a character that is not a digit); a 6-digit number is judged when the person
 * leaves the field (`finished`), because they may still be typing an 8-digit one.
 */
export function checkWhileTyping(input: string, finished: boolean): InsurerNumberCheck | null {
  const s = tidyDigits(input);
  if (s === '') return null; // "required" is for the send button to say
  if (!/^\d*$/.test(s) || s.length > 8) return { ok: false, problem: 'invalid_format' };
  if (s.length === 8 || finished) return checkInsurerNumber(s);
  return null;
}
