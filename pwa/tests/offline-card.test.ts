import { afterEach, describe, expect, it } from 'vitest';
import {
  cardData,
  clearOfflineCard,
  keepQrOnCard,
  loadOfflineCard,
  ownsKeptCard,
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
    expect(saveOfflineCard(card, 'PYK8-W8Y1-Z31', new Date('2026-11-21T03:00:00Z'))).toBe(true);
    expect(loadOfflineCard()).toEqual({
      savedAt: '2026-11-21T03:00:00.000Z',
      owner: 'PYK8-W8Y1-Z31',
      card,
    });
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
    saveOfflineCard(data, 'PYK8-W8Y1-Z31');
    expect(loadOfflineCard()?.card.qr?.code).toBe('KNDV-ZH60-2');
  });

  it('keeps the QR it had when a refresh could not fetch one, and takes a new one', () => {
    expect(refreshOfflineCard(summary, 'PYK8-W8Y1-Z31', false, qr)).toBeNull(); // nothing kept
    expect(loadOfflineCard()).toBeNull();
    saveOfflineCard(cardData(summary, qr), 'PYK8-W8Y1-Z31');
    expect(refreshOfflineCard(summary, 'PYK8-W8Y1-Z31', false, null)).not.toBeNull();
    expect(loadOfflineCard()?.card.qr?.code).toBe('KNDV-ZH60-2');
    keepQrOnCard({ ...qr, code: 'AAAA-BBBB-C' });
    expect(loadOfflineCard()?.card.qr?.code).toBe('AAAA-BBBB-C');
    clearOfflineCard();
    keepQrOnCard(qr); // nothing kept: nothing saved
    expect(loadOfflineCard()).toBeNull();
  });
});

describe('whose the kept card is (a phone shared by a family)', () => {
  afterEach(() => localStorage.clear());

  const mother = 'PYK8-W8Y1-Z31';
  const son = 'Q2RT-7MXC-A40';
  const summaryOf = (name: string) =>
    ({ ...card, name, history: [], sources: [] }) as unknown as Parameters<typeof cardData>[0];
  const qrOf = (registrationNumber: string, code: string) => ({
    registrationNumber,
    code,
    svg: '<svg xmlns="http://www.w3.org/2000/svg"/>',
    issuedAt: '2026-12-06T00:00:00Z',
  });

  it('is the owner’s only when signed in as themselves', () => {
    const kept = { owner: mother };
    expect(ownsKeptCard(kept, mother, false)).toBe(true);
    expect(ownsKeptCard(kept, 'pyk8w8y1z31', false)).toBe(true); // the same number, written otherwise
    expect(ownsKeptCard(kept, son, false)).toBe(false);
    expect(ownsKeptCard(kept, mother, true)).toBe(false); // acting for someone
    expect(ownsKeptCard(kept, null, false)).toBe(false); // not known who is signed in
    expect(ownsKeptCard({ owner: null }, mother, false)).toBe(false);
    expect(ownsKeptCard(null, mother, false)).toBe(false);
  });

  it('is refreshed for its owner and never overwritten by someone else', () => {
    saveOfflineCard(cardData(summaryOf('山田 花子'), qrOf(mother, 'KNDV-ZH60-2')), mother);
    // Her session ran out; her son signs in on the same phone.
    expect(
      refreshOfflineCard(summaryOf('山田 一郎'), son, false, qrOf(son, 'SSSS-TTTT-U')),
    ).toBeNull();
    expect(loadOfflineCard()?.card.name).toBe('山田 花子');
    expect(loadOfflineCard()?.card.qr?.code).toBe('KNDV-ZH60-2');
    expect(loadOfflineCard()?.owner).toBe(mother);
    // Acting for her does not refresh it either.
    expect(refreshOfflineCard(summaryOf('山田 花子'), mother, true)).toBeNull();
    // His new QR does not land on her card.
    keepQrOnCard(qrOf(son, 'AAAA-BBBB-C'));
    expect(loadOfflineCard()?.card.qr?.code).toBe('KNDV-ZH60-2');
    // She, signed in again, refreshes hers.
    expect(refreshOfflineCard(summaryOf('山田 花子'), mother, false)).not.toBeNull();
    keepQrOnCard(qrOf(mother, 'CCCC-DDDD-E'));
    expect(loadOfflineCard()?.card.qr?.code).toBe('CCCC-DDDD-E');
    // Only his choice to keep his own replaces it, and then it is his.
    saveOfflineCard(cardData(summaryOf('山田 一郎')), son);
    expect(loadOfflineCard()?.owner).toBe(son);
    expect(refreshOfflineCard(summaryOf('山田 花子'), mother, false)).toBeNull();
    expect(loadOfflineCard()?.card.name).toBe('山田 一郎');
  });

  it('takes the owner of a copy kept before owners were recorded from its QR', () => {
    localStorage.setItem(
      'renkei.emergencyCard',
      JSON.stringify({
        savedAt: '2026-11-21T03:00:00.000Z',
        card: { ...card, qr: qrOf(mother, 'K') },
      }),
    );
    expect(loadOfflineCard()?.owner).toBe(mother);
    expect(refreshOfflineCard(summaryOf('山田 一郎'), son, false)).toBeNull();
    localStorage.setItem(
      'renkei.emergencyCard',
      JSON.stringify({ savedAt: '2026-11-21T03:00:00.000Z', card }),
    );
    expect(loadOfflineCard()?.owner).toBeNull();
    expect(refreshOfflineCard(summaryOf('山田 一郎'), son, false)).toBeNull();
  });
});
