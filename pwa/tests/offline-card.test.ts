import { afterEach, describe, expect, it } from 'vitest';
import {
  clearOfflineCard,
  loadOfflineCard,
  saveOfflineCard,
  type CardData,
} from '../src/lib/offline-card';

const card: CardData = {
  name: '山田 花子',
  nameKana: 'ヤマダ ハナコ',
  birthDate: '1950-04-01',
  asOf: '2026-11-21T00:00:00Z',
  current: [],
  allergies: [],
  flags: [],
};

describe('offline copy of the emergency card', () => {
  afterEach(() => localStorage.clear());

  it('is kept only when saved, with the time it was saved, and removed when cleared', () => {
    expect(loadOfflineCard()).toBeNull();
    expect(saveOfflineCard(card, new Date('2026-11-21T03:00:00Z'))).toBe(true);
    expect(loadOfflineCard()).toEqual({ savedAt: '2026-11-21T03:00:00.000Z', card });
    clearOfflineCard();
    expect(loadOfflineCard()).toBeNull();
  });

  it('ignores a damaged copy', () => {
    localStorage.setItem('renkei.emergencyCard', '{not json');
    expect(loadOfflineCard()).toBeNull();
    localStorage.setItem('renkei.emergencyCard', JSON.stringify({ savedAt: 1 }));
    expect(loadOfflineCard()).toBeNull();
  });
});
