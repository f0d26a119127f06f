import { computed, signal } from '@preact/signals';
import type { components } from '../api/schema';

/**
 * Acting for someone (a family proxy): whose page the signed-in person is working on now.
 *
 * Kept in `sessionStorage` (`renkei.actingFor`), so it belongs to this tab only and is gone when
 * the tab closes; sign-out clears it (see `session.ts`, which clears sessionStorage and calls
 * `stopActing` through `onSignOut`). While it is set, every `/me...` request carries the header
 * `Renkei-Acting-For: linkId` (see `actingForMiddleware` in `api/client.ts`) and the server
 * answers for the person acted for. The server checks the link on every request: when it
 * answers 403 `proxy_not_active` (revoked, or no longer ours) the state is dropped at once and
 * `proxyEnded` remembers whose it was, for the notice on the person's own page.
 */

export type ProxyLevel = components['schemas']['ProxyLevel'];

export type Relationship = components['schemas']['Relationship'];

export const RELATIONSHIPS: readonly Relationship[] = [
  'child',
  'spouse',
  'sibling',
  'grandchild',
  'other_relative',
  'legal_guardian',
  'other',
];

export type LinkStanding = components['schemas']['LinkStanding'];

export interface ActingFor {
  readonly linkId: string;
  readonly name: string;
  readonly relationship: Relationship;
  readonly level: ProxyLevel;
  /**
   * Whether the link lets the proxy act (`confirmed`), or only shows where the person's
   * registration stands until it is confirmed (again). The server decides every request; this
   * only spares the screens asking for what would be refused.
   */
  readonly standing: LinkStanding;
}

export const ACTING_FOR_KEY = 'renkei.actingFor';
export const ACTING_FOR_HEADER = 'Renkei-Acting-For';

function isActingFor(value: unknown): value is ActingFor {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v['linkId'] === 'string' &&
    v['linkId'] !== '' &&
    typeof v['name'] === 'string' &&
    typeof v['relationship'] === 'string' &&
    (RELATIONSHIPS as readonly string[]).includes(v['relationship']) &&
    (v['level'] === 'view' || v['level'] === 'manage')
  );
}

/** What this tab keeps, if it is well formed. */
export function loadActingFor(): ActingFor | null {
  try {
    const raw = globalThis.sessionStorage?.getItem(ACTING_FOR_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    return isActingFor(parsed)
      ? {
          linkId: parsed.linkId,
          name: parsed.name,
          relationship: parsed.relationship,
          level: parsed.level,
          standing: standingOf((parsed as { standing?: unknown }).standing),
        }
      : null;
  } catch {
    return null;
  }
}

function store(value: ActingFor | null): void {
  try {
    if (value) globalThis.sessionStorage?.setItem(ACTING_FOR_KEY, JSON.stringify(value));
    else globalThis.sessionStorage?.removeItem(ACTING_FOR_KEY);
  } catch {
    // storage disabled: the state lives in memory for this page only
  }
}

/** The person acted for in this tab, or null when the signed-in person acts for themselves. */
export const actingFor = signal<ActingFor | null>(loadActingFor());

/** Whose proxy the server has just ended (revoked, or otherwise no longer possible). */
export const proxyEnded = signal<{ readonly name: string } | null>(null);

/** A stored standing, or `confirmed` for one stored before links had one (the server decides). */
function standingOf(value: unknown): LinkStanding {
  return value === 'unconfirmed' || value === 'review_due' ? value : 'confirmed';
}

export function startActing(
  person: Omit<ActingFor, 'standing'> & { standing?: LinkStanding },
): void {
  const value: ActingFor = {
    linkId: person.linkId,
    name: person.name,
    relationship: person.relationship,
    level: person.level,
    standing: standingOf(person.standing),
  };
  store(value);
  proxyEnded.value = null;
  actingFor.value = value;
}

export function stopActing(): void {
  store(null);
  actingFor.value = null;
}

/**
 * The server refused the link (403 `proxy_not_active`): forget it and remember whose it was.
 * Returns true when this tab was acting (the caller then goes back to the person's own page).
 */
export function actingRefused(linkId: string | null): boolean {
  const current = actingFor.value;
  if (!current || (linkId !== null && current.linkId !== linkId)) return false;
  stopActing();
  proxyEnded.value = { name: current.name };
  return true;
}

/**
 * The server said the link this tab acts through is not confirmed (or is past its review
 * date): the screens show where the person's registration stands, and how the link gets
 * confirmed.
 */
export function actingUnconfirmed(linkId: string | null): void {
  const current = actingFor.value;
  if (!current || (linkId !== null && current.linkId !== linkId)) return;
  if (current.standing !== 'confirmed') return;
  const value: ActingFor = { ...current, standing: 'unconfirmed' };
  store(value);
  actingFor.value = value;
}

/** The link this tab acts through was confirmed (the server let the proxy see the summary). */
export function actingConfirmed(linkId: string): void {
  const current = actingFor.value;
  if (!current || current.linkId !== linkId || current.standing === 'confirmed') return;
  const value: ActingFor = { ...current, standing: 'confirmed' };
  store(value);
  actingFor.value = value;
}

/** Forget everything about acting for someone (sign-out). */
export function resetActing(): void {
  stopActing();
  proxyEnded.value = null;
}

/**
 * What the signed-in person may do on the page shown, as the server decides it (the screens
 * only leave out what would be refused):
 * - `view`: read the page, the summary (and its FHIR download) and the consents;
 * - `manage`: join, renew or withdraw, the emergency contact, downloads of everything,
 *   correction requests;
 * - `self`: only for oneself, never by a proxy: passkeys, erasure, proxies and invitations,
 *   registering family, hiding records from proxies.
 * A link not confirmed yet (or past its review date) allows none of them: the proxy sees only
 * where the person's registration stands.
 */
export type Ability = 'view' | 'manage' | 'self';

export function allowed(ability: Ability, acting: ActingFor | null): boolean {
  if (!acting) return true;
  if (acting.standing !== 'confirmed') return false;
  if (ability === 'view') return true;
  if (ability === 'manage') return acting.level === 'manage';
  return false;
}

/** `allowed` for the current state (reading it in a component subscribes to changes). */
export function can(ability: Ability): boolean {
  return allowed(ability, actingFor.value);
}

export const acting = computed(() => actingFor.value !== null);

/** True for the request paths (after `/api`) that act on "me", and so for the person acted for. */
export function actsOnMe(url: string): boolean {
  let path: string;
  try {
    path = new URL(url, 'http://localhost').pathname;
  } catch {
    return false;
  }
  return path === '/api/me' || path.startsWith('/api/me/');
}
