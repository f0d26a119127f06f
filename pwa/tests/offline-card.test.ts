import { afterEach, describe, expect, it } from 'vitest';
import {
  cardData,
  clearOfflineCard,
  keepQrOnCard,
  loadOfflineCard,
  refreshOfflineCard,
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

describe('the registration QR on the kept card', () => {
  afterEach(() => localStorage.clear());

  const summary = {
    ...card,
    registrationNumber: 'PYK8-W8Y1-Z31',
    history: [],
    sources: [],
  } as unknown as Parameters<typeof cardData>[0];
  const qr = {
    payload: 'RENKEI:PYK8W8Y1Z31:KNDVZH602',
    registrationNumber: 'PYK8-W8Y1-Z31',
    code: 'KNDV-ZH60-2',
    svg: '<svg xmlns="http://www.w3.org/2000/svg"/>',
    issuedAt: '2026-12-06T00:00:00Z',
  };

  it('keeps what the card shows of the QR, with the card', () => {
    const data = cardData(summary, qr);
    expect(data.qr).toEqual({
      svg: qr.svg,
      registrationNumber: qr.registrationNumber,
      code: qr.code,
      issuedAt: qr.issuedAt,
    });
    expect(Object.keys(data)).not.toContain('registrationNumber');
    saveOfflineCard(data);
    expect(loadOfflineCard()?.card.qr?.code).toBe('KNDV-ZH60-2');
  });

  it('keeps the QR it had when a refresh could not fetch one, and takes a new one', () => {
    expect(refreshOfflineCard(summary, qr)).toBeNull(); // nothing kept: nothing saved
    expect(loadOfflineCard()).toBeNull();
    saveOfflineCard(cardData(summary, qr));
    expect(refreshOfflineCard(summary, null)).not.toBeNull();
    expect(loadOfflineCard()?.card.qr?.code).toBe('KNDV-ZH60-2');
    keepQrOnCard({ ...qr, code: 'AAAA-BBBB-C' });
    expect(loadOfflineCard()?.card.qr?.code).toBe('AAAA-BBBB-C');
    clearOfflineCard();
    keepQrOnCard(qr); // nothing kept: nothing saved
    expect(loadOfflineCard()).toBeNull();
  });
});
