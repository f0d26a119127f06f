/**
 * Entry-point codes as people see them: the short code under a poster's QR code
 * (`7K3M-QX9P-R`) and the same code without hyphens in the address the QR code opens
 * (`/r/7K3MQX9PR`).
 *
 * Whether a code exists (and whether its check character is right) is for the server to
 * decide: these helpers only tidy what came in the address for showing and for links.
 */

/** The longest code shown back to the person; anything longer is cut with an ellipsis. */
const SHOWN_MAX = 24;

/**
 * What was typed or scanned, tidied: full-width letters and digits made ASCII, upper case,
 * spaces and hyphens (of any width) removed.
 */
export function compactCode(input: string): string {
  return input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015\u2212\u30fc\uff0d]/g, '');
}

/**
 * A code for reading: groups of four joined by hyphens (`7K3MQX9PR` → `7K3M-QX9P-R`) when it
 * is made of the characters codes use (letters, digits and the check symbols `*~$=`);
 * anything else is shown as it came, shortened if long.
 */
export function displayCode(input: string): string {
  const compact = compactCode(input);
  if (compact === '') return '';
  if (/^[0-9A-Z*~$=]+$/.test(compact) && compact.length <= 16) {
    return compact.match(/.{1,4}/g)?.join('-') ?? compact;
  }
  const shown = [...input.trim()];
  return shown.length > SHOWN_MAX ? `${shown.slice(0, SHOWN_MAX).join('')}…` : shown.join('');
}

/** The in-app page a QR code opens. */
export function entryPath(code: string): string {
  return `/r/${encodeURIComponent(compactCode(code))}`;
}

/** The printable poster of an entry point. */
export function posterPath(code: string): string {
  return `/poster/${encodeURIComponent(compactCode(code))}`;
}

/** The QR code image of an entry point (SVG, served by the API; 404 once withdrawn). */
export function qrImagePath(code: string): string {
  return `/api/entry-points/${encodeURIComponent(compactCode(code))}/qr.svg`;
}
