/**
 * Whom a staff member means, from the console's one box for it: what a desk scanner types when
 * it reads a person's registration QR (`RENKEI:<number>:<code>` and Enter), the registration
 * number and the QR's own code as printed under the QR and read out or typed, or the
 * registration number alone.
 *
 * The server reads the QR's text in any case, width or grouping; this only decides which of
 * the two the staff member gave, and tidies what a scanner or a keyboard may add on the way:
 * full-width letters (a Japanese input mode left on), spaces, hyphens, and the `+` or `*` a
 * scanner set up for a US keyboard types for `:` on a Japanese one. Whether the number and the
 * code are right (their check characters, whether they are anyone's) is the server's to say.
 */

/** A registration number's characters: ten and a check character (`PYK8-W8Y1-Z31`). */
export const REGISTRATION_NUMBER_CHARS = 11;

const QR_PREFIX = 'RENKEI';

export type PersonKey =
  | { readonly kind: 'qr'; readonly qrCode: string }
  | { readonly kind: 'number'; readonly registrationNumber: string };

export type PersonKeyRead =
  | { readonly ok: true; readonly key: PersonKey }
  | { readonly ok: false; readonly problem: 'required' | 'invalid' };

/** Everything a scanner or a person puts between the groups of characters. */
const SEPARATORS = /[\s\u3000\-‐‑‒–—―−ー:+*/]/g;

/** Another QR code's address (a poster's, a claim sheet's), scanned by mistake. */
const ADDRESS = /^[A-Z][A-Z0-9+.-]*:\/\//;

/** What the box holds, read as a QR or a registration number. */
export function readPersonKey(raw: string): PersonKeyRead {
  const text = raw.normalize('NFKC').trim().toUpperCase();
  if (text === '') return { ok: false, problem: 'required' };
  if (ADDRESS.test(text)) return { ok: false, problem: 'invalid' };
  const fromQr = text.startsWith(QR_PREFIX);
  const chars = (fromQr ? text.slice(QR_PREFIX.length) : text).replace(SEPARATORS, '');
  if (chars === '' || !/^[0-9A-Z]+$/.test(chars)) return { ok: false, problem: 'invalid' };
  // Longer than a registration number: the number and the QR's code (a scan, or both typed).
  if (fromQr || chars.length > REGISTRATION_NUMBER_CHARS) {
    return { ok: true, key: { kind: 'qr', qrCode: `${QR_PREFIX}:${chars}` } };
  }
  return { ok: true, key: { kind: 'number', registrationNumber: chars } };
}

/** The request's fields for a key (as the look-up, emergency and presentation bodies take them). */
export function personKeyBody(key: PersonKey): { qrCode: string } | { registrationNumber: string } {
  return key.kind === 'qr'
    ? { qrCode: key.qrCode }
    : { registrationNumber: key.registrationNumber };
}

/**
 * A registration number or QR code as printed, in groups of four for reading out
 * (`PYK8-W8Y1-Z31` → `PYK8 W8Y1 Z31`): the hyphens become thin gaps a screen reader reads
 * as pauses, not as "minus".
 */
export function groupsOf(code: string): string[] {
  const chars = code.replace(/[\s-]/g, '');
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += 4) groups.push(chars.slice(i, i + 4));
  return groups;
}
