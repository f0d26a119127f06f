import type { RegistrationQr } from '../api/access';
import type { HealthSummary } from '../api/health';

/**
 * The opt-in offline copy of the emergency card: kept in this phone's localStorage only after
 * the person turns it on, labelled with the time it was saved and with whose it is (their
 * registration number), refreshed whenever their card is shown online, and removed when they
 * turn it off or sign out. The service worker never caches API answers; this copy is the one
 * exception, and only by the person's choice.
 *
 * A phone may be shared: a session that ends without signing out leaves the copy, and someone
 * else may sign in next. Only the copy's owner, signed in as themselves (not acting for
 * someone), refreshes it or turns it off; anyone else replaces it only by choosing to keep their
 * own card after being told whose it replaces.
 */

const KEY = 'renkei.emergencyCard';

/** The registration QR as the card shows it (what the QR holds is in its picture). */
export type CardQr = Pick<RegistrationQr, 'svg' | 'registrationNumber' | 'code' | 'issuedAt'>;

/** What the copy holds: only what the card shows. */
export interface OfflineCard {
  savedAt: string;
  /**
   * Whose card this is: their registration number. A copy saved before this was recorded takes
   * the number on its QR; without either, nobody owns it (nobody refreshes it).
   */
  owner: string | null;
  card: CardData;
}

export type CardData = Pick<
  HealthSummary,
  | 'name'
  | 'nameKana'
  | 'birthDate'
  | 'asOf'
  | 'current'
  | 'allergies'
  | 'flags'
  | 'emergencyContact'
> & {
  /** The registration QR, to show at a facility's desk when there is no connection. */
  readonly qr?: CardQr;
};

/** Only what the card shows of the QR (a fetched one carries more). */
export function cardQr(qr: CardQr): CardQr {
  const { svg, registrationNumber, code, issuedAt } = qr;
  return { svg, registrationNumber, code, issuedAt };
}

export function cardData(s: HealthSummary, qr?: CardQr | null): CardData {
  const { name, nameKana, birthDate, asOf, current, allergies, flags, emergencyContact } = s;
  return {
    name,
    nameKana,
    birthDate,
    asOf,
    current,
    allergies,
    flags,
    emergencyContact,
    ...(qr ? { qr: cardQr(qr) } : {}),
  };
}

/** A registration number as compared: without hyphens or spaces, in capitals. */
function numberKey(number: string): string {
  return number.replace(/[\s-]/g, '').toUpperCase();
}

export function loadOfflineCard(): OfflineCard | null {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<OfflineCard> | null;
    if (!parsed || typeof parsed.savedAt !== 'string' || !parsed.card) return null;
    const owner =
      typeof parsed.owner === 'string' && parsed.owner !== ''
        ? parsed.owner
        : (parsed.card.qr?.registrationNumber ?? null);
    return { savedAt: parsed.savedAt, owner, card: parsed.card };
  } catch {
    return null;
  }
}

/**
 * Whether the kept copy is that of the person signed in: `me` is their registration number
 * (null when unknown), and someone acting for another person never owns it.
 */
export function ownsKeptCard(
  kept: Pick<OfflineCard, 'owner'> | null,
  me: string | null,
  acting: boolean,
): boolean {
  return (
    kept !== null &&
    !acting &&
    me !== null &&
    kept.owner !== null &&
    numberKey(kept.owner) === numberKey(me)
  );
}

/**
 * Save (or refresh) the copy as `owner`'s card, replacing whatever was kept; false when the
 * phone refuses storage. Callers make sure a copy kept for someone else is replaced only by
 * the person's explicit choice.
 */
export function saveOfflineCard(card: CardData, owner: string, now = new Date()): boolean {
  try {
    const copy: OfflineCard = { savedAt: now.toISOString(), owner, card };
    globalThis.localStorage?.setItem(KEY, JSON.stringify(copy));
    return true;
  } catch {
    return false;
  }
}

/**
 * Bring a kept copy up to date when it is the signed-in person's own (`me`, their registration
 * number; `acting` while acting for someone): its new time, or null when nothing was refreshed
 * (nothing kept, or kept for someone else). Without a QR this time (it could not be fetched),
 * the kept copy keeps the QR it had.
 */
export function refreshOfflineCard(
  summary: HealthSummary,
  me: string | null,
  acting: boolean,
  qr?: CardQr | null,
): string | null {
  const kept = loadOfflineCard();
  if (!kept || !ownsKeptCard(kept, me, acting) || me === null) return null;
  return saveOfflineCard(cardData(summary, qr ?? kept.card.qr), kept.owner ?? me)
    ? (loadOfflineCard()?.savedAt ?? null)
    : null;
}

/**
 * A new QR was made (the old one no longer works): the kept copy shows the new one, when it is
 * the card of the person whose QR this is.
 */
export function keepQrOnCard(qr: CardQr): void {
  const kept = loadOfflineCard();
  if (!kept || !ownsKeptCard(kept, qr.registrationNumber, false) || kept.owner === null) return;
  saveOfflineCard({ ...kept.card, qr: cardQr(qr) }, kept.owner);
}

/**
 * Remove the kept copy when it is the card of the person whose registration number is `me`
 * (their medication data was erased); a card kept for someone else stays.
 */
export function clearOwnOfflineCard(me: string): void {
  if (ownsKeptCard(loadOfflineCard(), me, false)) clearOfflineCard();
}

/** Remove the kept copy (turning it off, sign-out). */
export function clearOfflineCard(): void {
  try {
    globalThis.localStorage?.removeItem(KEY);
  } catch {
    // storage disabled: nothing kept
  }
}
