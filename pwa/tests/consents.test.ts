import { afterEach, describe, expect, it } from 'vitest';
import type { ConsentOverview, HistoryItem, Membership } from '../src/api/consents';
import { formatDate, lang } from '../src/i18n';
import {
  anyConsentInForce,
  awaitingReconsent,
  byWhom,
  channelText,
  historyRows,
  joinMode,
  joinPath,
  kindText,
  membershipText,
  networkNameIn,
  versionPath,
  withdrawPath,
} from '../src/lib/consents';
import { charCount, charsLeft, correctionProblem, statusText } from '../src/lib/corrections';

const DEMO = { code: 'demo', name: 'デモ連携ネット', nameEn: 'Demo network' };
const SAKURA = { code: 'sakura', name: 'さくらネット' };

function step(
  kind: HistoryItem['kind'],
  at: string,
  extra: Partial<HistoryItem> = {},
): HistoryItem {
  return {
    at,
    kind,
    consentId: 'c1',
    network: DEMO,
    by: 'resident',
    channel: 'web',
    ...(kind === 'withdrawn' ? {} : { version: 1 }),
    ...extra,
  };
}

function member(extra: Partial<Membership> = {}): Membership {
  return {
    network: DEMO,
    state: 'joined',
    consentId: 'c1',
    joinedAt: '2026-04-01T01:00:00Z',
    agreedVersion: 1,
    ...extra,
  };
}

function overview(
  memberships: Membership[],
  joinable: ConsentOverview['joinable'] = [],
): ConsentOverview {
  return { memberships, history: [], joinable };
}

afterEach(() => {
  lang.value = 'ja';
});

describe('what agreeing would do', () => {
  it('joins a network never joined, re-joins after a withdrawal, renews when asked, else nothing', () => {
    expect(joinMode(overview([]), 'demo')).toBe('join');
    expect(
      joinMode(
        overview([member({ state: 'withdrawn', withdrawnAt: '2026-05-01T00:00:00Z' })]),
        'demo',
      ),
    ).toBe('rejoin');
    expect(joinMode(overview([member({ reconsentVersion: 2 })]), 'demo')).toBe('renew');
    expect(joinMode(overview([member()]), 'demo')).toBe('current');
    // Another network's state does not count.
    expect(joinMode(overview([member()]), 'sakura')).toBe('join');
  });

  it('only a consent in force stops erasure', () => {
    expect(anyConsentInForce(overview([]))).toBe(false);
    expect(anyConsentInForce(overview([member({ state: 'withdrawn' })]))).toBe(false);
    expect(
      anyConsentInForce(overview([member({ state: 'withdrawn' }), member({ network: SAKURA })])),
    ).toBe(true);
  });

  it('lists the networks asking for consent again', () => {
    const networks = [{ code: 'demo', reconsentVersion: 3 }, { code: 'sakura' }];
    expect(awaitingReconsent(networks).map((n) => n.code)).toEqual(['demo']);
  });

  it('finds a network’s name wherever the overview has it', () => {
    expect(networkNameIn(overview([], [{ network: SAKURA, version: 2 }]), 'sakura')).toEqual(
      SAKURA,
    );
    expect(
      networkNameIn({ ...overview([]), history: [step('given', '2026-04-01T01:00:00Z')] }, 'demo'),
    ).toEqual(DEMO);
    expect(networkNameIn(overview([]), 'nowhere')).toBeUndefined();
  });

  it('builds the pages’ addresses, escaping the code', () => {
    expect(joinPath('demo')).toBe('/me/consents/demo/join');
    expect(withdrawPath('a b')).toBe('/me/consents/a%20b/withdraw');
    expect(versionPath('demo', 3)).toBe('/me/consents/demo/versions/3');
  });
});

describe('a step of the history', () => {
  it('says who took it', () => {
    expect(byWhom('resident')).toBe('本人');
    expect(byWhom('proxy')).toBe('家族など代理人');
    expect(byWhom('staff')).toBe('受付の職員（紙の申込書から）');
    expect(byWhom('operator')).toBe('ネットワーク事務局');
    lang.value = 'en';
    expect(byWhom('resident')).toBe('You');
    expect(byWhom('proxy')).toBe('A family member or other proxy');
  });

  it('says how, and shows a channel it does not know as it came', () => {
    expect(channelText('web')).toBe('インターネット（スマートフォンなど）');
    expect(channelText('paper')).toBe('紙の申込書');
    expect(channelText('cli')).toBe('事務局での手続き');
    expect(channelText('merge')).toContain('二つの登録を一つに');
    expect(channelText('merge_withdrawal')).toContain('撤回を引き継ぎました');
    expect(channelText('fax')).toBe('fax');
  });

  it('calls a consent given after a withdrawal in the same network a re-join', () => {
    const history = [
      step('given', '2026-06-01T00:00:00Z', { consentId: 'c3', network: SAKURA }),
      step('given', '2026-05-02T00:00:00Z', { consentId: 'c2' }),
      step('withdrawn', '2026-05-01T00:00:00Z'),
      step('renewed', '2026-04-15T00:00:00Z', { version: 2 }),
      step('given', '2026-04-01T00:00:00Z'),
    ];
    expect(history.map((h) => kindText(h, history))).toEqual([
      '参加の同意',
      'もう一度参加（新しい同意）',
      '同意の撤回（参加をやめた）',
      '新しい同意書への同意',
      '参加の同意',
    ]);
  });

  it('tells a consent carried over when two registrations were combined from a withdrawal', () => {
    const history = [
      step('withdrawn', '2026-06-01T00:00:00Z', {
        consentId: 'c2',
        by: 'operator',
        channel: 'merge',
      }),
      step('given', '2026-05-02T00:00:00Z', { consentId: 'c2' }),
      step('given', '2026-04-01T00:00:00Z'),
    ];
    expect(history.map((h) => kindText(h, history))).toEqual([
      '登録をまとめたため、もう一つの同意に引き継ぎ',
      '参加の同意',
      '参加の同意',
    ]);
  });

  it('lists when, which version, by whom, how and the QR code, in Japan time', () => {
    const rows = historyRows(step('given', '2026-04-01T15:30:00Z', { entryPoint: '7K3MQX9PR' }));
    expect(rows).toEqual([
      { label: '日時', value: '2026年4月2日 00:30' },
      { label: '同意書', value: '第1版' },
      { label: '手続きした人', value: '本人' },
      { label: '方法', value: 'インターネット（スマートフォンなど）' },
      { label: 'QRコード', value: '7K3M-QX9P-R' },
    ]);
  });

  it('names the facility and the form’s serial for a paper form taken at reception', () => {
    const rows = historyRows(
      step('given', '2026-04-01T01:00:00Z', {
        by: 'staff',
        channel: 'paper',
        facility: 'デモ内科クリニック',
        formSerial: 'P-000123',
      }),
    );
    expect(rows.map((r) => `${r.label}: ${r.value}`)).toEqual([
      '日時: 2026年4月1日 10:00',
      '同意書: 第1版',
      '手続きした人: 受付の職員（紙の申込書から）',
      '方法: 紙の申込書',
      '受け付けた施設: デモ内科クリニック',
      '申込書の番号: P-000123',
    ]);
  });

  it('leaves out the version of a withdrawal and an empty channel', () => {
    const rows = historyRows(
      step('withdrawn', '2026-05-01T00:00:00Z', { by: 'proxy', channel: '' }),
    );
    expect(rows.map((r) => r.label)).toEqual(['日時', '手続きした人']);
  });

  it('reads in English too', () => {
    lang.value = 'en';
    const rows = historyRows(
      step('renewed', '2026-04-01T01:00:00Z', { version: 2, by: 'operator', channel: 'cli' }),
    );
    expect(rows).toEqual([
      { label: 'When', value: '1 April 2026 at 10:00' },
      { label: 'Document', value: 'Version 2' },
      { label: 'By', value: 'The network office' },
      { label: 'How', value: 'By the network office' },
    ]);
  });
});

describe('a membership in one line', () => {
  it('says since when and which version, or when it was withdrawn', () => {
    expect(membershipText(member({ agreedVersion: 2 }))).toBe(
      '参加中: 2026年4月1日 10:00から（同意書 第2版に同意）',
    );
    expect(
      membershipText(member({ state: 'withdrawn', withdrawnAt: '2026-05-01T03:04:05Z' })),
    ).toBe('参加していません: 2026年5月1日 12:04に撤回しました');
  });
});

describe('the exact time', () => {
  it('can show seconds, in Japan time', () => {
    expect(formatDate('2026-11-21T14:23:03.315Z', 'seconds')).toBe('2026年11月21日 23:23:03');
    lang.value = 'en';
    expect(formatDate('2026-11-21T14:23:03.315Z', 'seconds')).toBe('21 November 2026 at 23:23:03');
  });
});

describe('correction requests', () => {
  it('count characters as the server does, not UTF-16 units', () => {
    expect(charCount('𠮷野家')).toBe(3);
    expect(charCount('')).toBe(0);
    expect(charsLeft('あ'.repeat(1999))).toBe(1);
    expect(charsLeft('𠮷'.repeat(2001))).toBe(-1);
  });

  it('are checked before sending: not empty, at most 2000 characters', () => {
    expect(correctionProblem('  \n ')).toBe('訂正してほしい内容を書いてください。');
    expect(correctionProblem('𠮷'.repeat(2000))).toBeNull();
    expect(correctionProblem('あ'.repeat(2001))).toBe(
      '2,000文字以内にしてください（いま2,001文字です）。',
    );
  });

  it('say where each request stands', () => {
    expect(statusText('open')).toBe('確認中');
    expect(statusText('corrected')).toBe('訂正しました');
    expect(statusText('declined')).toBe('訂正しませんでした');
  });
});
