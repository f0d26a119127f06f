import type { MessageKey as AppKey } from '../i18n';
import type { MessageKey } from '../i18n/resident';
import { RELATIONSHIPS, type ProxyLevel, type Relationship } from './acting-for';

/** The words and small rules the family-proxy screens share. */

export const PEOPLE_PATH = '/me/people/new';
export const PROXIES_PATH = '/me/proxies';
export const INVITE_PATH = '/invite';
export const CLAIM_PATH = '/claim';

/**
 * The message key for the proxy's relationship to the person ("I am their child": 子): the
 * app's own, since the acting-for banner on every screen names it.
 */
export function relationshipKey(relationship: Relationship): AppKey {
  // A word the app does not know yet reads as "other" rather than as nothing.
  const known = (RELATIONSHIPS as readonly string[]).includes(relationship)
    ? relationship
    : 'other';
  return `proxy.relationship.${known}` as AppKey;
}

export function levelKey(level: ProxyLevel): AppKey {
  return level === 'manage' ? 'proxy.level.manage' : 'proxy.level.view';
}

/** The audit actions a person's proxy history names, in words; anything else reads generally. */
const ACTIONS = [
  'proxy.registered',
  'proxy.linked',
  'sign_in.claimed',
  'proxy.revoked',
  'health_record.viewed',
  'health_record.exported',
  'consent.given',
  'consent.renewed',
  'consent.withdrawn',
  'emergency_contact.set',
  'data.exported',
  'correction.requested',
] as const;

export function actionKey(action: string): MessageKey {
  return (ACTIONS as readonly string[]).includes(action)
    ? (`proxy.action.${action.replace('.', '_')}` as MessageKey)
    : 'proxy.action.other';
}

/**
 * An invitation or claim code from the address's fragment (`/invite#ABCD-EFGH-JK-C`) or as
 * typed: without spaces, in capitals, full-width letters and digits made half-width. The
 * server decides whether it exists (and ignores the hyphens if it likes); this only tidies.
 */
export function tidyCode(raw: string): string {
  let text = raw.trim();
  if (text.startsWith('#')) text = text.slice(1);
  try {
    text = decodeURIComponent(text);
  } catch {
    // not percent-encoded: keep as it is
  }
  return text
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[‐‑‒–—―ー−]/g, '-')
    .toUpperCase();
}

/** The QR code's SVG as an image address (the CSP allows `img-src data:`). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/**
 * A path to come back to after signing in: only a path on this site (`/…`, never `//host` or
 * `/\host`), else null.
 */
export function safeReturnPath(raw: string | null | undefined): string | null {
  if (!raw) return null;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return null;
  // Control characters have no place in a path: refused, not matched by accident.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw)) return null;
  try {
    const url = new URL(raw, 'http://localhost');
    if (url.origin !== 'http://localhost') return null;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}

/** `/sign-in` with a return path (`/sign-in?next=%2Finvite%23CODE`). */
export function signInPath(returnTo: string): string {
  const safe = safeReturnPath(returnTo);
  return safe ? `/sign-in?next=${encodeURIComponent(safe)}` : '/sign-in';
}
