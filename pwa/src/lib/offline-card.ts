import type { RegistrationQr } from '../api/access';
import type { HealthSummary } from '../api/health';

/**
 * The opt-in offline copy of the emergency card: kept in this phone's localStorage only after
 * the person turns it on, labelled with the time it was saved, refreshed whenever the card is
 * shown online, and removed when they turn it off or sign out. The service worker never caches
 * API answers; this copy is the one exception, and only by the person's choice.
 */

const KEY = 'renkei.emergencyCard';

/** The registration QR as the card shows it (what the QR holds is in its picture). */
export type CardQr = Pick<RegistrationQr, 'svg' | 'registrationNumber' | 'code' | 'issuedAt'>;

/** What the copy holds: only what the card shows. */
export interface OfflineCard {
  savedAt: string;
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

export function loadOfflineCard(): OfflineCard | null {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as OfflineCard;
    return parsed && typeof parsed.savedAt === 'string' && parsed.card ? parsed : null;
  } catch {
    return null;
  }
}

/** Save (or refresh) the copy; false when the phone refuses storage. */
export function saveOfflineCard(card: CardData, now = new Date()): boolean {
  try {
    const copy: OfflineCard = { savedAt: now.toISOString(), card };
    globalThis.localStorage?.setItem(KEY, JSON.stringify(copy));
    return true;
  } catch {
    return false;
  }
}

/**
 * Bring a kept copy up to date (nothing is kept unless the person turned it on); its new time.
 * Without a QR this time (it could not be fetched), the kept copy keeps the QR it had.
 */
export function refreshOfflineCard(summary: HealthSummary, qr?: CardQr | null): string | null {
  const kept = loadOfflineCard();
  if (!kept) return null;
  return saveOfflineCard(cardData(summary, qr ?? kept.card.qr))
    ? (loadOfflineCard()?.savedAt ?? null)
    : null;
}

/** A new QR was made (the old one no longer works): the kept copy shows the new one. */
export function keepQrOnCard(qr: CardQr): void {
  const kept = loadOfflineCard();
  if (!kept) return;
  saveOfflineCard({ ...kept.card, qr: cardQr(qr) });
}

export function clearOfflineCard(): void {
  try {
    globalThis.localStorage?.removeItem(KEY);
  } catch {
    // storage disabled: nothing kept
  }
}
