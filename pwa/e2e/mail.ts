import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';

/**
 * Mail as the server under test writes it: `renkei serve` runs with
 * `RENKEI_MAIL_URL=file://DIR`, so every message is an `.eml` file in DIR
 * (`RENKEI_E2E_MAIL_DIR`). Messages are MIME (Japanese with English underneath), with
 * quoted-printable or base64 bodies and RFC 2047 headers; this decodes what the tests need.
 */

export interface Mail {
  readonly file: string;
  readonly mtimeMs: number;
  readonly to: string;
  readonly subject: string;
  /** The text of every text part, decoded. */
  readonly text: string;
}

export function mailDir(): string {
  const dir = process.env.RENKEI_E2E_MAIL_DIR;
  if (!dir) throw new Error('RENKEI_E2E_MAIL_DIR is not set: run the tests with `npm run e2e`.');
  return dir;
}

function splitHead(raw: string): { headers: Map<string, string>; body: string } {
  const normalised = raw.replace(/\r\n/g, '\n');
  const at = normalised.indexOf('\n\n');
  const head = at < 0 ? normalised : normalised.slice(0, at);
  const body = at < 0 ? '' : normalised.slice(at + 2);
  const headers = new Map<string, string>();
  let last = '';
  for (const line of head.split('\n')) {
    if (/^[ \t]/.test(line) && last) {
      headers.set(last, `${headers.get(last) ?? ''} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    headers.set(last, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeQuotedPrintable(text: string): Buffer {
  const soft = text.replace(/=\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i] as string;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return decodeQuotedPrintable(body).toString('utf8');
    default:
      return body;
  }
}

/** RFC 2047 encoded words (`=?utf-8?b?...?=`, `=?utf-8?q?...?=`) in a header. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(
      /=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g,
      (_whole, _charset: string, kind: string, text: string) =>
        kind.toLowerCase() === 'b'
          ? Buffer.from(text, 'base64').toString('utf8')
          : decodeQuotedPrintable(text.replace(/_/g, ' ')).toString('utf8'),
    );
}

function textOf(raw: string): string {
  const { headers, body } = splitHead(raw);
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    return body
      .split(`--${boundary}`)
      .slice(1)
      .filter((part) => !part.startsWith('--'))
      .map((part) => textOf(part.replace(/^\n/, '')))
      .join('\n');
  }
  if (!/^text\//i.test(type)) return '';
  return decodeBody(body, headers.get('content-transfer-encoding'));
}

export function parseMail(file: string): Mail {
  const raw = readFileSync(file, 'utf8');
  const { headers } = splitHead(raw);
  return {
    file,
    mtimeMs: statSync(file).mtimeMs,
    to: decodeHeader(headers.get('to') ?? ''),
    subject: decodeHeader(headers.get('subject') ?? ''),
    text: textOf(raw),
  };
}

/** Every message written so far, oldest first. */
export function allMail(): Mail[] {
  let names: string[];
  try {
    names = readdirSync(mailDir()).filter((n) => n.endsWith('.eml'));
  } catch {
    return []; // no mail yet: the folder is made with the first message
  }
  return names.map((n) => parseMail(join(mailDir(), n))).sort((a, b) => a.mtimeMs - b.mtimeMs);
}

/** The files of the messages to `address` so far (to tell the next one apart). */
export function mailTo(address: string): Mail[] {
  const want = address.toLowerCase();
  return allMail().filter((m) => m.to.toLowerCase().includes(want));
}

/**
 * Wait for a message to `address` that was not there before (`seen`: the files of earlier
 * ones), and return the 6-digit code in it.
 */
export async function nextCode(address: string, seen: ReadonlySet<string>): Promise<string> {
  let code = '';
  await expect
    .poll(
      () => {
        const fresh = mailTo(address).filter((m) => !seen.has(m.file));
        const newest = fresh[fresh.length - 1];
        code = newest ? (/(?<![0-9])([0-9]{6})(?![0-9])/.exec(newest.text)?.[1] ?? '') : '';
        return code;
      },
      { message: `a mail with a 6-digit code to ${address}`, timeout: 20_000 },
    )
    .toMatch(/^\d{6}$/);
  return code;
}

/** The files of the messages to `address` so far. */
export function seenMail(address: string): Set<string> {
  return new Set(mailTo(address).map((m) => m.file));
}
