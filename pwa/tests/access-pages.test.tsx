import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app';
import { lang } from '../src/i18n';
import { resetActing, startActing } from '../src/lib/acting-for';
import { loadOfflineCard, saveOfflineCard, cardData } from '../src/lib/offline-card';
import { currentPath } from '../src/router';

/**
 * The person's side of facilities looking, against a fake API: the access record with older
 * pages, the facilities that may look and stopping one, the registration QR on the person's
 * page (and making a new one) and on the emergency card (kept with it), what a proxy who only
 * views is not shown, and the family mail switch.
 */

type Handler = (body: unknown, request: Request) => Response | Promise<Response>;
let routes: Record<string, Handler>;
let sent: Array<{ route: string; url: URL; body: unknown }>;
let root: HTMLElement;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

async function settle() {
  for (let i = 0; i < 8; i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
  }
}

async function open(path: string) {
  history.replaceState(null, '', path);
  currentPath.value = location.pathname;
  await act(() => render(<App />, root));
  await settle();
}

const q = <E extends Element = HTMLElement>(selector: string) => root.querySelector<E>(selector);
const all = (selector: string) => [...root.querySelectorAll<HTMLElement>(selector)];
const text = (selector: string) => q(selector)?.textContent ?? '';

async function click(selector: string) {
  const element = q<HTMLElement>(selector);
  if (!element) throw new Error(`no ${selector}`);
  await act(() => element.click());
  await settle();
}

const ME = {
  registrationNumber: 'PYK8-W8Y1-Z31',
  name: '試験 花子',
  emailMasked: 'h***@example.jp',
  passkeys: 1,
  networks: [
    {
      code: 'demo',
      name: 'デモ連携ネット',
      consentVersion: 1,
      joinedAt: '2026-12-01T01:00:00Z',
    },
  ],
};
const SUMMARY = {
  name: '試験 花子',
  nameKana: 'シケン ハナコ',
  birthDate: '1947-02-02',
  asOf: '2026-12-06T01:00:00Z',
  current: [],
  history: [],
  historyTotal: 0,
  allergies: [],
  flags: [],
  sources: [],
};
const QR = {
  payload: 'RENKEI:PYK8W8Y1Z31:KNDVZH602',
  registrationNumber: 'PYK8-W8Y1-Z31',
  code: 'KNDV-ZH60-2',
  svg: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
  issuedAt: '2026-12-06T01:00:00Z',
};
const CLINIC = { name: 'デモ内科クリニック' };

const entry = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  at: '2026-12-06T01:00:00Z',
  action: 'shared_record.viewed',
  actorKind: 'staff',
  role: 'nurse',
  facility: CLINIC,
  parts: ['current_medicines', 'allergies'],
  refused: false,
  channel: 'web',
  ...over,
});

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  resetActing();
  lang.value = 'ja';
  routes = {};
  sent = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      const route = `${request.method} ${url.pathname.replace(/^\/api/, '')}`;
      const raw =
        request.method === 'GET' || request.method === 'DELETE' ? '' : await request.text();
      const body: unknown = raw ? JSON.parse(raw) : undefined;
      sent.push({ route, url, body });
      const handler = routes[route];
      return handler ? handler(body, request) : json({ code: 'not_found', message: route }, 404);
    }),
  );
  vi.stubGlobal('scrollTo', () => {});
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.unstubAllGlobals();
  resetActing();
  localStorage.clear();
  currentPath.value = '/';
  history.replaceState(null, '', '/');
});

describe('who has looked (/me/access)', () => {
  it('lists the record newest first in words, with older pages on request', async () => {
    routes['GET /me/access'] = (_b, r) => {
      const before = new URL(r.url).searchParams.get('before');
      return before === 'p2'
        ? json({
            items: [entry('c', { action: 'care_relationship.started', actorKind: 'system' })],
          })
        : json({
            items: [
              entry('a'),
              entry('b', {
                action: 'shared_record.refused',
                refused: true,
                role: 'doctor',
                facility: { name: 'デモ総合病院' },
                parts: [],
              }),
            ],
            next: 'p2',
          });
    };
    routes['GET /me/care-relationships'] = () => json({ items: [] });
    await open('/me/access');
    expect(text('h1')).toBe('あなたの情報を見た記録');
    expect(text('[data-testid=access-names]')).toContain('職員の名前は表示していません');
    const entries = () => all('[data-testid=access-entry]').map((e) => e.textContent ?? '');
    expect(entries()[0]).toContain(
      'デモ内科クリニックの看護師があなたの情報を見ました（いまのお薬・アレルギー）',
    );
    expect(entries()[1]).toContain('デモ総合病院の医師があなたの情報を見ようとしましたが');
    expect(q('[data-testid=access-facilities-none]')).not.toBeNull();

    await click('[data-testid=access-older]');
    expect(sent.at(-1)?.url.searchParams.get('before')).toBe('p2');
    expect(entries()).toHaveLength(3);
    expect(entries()[2]).toContain('デモ内科クリニックが、あなたの情報を見られるようになりました');
    expect(q('[data-testid=access-older]')).toBeNull();
    expect(text('[data-testid=access-entries]')).toContain('これより前の記録はありません');
  });

  it('stops a facility seeing the information only after a plain warning', async () => {
    routes['GET /me/access'] = () => json({ items: [] });
    routes['GET /me/care-relationships'] = () =>
      json({
        items: [
          {
            id: 'rel-1',
            facility: CLINIC,
            basis: 'showed_qr',
            startedAt: '2026-12-06T01:00:00Z',
            firstViewedAt: '2026-12-06T02:00:00Z',
          },
        ],
      });
    routes['DELETE /me/care-relationships/rel-1'] = () => {
      // The server ends it, renews the QR and closes the facility's emergency accesses.
      routes['GET /me/care-relationships'] = () => json({ items: [] });
      routes['GET /me/registration-qr'] = () => json({ ...QR, code: 'AAAA-BBBB-C' });
      return new Response(null, { status: 204 });
    };
    // A card kept on this phone follows the new QR.
    saveOfflineCard(cardData(SUMMARY as never, QR), QR.registrationNumber);
    await open('/me/access');
    const facility = text('[data-testid=access-facility]');
    expect(facility).toContain('デモ内科クリニック');
    expect(facility).toContain('登録QRコードを見せたため');
    expect(facility).toContain('はじめて見た日時');

    await click('[data-testid=access-facility-stop]');
    expect(sent.some((s) => s.route.startsWith('DELETE'))).toBe(false);
    const warning = text('[data-testid=access-facility-confirm]');
    expect(warning).toContain('お薬やアレルギーを見られなくなります');
    expect(warning).toContain('登録QRコードを見せてください');
    expect(warning).toContain('緊急のときは');
    await click('[data-testid=access-facility-stop-confirm]');
    expect(sent.map((s) => s.route)).toContain('DELETE /me/care-relationships/rel-1');
    expect(sent.filter((s) => s.route === 'GET /me/care-relationships')).toHaveLength(2);
    expect(q('[data-testid=access-facility]')).toBeNull();
    expect(q('[data-testid=access-facilities-none]')).not.toBeNull();
    expect(text('[data-testid=access-facility-stopped]')).toContain(
      'デモ内科クリニックは、あなたの情報を見られなくなりました',
    );
    expect(document.activeElement).toBe(q('[data-testid=access-facility-stopped]'));
    expect(loadOfflineCard()?.card.qr?.code).toBe('AAAA-BBBB-C');
  });

  it('names the person acted for when a proxy who handles procedures stops a facility', async () => {
    startActing({ linkId: 'link-1', name: '試験 花子', relationship: 'child', level: 'manage' });
    routes['GET /me/access'] = () => json({ items: [] });
    routes['GET /me/care-relationships'] = () =>
      json({
        items: [
          { id: 'rel-1', facility: CLINIC, basis: 'showed_qr', startedAt: '2026-12-06T01:00:00Z' },
        ],
      });
    routes['DELETE /me/care-relationships/rel-1'] = () => new Response(null, { status: 204 });
    await open('/me/access');
    await click('[data-testid=access-facility-stop]');
    const warning = text('[data-testid=access-facility-confirm]');
    expect(warning).toContain('試験 花子さんの登録QRコードは新しくなり');
    expect(warning).not.toContain('あなた');
    await click('[data-testid=access-facility-stop-confirm]');
    expect(text('[data-testid=access-facility-stopped]')).toContain(
      '試験 花子さんの登録QRコードを新しくしました',
    );
    // The card kept on this phone is never that of someone acted for.
    expect(sent.some((s) => s.route === 'GET /me/registration-qr')).toBe(false);
  });

  it('leaves the facilities out for a proxy who only views', async () => {
    startActing({ linkId: 'link-1', name: '試験 花子', relationship: 'child', level: 'view' });
    routes['GET /me/access'] = () => json({ items: [entry('a')] });
    await open('/me/access');
    expect(q('[data-testid=access-entry]')).not.toBeNull();
    expect(q('[data-testid=access-facilities]')).toBeNull();
    expect(sent.some((s) => s.route === 'GET /me/care-relationships')).toBe(false);
  });
});

describe('the registration QR', () => {
  it('shows on the person’s page with its codes in groups, and a new one replaces it', async () => {
    routes['GET /me'] = () => json(ME);
    routes['GET /me/summary'] = () => json(SUMMARY);
    routes['GET /me/people'] = () => json({ people: [] });
    routes['GET /me/registration-qr'] = () => json(QR);
    routes['POST /me/registration-qr'] = () => json({ ...QR, code: 'AAAA-BBBB-C' });
    // A card kept on this phone follows the new QR.
    saveOfflineCard(cardData(SUMMARY as never, QR), QR.registrationNumber);
    await open('/me');
    expect(text('[data-testid=me-qr]')).toContain(
      'あなたのお薬やアレルギーなどの情報を見られるようになります',
    );
    expect(text('[data-testid=me-qr-view-number]')).toBe('PYK8 W8Y1 Z31');
    expect(text('[data-testid=me-qr-view-code]')).toBe('KNDV ZH60 2');
    expect(q<HTMLImageElement>('[data-testid=me-qr-view-image]')?.src).toMatch(
      /^data:image\/svg\+xml/,
    );
    expect(q<HTMLAnchorElement>('[data-testid=me-access]')?.getAttribute('href')).toBe(
      '/me/access',
    );

    await click('[data-testid=me-qr-renew]');
    expect(text('[data-testid=me-qr-confirm]')).toContain('いまのQRコードは使えなくなります');
    expect(sent.some((s) => s.route === 'POST /me/registration-qr')).toBe(false);
    await click('[data-testid=me-qr-renew-confirm]');
    expect(text('[data-testid=me-qr-view-code]')).toBe('AAAA BBBB C');
    expect(q('[data-testid=me-qr-renewed]')).not.toBeNull();
    expect(loadOfflineCard()?.card.qr?.code).toBe('AAAA-BBBB-C');
  });

  it('while acting for someone, names them, not "you"', async () => {
    startActing({ linkId: 'link-1', name: '試験 花子', relationship: 'child', level: 'manage' });
    routes['GET /me'] = () => json(ME);
    routes['GET /me/summary'] = () => json(SUMMARY);
    routes['GET /me/registration-qr'] = () => json(QR);
    await open('/me');
    expect(text('[data-testid=me-qr]')).toContain('試験 花子 さんのお薬やアレルギー');
    expect(text('[data-testid=me-qr]')).not.toContain('あなた');
    expect(q<HTMLImageElement>('[data-testid=me-qr-view-image]')?.alt).toContain(
      '試験 花子 さんの',
    );
  });

  it('offline, /me leads to the card kept on the phone', async () => {
    saveOfflineCard(cardData(SUMMARY as never, QR), QR.registrationNumber, new Date());
    const offline = () => Promise.reject(new TypeError('Failed to fetch'));
    routes['GET /me'] = offline;
    routes['GET /me/summary'] = offline;
    await open('/me');
    expect(q<HTMLAnchorElement>('[data-testid=me-offline-card]')?.getAttribute('href')).toBe(
      '/me/card',
    );
  });

  it('is not shown to a proxy who only views', async () => {
    startActing({ linkId: 'link-1', name: '試験 花子', relationship: 'child', level: 'view' });
    routes['GET /me'] = () => json(ME);
    routes['GET /me/summary'] = () => json(SUMMARY);
    await open('/me');
    expect(q('[data-testid=me-qr]')).toBeNull();
    expect(sent.some((s) => s.route === 'GET /me/registration-qr')).toBe(false);
  });

  it('is on the emergency card, and in the copy kept on the phone', async () => {
    routes['GET /me'] = () => json(ME);
    routes['GET /me/summary'] = () => json(SUMMARY);
    routes['GET /me/registration-qr'] = () => json(QR);
    await open('/me/card');
    expect(text('[data-testid=card-qr-view-number]')).toBe('PYK8 W8Y1 Z31');
    await click('[data-testid=card-keep]');
    const kept = loadOfflineCard();
    expect(kept?.card.qr).toEqual({
      svg: QR.svg,
      registrationNumber: QR.registrationNumber,
      code: QR.code,
      issuedAt: QR.issuedAt,
    });
    expect(JSON.stringify(kept)).not.toContain('RENKEI:');
  });

  it('without a connection while acting for someone, is not shown under their name when it is another’s; one tap shows it as its owner’s', async () => {
    const mothers = cardData({ ...SUMMARY, name: '試験 母' } as never, QR);
    saveOfflineCard(mothers, QR.registrationNumber, new Date('2026-12-01T00:00:00Z'));
    startActing({ linkId: 'link-1', name: '試験 花子', relationship: 'child', level: 'manage' });
    const offline = () => Promise.reject(new TypeError('Failed to fetch'));
    routes['GET /me/summary'] = offline;
    routes['GET /me/registration-qr'] = offline;
    await open('/me/card');
    expect(text('[data-testid=card-elsewhere]')).toContain(
      '試験 花子 さんの緊急時カードは、この端末に保存されていません',
    );
    expect(q('[data-testid=card-person]')).toBeNull();
    await click('[data-testid=card-show-kept]');
    expect(q('[data-testid=acting-banner]')).toBeNull();
    expect(text('[data-testid=card-offline-copy]')).toContain('試験 母 さんがこの端末に');
    expect(text('[data-testid=card-person]')).toContain('試験 母');
    expect(text('[data-testid=card-qr]')).toContain('試験 母 さんのお薬やアレルギー');
    expect(text('[data-testid=card-qr]')).not.toContain('あなた');
    expect(q<HTMLImageElement>('[data-testid=card-qr-view-image]')?.alt).toBe(
      `試験 母 さんの登録QRコード（登録番号 ${QR.registrationNumber}）`,
    );
  });

  it('without a connection while acting for someone, shows their own card kept on the phone', async () => {
    const mothers = cardData({ ...SUMMARY, name: '試験 母' } as never, QR);
    saveOfflineCard(mothers, QR.registrationNumber, new Date('2026-12-01T00:00:00Z'));
    startActing({ linkId: 'link-1', name: '試験 母', relationship: 'child', level: 'view' });
    routes['GET /me/summary'] = () => Promise.reject(new TypeError('Failed to fetch'));
    await open('/me/card');
    expect(q('[data-testid=card-elsewhere]')).toBeNull();
    expect(text('[data-testid=card-offline-copy]')).toContain('試験 母 さんがこの端末に');
    expect(text('[data-testid=card-person]')).toContain('試験 母');
  });

  it('kept for someone else on a shared phone, is neither overwritten nor shown as kept, until replaced by choice', async () => {
    const mothers = cardData({ ...SUMMARY, name: '試験 母' } as never, QR);
    saveOfflineCard(mothers, QR.registrationNumber, new Date('2026-12-01T00:00:00Z'));
    const son = 'Q2RT-7MXC-A40';
    routes['GET /me'] = () => json({ ...ME, registrationNumber: son, name: '試験 太郎' });
    routes['GET /me/summary'] = () => json({ ...SUMMARY, name: '試験 太郎' });
    routes['GET /me/registration-qr'] = () =>
      json({ ...QR, registrationNumber: son, code: 'SSSS-TTTT-U' });
    await open('/me/card');
    expect(text('[data-testid=card-person]')).toContain('試験 太郎');
    expect(loadOfflineCard()?.card.name).toBe('試験 母');
    expect(loadOfflineCard()?.owner).toBe(QR.registrationNumber);
    expect(q<HTMLInputElement>('[data-testid=card-keep]')!.checked).toBe(false);
    expect(q('[data-testid=card-kept]')).toBeNull();
    expect(text('[data-testid=card-kept-other]')).toContain('別の方の緊急時カード');
    // Choosing to keep his own asks first; leaving it changes nothing.
    await click('[data-testid=card-keep]');
    expect(text('[data-testid=card-replace]')).toContain('その方のカードは置き換えられ');
    await click('[data-testid=card-replace-cancel]');
    expect(loadOfflineCard()?.card.name).toBe('試験 母');
    await click('[data-testid=card-keep]');
    await click('[data-testid=card-replace-confirm]');
    expect(loadOfflineCard()?.card.name).toBe('試験 太郎');
    expect(loadOfflineCard()?.owner).toBe(son);
    expect(q<HTMLInputElement>('[data-testid=card-keep]')!.checked).toBe(true);
    expect(q('[data-testid=card-kept]')).not.toBeNull();
  });
});

describe('mailing the family when a facility looks (/me/proxies)', () => {
  it('shows the setting and changes it', async () => {
    routes['GET /me/proxies'] = () => json({ proxies: [], invitations: [], limit: 5 });
    routes['GET /me/access-alerts'] = () => json({ toProxies: true });
    routes['PUT /me/access-alerts'] = (body) => json(body);
    await open('/me/proxies');
    const box = q<HTMLInputElement>('[data-testid=access-alerts-to-proxies]')!;
    expect(box.checked).toBe(true);
    await click('[data-testid=access-alerts-to-proxies]');
    expect(sent.at(-1)).toMatchObject({
      route: 'PUT /me/access-alerts',
      body: { toProxies: false },
    });
    expect(q<HTMLInputElement>('[data-testid=access-alerts-to-proxies]')!.checked).toBe(false);
    expect(text('[data-testid=access-alerts-saved]')).toContain('ご家族には知らせません');
  });
});
