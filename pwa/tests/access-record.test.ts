import { describe, expect, it } from 'vitest';
import type { AccessEntry, CareRelationship } from '../src/api/access';
import {
  actorWords,
  entryWords,
  newAccessEntries,
  partsWords,
  relationshipWords,
} from '../src/lib/access-record';

/** The access record's entries in plain words, in Japanese and English. */

const CLINIC = { name: 'デモ内科クリニック', nameEn: 'Demo Internal Medicine Clinic' };
const HOSPITAL = { name: 'デモ総合病院' };
const date = (iso: string) => `<${iso}>`;

const entry = (over: Partial<AccessEntry>): AccessEntry => ({
  id: 'e1',
  at: '2026-12-06T01:00:00Z',
  action: 'shared_record.viewed',
  actorKind: 'staff',
  parts: [],
  refused: false,
  channel: 'web',
  verified: false,
  ...over,
});

describe('entryWords', () => {
  it('says which facility’s which profession looked, and at what', () => {
    const e = entry({
      role: 'nurse',
      facility: CLINIC,
      parts: ['allergies', 'current_medicines', 'emergency_contact'],
    });
    expect(entryWords(e, 'ja', date)).toEqual({
      text: 'デモ内科クリニックの看護師があなたの情報を見ました（いまのお薬・アレルギー・緊急連絡先）',
      details: [],
      tone: 'plain',
    });
    expect(entryWords(e, 'en', date).text).toBe(
      'A nurse at Demo Internal Medicine Clinic looked at your information (current medicines, allergies, emergency contact)',
    );
  });

  it('shows the Japanese name in English when the facility has no English one', () => {
    const e = entry({ role: 'care_worker', facility: HOSPITAL, parts: ['allergies'] });
    expect(entryWords(e, 'en', date).text).toBe(
      'A care worker at デモ総合病院 looked at your information (allergies)',
    );
  });

  it('says a refused look saw nothing', () => {
    const e = entry({
      action: 'shared_record.refused',
      refused: true,
      role: 'doctor',
      facility: HOSPITAL,
    });
    expect(entryWords(e, 'ja', date)).toEqual({
      text: 'デモ総合病院の医師があなたの情報を見ようとしましたが、見られませんでした',
      details: [],
      tone: 'refused',
    });
    expect(entryWords(e, 'en', date).text).toBe(
      'A doctor at デモ総合病院 tried to look at your information but could not',
    );
  });

  it('gives an emergency access its reason, its end and the review, or that it waits for one', () => {
    const e = entry({
      action: 'emergency_access.opened',
      role: 'doctor',
      facility: HOSPITAL,
      emergency: { reason: 'emergency_transport', until: '2026-12-07T01:00:00Z' },
    });
    expect(entryWords(e, 'ja', date)).toEqual({
      text: 'デモ総合病院の医師が、緊急時の閲覧であなたの情報を開きました',
      details: [
        '理由: 救急搬送',
        '<2026-12-07T01:00:00Z>まで開けます',
        'ネットワーク事務局の確認: 確認待ち',
      ],
      tone: 'emergency',
    });
    const reviewed = entryWords(
      entry({
        ...e,
        emergency: {
          reason: 'cannot_consent',
          until: '2026-12-07T01:00:00Z',
          reviewOutcome: 'appropriate',
          reviewedAt: '2026-12-08T00:00:00Z',
        },
      }),
      'en',
      date,
    );
    expect(reviewed.details).toEqual([
      'Reason: you could not consent at the time',
      'Open until <2026-12-07T01:00:00Z>',
      'Network office review: appropriate (<2026-12-08T00:00:00Z>)',
    ]);
  });

  it('marks a look made through an emergency access', () => {
    const e = entry({
      role: 'nurse',
      facility: HOSPITAL,
      parts: ['current_medicines'],
      emergency: { reason: 'other', until: '2026-12-07T01:00:00Z', reviewOutcome: 'inappropriate' },
    });
    const words = entryWords(e, 'ja', date);
    expect(words.text).toBe(
      'デモ総合病院の看護師が緊急時の閲覧で、あなたの情報を見ました（いまのお薬）',
    );
    expect(words.tone).toBe('emergency');
    expect(words.details[0]).toBe('理由: その他');
    expect(words.details[2]).toContain('適切ではなかった');
  });

  it('words the other things the record holds', () => {
    const cases: Array<[Partial<AccessEntry>, string]> = [
      [
        { action: 'care_relationship.started', actorKind: 'system', facility: CLINIC },
        'デモ内科クリニックが、あなたの情報を見られるようになりました',
      ],
      [
        { action: 'care_relationship.ended', actorKind: 'system', facility: CLINIC },
        'デモ内科クリニックは、あなたの情報を見られなくなりました',
      ],
      [
        { action: 'medical_data.received', actorKind: 'facility_system', facility: CLINIC },
        'デモ内科クリニックのシステムから、あなたの情報が届きました',
      ],
      [
        { action: 'health_record.viewed', actorKind: 'proxy', proxyName: '連携 一郎' },
        '代理人の連携 一郎さんが、あなたのお薬とアレルギーの情報を見ました',
      ],
      [
        { action: 'data.exported', actorKind: 'proxy' },
        'あなたの代理人が、あなたの情報をすべてダウンロードしました',
      ],
      [
        { action: 'emergency_access.reviewed', actorKind: 'operator', facility: HOSPITAL },
        'ネットワーク事務局が、デモ総合病院の緊急時の閲覧を確認しました',
      ],
      [
        {
          action: 'reception.duplicate_check',
          actorKind: 'staff',
          role: 'reception',
          facility: CLINIC,
        },
        'デモ内科クリニックの受付の職員が申込書を入力するとき、同じ方の登録がないかを確かめ、あなたの登録が候補に出ました',
      ],
    ];
    for (const [over, text] of cases) expect(entryWords(entry(over), 'ja', date).text).toBe(text);
  });

  it('never names a staff member, and reads an unknown profession or facility generally', () => {
    const e = entry({ actorKind: 'staff', parts: ['allergies'] });
    expect(actorWords(e, 'ja')).toBe('ある施設の職員');
    expect(actorWords(e, 'en')).toBe('a staff member at a facility');
    expect(actorWords(entry({ actorKind: 'robot' }), 'en')).toBe('someone in the network');
  });
});

describe('partsWords', () => {
  it('lists parts in the record’s order, and nothing for none', () => {
    expect(partsWords(['emergency_contact', 'contraindications'], 'ja')).toBe(
      '（使ってはいけない薬・緊急連絡先）',
    );
    expect(partsWords([], 'en')).toBe('');
  });
});

describe('relationshipWords', () => {
  it('says why and since when a facility may look, and whether it has', () => {
    const item: CareRelationship = {
      id: 'r1',
      facility: CLINIC,
      basis: 'showed_qr',
      startedAt: '2026-12-01T00:00:00Z',
    };
    expect(relationshipWords(item, 'ja', date)).toEqual({
      since: '<2026-12-01T00:00:00Z>から・登録QRコードを見せたため',
      viewed: 'まだ見ていません',
    });
    expect(
      relationshipWords({ ...item, firstViewedAt: '2026-12-02T00:00:00Z' }, 'en', date).viewed,
    ).toBe('First looked: <2026-12-02T00:00:00Z>');
  });

  it('never says an emergency row has not looked', () => {
    const item: CareRelationship = {
      id: 'r2',
      facility: CLINIC,
      basis: 'emergency_access',
      startedAt: '2026-12-01T00:00:00Z',
    };
    expect(relationshipWords(item, 'ja', date).viewed).toBeNull();
    expect(relationshipWords(item, 'en', date).viewed).toBeNull();
    expect(
      relationshipWords({ ...item, until: '2026-12-02T00:00:00Z' }, 'ja', date).viewed,
    ).toContain('まで開けます');
  });
});

describe('newAccessEntries', () => {
  it('leaves out what a page boundary repeats', () => {
    const a = entry({ id: 'a' });
    const b = entry({ id: 'b' });
    expect(newAccessEntries([a], [a, b])).toEqual([b]);
  });
});
