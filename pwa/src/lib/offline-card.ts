import type { HealthSummary } from '../api/health';

/**
 * The opt-in offline copy of the emergency card: kept in this phone's localStorage only after
 * the person turns it on, labelled with the time it was saved, refreshed whenever the card is
 * shown online, and removed when they turn it off or sign out. The service worker never caches
 * API answers; this copy is the one exception, and only by the person's choice.
 */

const KEY = 'renkei.emergencyCard';

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
>;

export function cardData(s: HealthSummary): CardData {
  const { name, nameKana, birthDate, asOf, current, allergies, flags, emergencyContact } = s;
  return { name, nameKana, birthDate, asOf, current, allergies, flags, emergencyContact };
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

/** Bring a kept copy up to date (nothing is kept unless the person turned it on); its new time. */
export function refreshOfflineCard(summary: HealthSummary): string | null {
  if (!loadOfflineCard()) return null;
  return saveOfflineCard(cardData(summary)) ? (loadOfflineCard()?.savedAt ?? null) : null;
}

export function clearOfflineCard(): void {
  try {
    globalThis.localStorage?.removeItem(KEY);
  } catch {
    // storage disabled: nothing kept
  }
}
