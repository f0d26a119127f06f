import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app';
import { ConsentBody } from '../src/components/ConsentText';
import { lang } from '../src/i18n';
import { currentPath } from '../src/router';

/**
 * The consent pages and the person's own data against a fake API: what the person sees, what
 * is sent, and the way forward after each refusal.
 */

type Handler = (body: unknown) => Response | Promise<Response>;
let routes: Record<string, Handler[]>;
let sent: Array<{ route: string; body: unknown }>;
let root: HTMLElement;

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

/** Answer `METHOD /path` (under /api) with the given handlers, one per call, the last repeating. */
function on(route: string, ...handlers: Handler[]) {
  routes[route] = handlers;
}

async function settle() {
  for (let i = 0; i < 6; i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
  }
}

async function open(path: string) {
  history.replaceState(null, '', path);
  currentPath.value = path;
  await act(() => render(<App />, root));
  await settle();
}

const q = <E extends Element = HTMLElement>(selector: string) => root.querySelector<E>(selector);
const text = (selector = 'main') => q(selector)?.textContent ?? '';
const posted = (route: string) => sent.filter((s) => s.route === route);

async function click(selector: string) {
  const element = q<HTMLElement>(selector);
  if (!element) throw new Error(`no ${selector}`);
  await act(() => element.click());
  await settle();
}

async function submit(selector: string) {
  const form = q<HTMLFormElement>(selector);
  if (!form) throw new Error(`no ${selector}`);
  await act(() => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
  await settle();
}

async function type(selector: string, value: string) {
  const input = q<HTMLInputElement | HTMLTextAreaElement>(selector);
  if (!input) throw new Error(`no ${selector}`);
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const DEMO = { code: 'demo', name: 'デモ連携ネット', nameEn: 'Demo network' };
const JOINED = {
  network: DEMO,
  state: 'joined',
  consentId: 'c1',
  joinedAt: '2026-04-01T01:00:00Z',
  agreedVersion: 1,
};
const GIVEN = {
  at: '2026-04-01T01:00:00Z',
  kind: 'given',
  consentId: 'c1',
  network: DEMO,
  version: 1,
  by: 'resident',
  channel: 'web',
};

function doc(version: number) {
  const text = (lang: string) => ({
    title: `${lang} title v${version}`,
    summary: `${lang} summary v${version}`,
    body: `${lang} title v${version}\n\n${lang} summary v${version}\n\n## 1\nbody v${version}`,
  });
  return {
    network: 'demo',
    version,
    effectiveAt: '2026-04-01T00:00:00Z',
    requiresReconsent: version > 1,
    ja: text('ja'),
    en: text('en'),
  };
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  lang.value = 'ja';
  routes = {};
  sent = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      const route = `${request.method} ${url.pathname.replace(/^\/api/, '')}`;
      const raw = request.method === 'GET' ? '' : await request.text();
      const body: unknown = raw ? JSON.parse(raw) : undefined;
      sent.push({ route, body });
      const handlers = routes[route];
      if (!handlers || handlers.length === 0)
        return json({ code: 'not_found', message: route }, 404);
      const handler = handlers.length > 1 ? handlers.shift()! : handlers[0]!;
      return handler(body);
    }),
  );
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.unstubAllGlobals();
  currentPath.value = '/';
  history.replaceState(null, '', '/');
});

describe('re-consent at sign-in', () => {
  it('puts a box at the top of /me when a newer document asks to agree again, saying the old consent stands', async () => {
    on('GET /me', () =>
      json({
        registrationNumber: 'R7K3-M2QX',
        name: '山田 花子',
        passkeys: 1,
        networks: [
          { ...DEMO, consentVersion: 1, joinedAt: '2026-04-01T01:00:00Z', reconsentVersion: 2 },
        ],
      }),
    );
    on('GET /me/summary', () => json({ code: 'internal', message: 'x' }, 500));
    await open('/me');
    const box = q('[data-testid=reconsent]');
    expect(box?.textContent).toContain('同意書が新しくなりました。内容を確認して同意してください');
    expect(box?.textContent).toContain('これまでの同意（同意書 第1版）のまま参加が続きます');
    expect(q('[data-testid=reconsent-demo]')?.getAttribute('href')).toBe('/me/consents/demo/join');
    // It comes before everything else on the page.
    expect(q('[data-testid=me] > section:nth-of-type(2)')?.getAttribute('data-testid')).toBe(
      'reconsent',
    );
    expect(q('[data-testid=me-consents]')?.getAttribute('href')).toBe('/me/consents');
    expect(q('[data-testid=me-data]')?.getAttribute('href')).toBe('/me/data');
  });

  it('shows no box when nothing waits', async () => {
    on('GET /me', () =>
      json({
        registrationNumber: 'R',
        name: 'x',
        passkeys: 1,
        networks: [{ ...DEMO, consentVersion: 2, joinedAt: '2026-04-01T01:00:00Z' }],
      }),
    );
    on('GET /me/summary', () => json({ code: 'internal', message: 'x' }, 500));
    await open('/me');
    expect(q('[data-testid=reconsent]')).toBeNull();
  });
});

describe('the consent page', () => {
  it('shows each network’s state, the way to withdraw or join again, and the history', async () => {
    on('GET /me/consents', () =>
      json({
        memberships: [
          JOINED,
          {
            ...JOINED,
            network: { code: 'sakura', name: 'さくらネット' },
            state: 'withdrawn',
            consentId: 'c2',
            withdrawnAt: '2026-05-01T00:00:00Z',
          },
        ],
        history: [
          {
            ...GIVEN,
            kind: 'withdrawn',
            consentId: 'c2',
            network: { code: 'sakura', name: 'さくらネット' },
            version: undefined,
            at: '2026-05-01T00:00:00Z',
          },
          GIVEN,
        ],
        joinable: [
          { network: { code: 'sakura', name: 'さくらネット' }, version: 4 },
          { network: { code: 'salvia', name: 'サルビアねっと' }, version: 1 },
        ],
      }),
    );
    await open('/me/consents');
    expect(q('h1')?.textContent).toBe('同意の管理');
    expect(q('[data-testid=withdraw-demo]')?.getAttribute('href')).toBe(
      '/me/consents/demo/withdraw',
    );
    expect(q('[data-testid=membership-sakura]')?.textContent).toContain('撤回しました');
    expect(q('[data-testid=rejoin-sakura]')?.getAttribute('href')).toBe('/me/consents/sakura/join');
    // Only networks never joined are listed to join; a withdrawn one is re-joined from its own entry.
    expect(q('[data-testid=join-sakura]')).toBeNull();
    expect(q('[data-testid=join-salvia]')?.textContent).toBe('参加する');
    const items = [...root.querySelectorAll('[data-testid=history-item]')];
    expect(items.map((i) => i.getAttribute('data-kind'))).toEqual(['withdrawn', 'given']);
    expect(items[0]?.querySelector('[data-testid=history-read]')).toBeNull();
    expect(items[1]?.querySelector('[data-testid=history-read]')?.getAttribute('href')).toBe(
      '/me/consents/demo/versions/1',
    );
    expect(items[1]?.textContent).toContain('本人');
  });

  it('sends a signed-out person to sign in', async () => {
    on('GET /me/consents', () => json({ code: 'unauthorized', message: 'x' }, 401));
    await open('/me/consents');
    expect(currentPath.value).toBe('/sign-in');
  });
});

describe('withdrawing', () => {
  const overview = { memberships: [JOINED], history: [GIVEN], joinable: [] };

  it('withdraws exactly the consent shown and gives the receipt with the time to the second', async () => {
    on('GET /me/consents', () => json(overview));
    on('POST /me/networks/demo/withdraw', () =>
      json({
        consentId: 'c1',
        network: DEMO,
        at: '2026-11-21T14:23:03.315Z',
        receiptMailed: false,
      }),
    );
    await open('/me/consents/demo/withdraw');
    expect(text()).toContain('法律で保存が決められている');
    await click('[data-testid=withdraw-confirm]');
    expect(posted('POST /me/networks/demo/withdraw').map((s) => s.body)).toEqual([
      { consentId: 'c1' },
    ]);
    expect(q('h1')?.textContent).toBe('撤回を受け付けました');
    expect(text('[data-testid=withdraw-time]')).toBe(
      '撤回した日時: 2026年11月21日 23:23:03（日本時間）',
    );
    expect(text('[data-testid=withdraw-mail]')).toContain('受付メールは送られていません');
    expect(document.activeElement).toBe(q('h1'));
  });

  it('on consent_changed says nothing changed and loads the latest state', async () => {
    on(
      'GET /me/consents',
      () => json(overview),
      () => json({ ...overview, memberships: [{ ...JOINED, consentId: 'c9' }] }),
    );
    on('POST /me/networks/demo/withdraw', () =>
      json({ code: 'consent_changed', message: 'x' }, 409),
    );
    await open('/me/consents/demo/withdraw');
    await click('[data-testid=withdraw-confirm]');
    expect(text('[data-testid=withdraw-problem]')).toContain('何も変更していません');
    expect(q('[data-testid=withdraw-confirm]')).toBeNull();
    await click('[data-testid=withdraw-reload]');
    expect(posted('GET /me/consents')).toHaveLength(2);
    await click('[data-testid=withdraw-confirm]');
    expect(posted('POST /me/networks/demo/withdraw').map((s) => s.body)).toEqual([
      { consentId: 'c1' },
      { consentId: 'c9' },
    ]);
  });

  it('already withdrawn: says so, with the way back to the consent page', async () => {
    on('GET /me/consents', () => json(overview));
    on('POST /me/networks/demo/withdraw', () =>
      json({ code: 'already_withdrawn', message: 'x' }, 409),
    );
    await open('/me/consents/demo/withdraw');
    await click('[data-testid=withdraw-confirm]');
    const problem = q('[data-testid=withdraw-problem]');
    expect(problem?.textContent).toContain('すでに撤回されています');
    expect(problem?.querySelector('a')?.getAttribute('href')).toBe('/me/consents');
  });

  it('a network the person is not in has nothing to withdraw', async () => {
    on('GET /me/consents', () =>
      json({
        ...overview,
        memberships: [{ ...JOINED, state: 'withdrawn', withdrawnAt: '2026-05-01T00:00:00Z' }],
      }),
    );
    await open('/me/consents/demo/withdraw');
    expect(q('[data-testid=withdraw-not-joined]')?.textContent).toContain(
      'このネットワークには参加していません',
    );
  });
});

describe('joining and renewing', () => {
  it('renewing: needs the box ticked; a newer version meanwhile is loaded and said; then agrees to it', async () => {
    on('GET /me/consents', () =>
      json({ memberships: [{ ...JOINED, reconsentVersion: 2 }], history: [GIVEN], joinable: [] }),
    );
    on(
      'GET /networks/demo/consent',
      () => json(doc(2)),
      () => json(doc(3)),
    );
    on(
      'POST /me/networks/demo/consent',
      () => json({ code: 'consent_version_stale', message: 'x', currentVersion: 3 }, 409),
      () => json({ outcome: 'renewed', consentId: 'c1', version: 3, at: '2026-11-21T14:00:00Z' }),
    );
    await open('/me/consents/demo/join');
    expect(q('[data-testid=join]')?.getAttribute('data-mode')).toBe('renew');
    expect(text('[data-testid=join-stands]')).toContain('これまでの同意（同意書 第1版）のまま');
    expect(text('[data-testid=consent-title]')).toBe('ja title v2');
    // The title line is not repeated in the full text.
    expect(text('[data-testid=consent-full] .consent__body')).not.toContain('ja title v2');

    await submit('[data-testid=join-form]');
    expect(text('[data-testid=error-join-agree]')).toContain('チェックを入れてください');
    expect(posted('POST /me/networks/demo/consent')).toHaveLength(0);

    await click('[data-testid=join-agree]');
    await submit('[data-testid=join-form]');
    expect(text('[data-testid=join-replaced]')).toContain('第3版');
    expect(text('[data-testid=consent-title]')).toBe('ja title v3');
    expect(q<HTMLInputElement>('[data-testid=join-agree]')?.checked).toBe(false);

    await click('[data-testid=join-agree]');
    await submit('[data-testid=join-form]');
    expect(posted('POST /me/networks/demo/consent').map((s) => s.body)).toEqual([
      { version: 2 },
      { version: 3 },
    ]);
    expect(q('[data-testid=join-done]')?.getAttribute('data-outcome')).toBe('renewed');
    expect(q('h1')?.textContent).toBe('新しい同意書への同意を受け付けました');
  });

  it('re-joining says the gap is never shared, and the result that only data from now on is', async () => {
    on('GET /me/consents', () =>
      json({
        memberships: [{ ...JOINED, state: 'withdrawn', withdrawnAt: '2026-05-01T00:00:00Z' }],
        history: [GIVEN],
        joinable: [{ network: DEMO, version: 1 }],
      }),
    );
    on('GET /networks/demo/consent', () => json(doc(1)));
    on('POST /me/networks/demo/consent', () =>
      json({ outcome: 'joined', consentId: 'c2', version: 1, at: '2026-11-21T14:00:00Z' }),
    );
    await open('/me/consents/demo/join');
    expect(text('[data-testid=join-gap]')).toContain('2026年5月1日 09:00から今まで');
    await click('[data-testid=join-agree]');
    await submit('[data-testid=join-form]');
    expect(text('[data-testid=join-from-now]')).toBe('共有されるのは、いまから後の情報だけです。');
    expect(text('[data-testid=join-done]')).toContain(
      '参加していなかった間の情報は、共有されません。',
    );
  });

  it('already up to date: nothing to do', async () => {
    on('GET /me/consents', () => json({ memberships: [JOINED], history: [GIVEN], joinable: [] }));
    on('GET /networks/demo/consent', () => json(doc(1)));
    await open('/me/consents/demo/join');
    expect(q('[data-testid=join-current]')?.textContent).toContain('最新の同意書に同意済みです');
  });

  it('a network without a document takes no online joining', async () => {
    on('GET /me/consents', () => json({ memberships: [], history: [], joinable: [] }));
    await open('/me/consents/demo/join');
    expect(q('[data-testid=join-unavailable]')?.textContent).toContain('紙の申込書');
  });
});

describe('the person’s own data', () => {
  it('offers both downloads; while a consent is in force, erasing waits for a withdrawal', async () => {
    on('GET /me/consents', () => json({ memberships: [JOINED], history: [GIVEN], joinable: [] }));
    on('GET /me/corrections', () => json([]));
    await open('/me/data');
    expect(q('[data-testid=download-all-json]')?.getAttribute('href')).toBe('/api/me/export');
    expect(q('[data-testid=download-all-fhir]')?.getAttribute('href')).toBe('/api/me/export/fhir');
    expect(q('[data-testid=download-all-fhir]')?.hasAttribute('download')).toBe(true);
    expect(text('[data-testid=data-erase-joined]')).toContain('参加をやめてください');
    expect(q('[data-testid=data-erase-start]')).toBeNull();
  });

  it('a correction request: checked beside the field, the server’s refusal there too, then listed', async () => {
    on('GET /me/consents', () => json({ memberships: [], history: [], joinable: [] }));
    on('GET /me/corrections', () =>
      json([
        {
          id: 'r0',
          createdAt: '2026-04-01T01:00:00Z',
          text: '住所',
          status: 'declined',
          answer: '住所は保存していません。',
          answeredAt: '2026-04-02T01:00:00Z',
        },
      ]),
    );
    on(
      'POST /me/corrections',
      () =>
        json(
          {
            code: 'validation_failed',
            message: 'x',
            fields: [{ field: 'text', code: 'too_long', message: '長すぎます。' }],
          },
          422,
        ),
      (body) =>
        json(
          {
            id: 'r1',
            createdAt: '2026-11-21T01:00:00Z',
            text: (body as { text: string }).text,
            status: 'open',
          },
          201,
        ),
    );
    await open('/me/data');
    expect(text('[data-testid=correction-answer]')).toContain('住所は保存していません。');
    expect(q('[data-testid=data-erase-start]')?.getAttribute('href')).toBe('/me/data/erase');

    await type('#correction-text', 'あ'.repeat(2001));
    expect(text('[data-testid=correction-count]')).toBe('1文字多すぎます');
    await submit('[data-testid=correction-form]');
    expect(text('[data-testid=error-correction-text]')).toContain('2,000文字以内');
    expect(q('#correction-text')?.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(q('#correction-text'));
    expect(posted('POST /me/corrections')).toHaveLength(0);

    await type('#correction-text', '生年月日が違います');
    await submit('[data-testid=correction-form]');
    expect(text('[data-testid=error-correction-text]')).toContain('長すぎます。');
    await submit('[data-testid=correction-form]');
    expect(q('[data-testid=correction-sent]')).not.toBeNull();
    expect(q<HTMLTextAreaElement>('#correction-text')?.value).toBe('');
    const listed = [...root.querySelectorAll('[data-testid=correction]')];
    expect(listed.map((l) => l.getAttribute('data-status'))).toEqual(['open', 'declined']);
    expect(listed[0]?.textContent).toContain('確認中');
  });

  it('erasing: says what stays, then shows the counts and removes the card kept on the phone', async () => {
    localStorage.setItem(
      'renkei.emergencyCard',
      JSON.stringify({ savedAt: '2026-11-21T03:00:00Z', owner: 'R7K3-M2QX-A10', card: {} }),
    );
    on('GET /me', () =>
      json({ registrationNumber: 'R7K3-M2QX-A10', name: '試験 花子', passkeys: 1, networks: [] }),
    );
    on('GET /me/consents', () =>
      json({
        memberships: [{ ...JOINED, state: 'withdrawn', withdrawnAt: '2026-05-01T00:00:00Z' }],
        history: [],
        joinable: [],
      }),
    );
    on('POST /me/medical-data/erase', () => json({ medications: 3, allergies: 1, visits: 2 }));
    await open('/me/data/erase');
    expect(text('[data-testid=erase-record]')).toContain(
      '法律が求める内容（いつ・だれが・どの施設で・どんな操作か）だけ',
    );
    await click('[data-testid=erase-confirm]');
    expect(posted('POST /me/medical-data/erase').map((s) => s.body)).toEqual([{ confirm: true }]);
    expect(text('[data-testid=erase-counts]')).toContain('お薬の記録: 3件');
    expect(text('[data-testid=erase-counts]')).toContain('アレルギー・禁忌の記録: 1件');
    expect(localStorage.getItem('renkei.emergencyCard')).toBeNull();
  });

  it('erasing leaves a card kept on the phone for someone else', async () => {
    const mothers = JSON.stringify({
      savedAt: '2026-11-21T03:00:00Z',
      owner: 'PYK8-W8Y1-Z31',
      card: {},
    });
    localStorage.setItem('renkei.emergencyCard', mothers);
    on('GET /me', () =>
      json({ registrationNumber: 'R7K3-M2QX-A10', name: '試験 太郎', passkeys: 1, networks: [] }),
    );
    on('GET /me/consents', () => json({ memberships: [], history: [], joinable: [] }));
    on('POST /me/medical-data/erase', () => json({ medications: 0, allergies: 0, visits: 0 }));
    await open('/me/data/erase');
    await click('[data-testid=erase-confirm]');
    expect(text('[data-testid=erase-counts]')).toContain('お薬の記録: 0件');
    expect(localStorage.getItem('renkei.emergencyCard')).toBe(mothers);
  });

  it('erasing refused while joined: the way to the consent page', async () => {
    on('GET /me/consents', () => json({ memberships: [], history: [], joinable: [] }));
    on('POST /me/medical-data/erase', () => json({ code: 'still_joined', message: 'x' }, 409));
    await open('/me/data/erase');
    await click('[data-testid=erase-confirm]');
    const problem = q('[data-testid=erase-problem]');
    expect(problem?.textContent).toContain('参加をやめて');
    expect(problem?.querySelector('a')?.getAttribute('href')).toBe('/me/consents');
  });
});

describe('the full text of a consent document', () => {
  it('leaves out the title line however it is written and makes headings of ## lines', async () => {
    await act(() =>
      render(<ConsentBody body={'Title\n\nSummary.\n\n## 1. Purpose\nWhy.'} title="Title" />, root),
    );
    expect([...root.querySelectorAll('h4')].map((h) => h.textContent)).toEqual(['1. Purpose']);
    expect(root.textContent).not.toContain('Title');
    await act(() => render(<ConsentBody body={'# Title\n\nSummary.'} level={3} />, root));
    expect(root.textContent).toBe('Summary.');
  });
});
