import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App, resolve } from '../src/app';
import type { LazyScreen } from '../src/lib/lazy';
import { connectionLost } from '../src/api/client';
import type { EntryPoint } from '../src/api/entry-points';
import type { ConsentDocument } from '../src/api/registration';
import { DRAFT_STORAGE_KEY } from '../src/lib/registration-draft';
import { lang, setLang } from '../src/i18n';
import { browserOnline } from '../src/lib/online';
import { currentPath } from '../src/router';
import { EntryLanding } from '../src/pages/register/EntryLanding';
import { Poster } from '../src/pages/public/Poster';

const CONSENT: ConsentDocument = {
  network: 'demo',
  version: 2,
  effectiveAt: '2026-04-01T00:00:00Z',
  requiresReconsent: false,
  ja: {
    title: 'デモ連携ネット 参加同意書',
    summary: 'あなたの同意のもとで、お薬やアレルギーの情報を共有します。',
    body: '# デモ連携ネット 参加同意書\n\nあなたの同意のもとで、お薬やアレルギーの情報を共有します。\n\n## 1. 目的\n重複する検査を減らします。',
  },
  en: {
    title: 'Demo network consent',
    summary: 'With your consent, your medication and allergy information is shared.',
    body: '# Demo network consent\n\nWith your consent, your information is shared.\n\n## 1. Purpose\nFewer duplicate tests.',
  },
};

const ACTIVE: EntryPoint = {
  code: '7K3M-QX9P-R',
  active: true,
  network: {
    code: 'demo',
    name: 'デモ連携ネット',
    nameEn: 'Demo network',
    demo: true,
    facilityCount: 6,
  },
  facility: {
    code: '1410900002',
    name: 'デモ内科クリニック',
    nameEn: 'Demo Internal Medicine Clinic',
    kind: 'clinic',
    demo: true,
  },
  url: 'http://localhost:8080/r/7K3MQX9PR',
  consent: CONSENT,
};

const REAL_NO_FACILITY: EntryPoint = {
  code: 'AB12-CD34-E',
  active: true,
  network: { code: 'salvia', name: 'サルビアねっと', demo: false, facilityCount: 1234 },
  url: 'http://localhost:8080/r/AB12CD34E',
  consent: CONSENT,
};

let root: HTMLElement;

async function settle() {
  for (let i = 0; i < 5; i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
  }
}

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function respond(...responses: Array<() => Response | Promise<Response>>) {
  const fetch = vi.fn<(input: Request) => Promise<Response>>();
  for (const make of responses) fetch.mockImplementationOnce(async () => make());
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

async function open(path: string) {
  history.replaceState(null, '', path);
  currentPath.value = path;
  await act(() => render(<App />, root));
  await settle();
}

const text = () => root.textContent ?? '';
const q = (selector: string) => root.querySelector(selector);

beforeEach(() => {
  localStorage.clear();
  lang.value = 'ja';
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.unstubAllGlobals();
  connectionLost.value = false;
  browserOnline.value = true;
  currentPath.value = '/';
  history.replaceState(null, '', '/');
});

describe('routes', () => {
  it('send /r/:code to the entry page and /poster/:code to the poster', () => {
    expect(resolve('/r/7K3MQX9PR')).toEqual({
      component: EntryLanding,
      params: { code: '7K3MQX9PR' },
    });
    const poster = resolve('/poster/7K3M-QX9P-R');
    expect(poster.params).toEqual({ code: '7K3M-QX9P-R' });
    // The poster is fetched when first shown: its screen is the poster once loaded.
    const load = (poster.component as Partial<LazyScreen>).load;
    expect(load).toBeDefined();
    return expect(load?.()).resolves.toBe(Poster);
  });
});

describe('entry page (/r/:code)', () => {
  it('asks the API for the scanned code, once: the consent document comes with it', async () => {
    const fetch = respond(() => json(ACTIVE));
    await open('/r/7k3m-qx9p-r');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(new URL(fetch.mock.calls[0]![0].url).pathname).toBe('/api/entry-points/7K3MQX9PR');
    expect(q('[data-testid=consent-agree]')).not.toBeNull();
  });

  it('shows an active code: network, demo badge, facility, what joining means, what to have ready', async () => {
    respond(() => json(ACTIVE));
    await open('/r/7K3MQX9PR');
    const page = q('[data-testid=entry-active]');
    expect(page).not.toBeNull();
    expect(q('h1')?.textContent).toBe('デモ連携ネット');
    expect(q('.entry__title .badge')?.textContent).toBe('デモ');
    expect(q('[data-testid=entry-facility]')?.textContent).toContain('デモ内科クリニック');
    expect(text()).toContain('お薬とアレルギーの情報');
    expect(text()).toContain('参加は無料です。');
    expect(text()).toContain('いつでも参加をやめられます。');
    expect(text()).toContain('共有されるのは、参加した後の情報だけです。');
    const ready = q('[data-testid=what-to-have-ready]')?.textContent ?? '';
    expect(ready).toContain('資格情報のお知らせ');
    expect(ready).toContain('マイナポータル');
    expect(ready).toContain('後期高齢者医療の資格確認書');
    expect(ready).toContain('メールを受け取れるスマートフォン');
    // The consent document in force: version, plain summary, full text one tap away, one button.
    expect(q('[data-testid=consent-title]')?.textContent).toBe('デモ連携ネット 参加同意書');
    expect(q('[data-testid=consent-version]')?.textContent).toBe(
      '同意書 第2版（2026年4月1日から）',
    );
    expect(q('[data-testid=consent-summary]')?.textContent).toContain(
      'お薬やアレルギーの情報を共有します',
    );
    const full = q('[data-testid=consent-full]') as HTMLDetailsElement;
    expect(full.open).toBe(false);
    expect(full.querySelector('summary')?.textContent).toBe('同意書の全文を読む');
    expect(full.querySelector('h4')?.textContent).toBe('1. 目的');
    expect(full.textContent).not.toContain('# デモ');
    expect(page?.querySelectorAll('button, a.button')).toHaveLength(1);
    expect(q('[data-testid=consent-agree]')?.textContent).toBe('同意して登録に進む');
    expect(document.title).toBe('デモ連携ネット | 連携ネット');
  });

  it('switches to English, with English names where the network has them', async () => {
    respond(() => json(ACTIVE));
    await open('/r/7K3MQX9PR');
    await act(() => setLang('en'));
    expect(q('h1')?.textContent).toBe('Demo network');
    expect(q('h1')?.getAttribute('lang')).toBe('en');
    expect(q('.entry__title .badge')?.textContent).toBe('Demo');
    expect(q('[data-testid=entry-facility]')?.textContent).toContain(
      'Demo Internal Medicine Clinic',
    );
    expect(q('[data-testid=consent-title]')?.textContent).toBe('Demo network consent');
    expect(q('[data-testid=consent-agree]')?.textContent).toBe('Agree and continue');
  });

  it('keeps the Japanese name in English when there is no English one, and shows no badge for real networks', async () => {
    respond(() => json(REAL_NO_FACILITY));
    lang.value = 'en';
    await open('/r/AB12CD34E');
    expect(q('h1')?.textContent).toBe('サルビアねっと');
    expect(q('h1')?.getAttribute('lang')).toBe('ja');
    expect(q('.badge')).toBeNull();
    expect(q('[data-testid=entry-facility]')).toBeNull();
  });

  it('shows a friendly page for an unknown code, with the code and a way home', async () => {
    respond(() => json({ code: 'not_found', message: 'x' }, 404));
    await open('/r/nope-nope-0');
    const page = q('[data-testid=entry-not-found]');
    expect(page?.querySelector('h1')?.textContent).toBe('このQRコードは見つかりませんでした');
    expect(page?.textContent).toContain('NOPE-NOPE-0');
    expect(page?.textContent).toContain('受付でおたずねください');
    expect(page?.textContent).toContain('紙の申込書');
    expect(page?.querySelector('a')?.getAttribute('href')).toBe('/');
    expect(q('[role=alert]')).toBeNull();
    expect(document.title).toBe('このQRコードは見つかりませんでした | 連携ネット');
  });

  it('shows the withdrawn page with the network and what to do next', async () => {
    respond(() => json({ ...ACTIVE, active: false }));
    await open('/r/7K3MQX9PR');
    const page = q('[data-testid=entry-withdrawn]');
    expect(page?.querySelector('h1')?.textContent).toBe('このQRコードは現在使われていません');
    expect(page?.textContent).toContain('デモ連携ネット');
    expect(page?.textContent).toContain('新しいポスターやチラシ');
    expect(page?.querySelector('a')?.getAttribute('href')).toBe('/');
    expect(q('[data-testid=entry-active]')).toBeNull();
    expect(q('[data-testid=registration-soon]')).toBeNull();
  });

  it('shows a translated error with a retry when the server fails, and recovers', async () => {
    const fetch = respond(
      () => json({ code: 'internal', message: 'boom', requestId: '0190-ab' }, 500),
      () => json(ACTIVE),
    );
    await open('/r/7K3MQX9PR');
    const alert = q('[data-testid=entry-error]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('システムで問題が発生しました');
    expect(alert?.textContent).toContain('0190-ab');
    expect(q('h1')?.textContent).toBe('連携ネットへの参加のご案内');
    await act(() => (alert?.querySelector('button') as HTMLButtonElement).click());
    await settle();
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(q('[data-testid=entry-error]')).toBeNull();
    expect(q('[data-testid=entry-active]')).not.toBeNull();
  });

  it('when offline, shows the banner and loads by itself once the connection is back', async () => {
    const fetch = respond(
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => json(ACTIVE),
    );
    await act(() => {
      browserOnline.value = false;
    });
    await open('/r/7K3MQX9PR');
    expect(q('[data-testid=offline-banner]')).not.toBeNull();
    expect(q('[data-testid=entry-error]')?.textContent).toContain('サーバーに接続できませんでした');
    await act(() => {
      browserOnline.value = true;
    });
    await settle();
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(q('[data-testid=entry-active]')).not.toBeNull();
  });

  it('agreeing records the version in a new draft (with a fresh key) and opens the details screen', async () => {
    respond(() => json(ACTIVE));
    await open('/r/7K3MQX9PR');
    await act(() => (q('[data-testid=consent-agree]') as HTMLButtonElement).click());
    expect(currentPath.value).toBe('/r/7K3MQX9PR/details');
    const draft = JSON.parse(sessionStorage.getItem(DRAFT_STORAGE_KEY) ?? '{}') as Record<
      string,
      unknown
    >;
    expect(draft['entry']).toBe('7K3MQX9PR');
    expect(draft['consentVersion']).toBe(2);
    expect(draft['key']).toMatch(/^[0-9a-f]{32}$/);
    sessionStorage.clear();
  });

  it('a network without a consent document takes no online registrations: says so, with no button', async () => {
    const { consent: _none, ...withoutDocument } = ACTIVE;
    respond(() => json(withoutDocument));
    await open('/r/7K3MQX9PR');
    expect(q('[data-testid=registration-unavailable]')?.textContent).toContain('紙の申込書');
    expect(q('[data-testid=entry-active]')?.querySelectorAll('button, a.button')).toHaveLength(0);
  });
});

describe('poster (/poster/:code)', () => {
  it('shows the sheet in Japanese with English underneath, the QR image and the short code', async () => {
    respond(() => json(ACTIVE));
    await open('/poster/7K3MQX9PR');
    const poster = q('[data-testid=poster]') as HTMLElement;
    expect(poster.getAttribute('lang')).toBe('ja');
    expect(q('[data-testid=poster-network]')?.textContent).toBe('デモ連携ネット');
    expect(poster.textContent).toContain('Demo network');
    expect(poster.textContent).toContain('スマホで参加登録 約2分');
    expect(poster.textContent).toContain('Join from your phone in about 2 minutes');
    for (const step of [
      'QRコードを読み取る',
      'Scan the QR code',
      '保険証の情報を入力して同意する',
      'Enter your insurance details and consent',
      'この端末でログインの準備をする',
      'Set up sign-in on this phone',
      '参加は無料です',
      'いつでもやめられます',
      '資格確認書',
    ]) {
      expect(poster.textContent, step).toContain(step);
    }
    expect(q('[data-testid=poster-facility]')?.textContent).toContain(
      'デモ内科クリニックは、このネットワークの参加施設です',
    );
    expect(q('[data-testid=poster-facility]')?.textContent).toContain(
      'Demo Internal Medicine Clinic takes part in this network',
    );
    // Every English line is marked as English.
    for (const en of poster.querySelectorAll('.bi-en')) expect(en.getAttribute('lang')).toBe('en');

    const img = q('[data-testid=poster-qr]') as HTMLImageElement;
    expect(img.getAttribute('src')).toBe('/api/entry-points/7K3MQX9PR/qr.svg');
    expect(img.getAttribute('alt')).toBe(
      'デモ連携ネットの参加登録用QRコード。読み取ると http://localhost:8080/r/7K3MQX9PR が開きます。',
    );
    expect(q('[data-testid=poster-code]')?.textContent).toBe('7K3M-QX9P-R');
    expect(poster.textContent).toContain('http://localhost:8080/r/7K3MQX9PR');
  });

  it('keeps the sheet bilingual when the screen is in English', async () => {
    respond(() => json(ACTIVE));
    lang.value = 'en';
    await open('/poster/7K3MQX9PR');
    expect(q('h1')?.textContent).toBe('Print the poster');
    expect(q('[data-testid=poster]')?.textContent).toContain('スマホで参加登録 約2分');
    expect(q('[data-testid=poster-qr]')?.getAttribute('alt')).toBe(
      'QR code to join Demo network. It opens http://localhost:8080/r/7K3MQX9PR.',
    );
  });

  it('has no facility line when the entry point has no facility', async () => {
    respond(() => json(REAL_NO_FACILITY));
    await open('/poster/AB12CD34E');
    expect(q('[data-testid=poster-network]')?.textContent).toBe('サルビアねっと');
    expect(q('[data-testid=poster-facility]')).toBeNull();
    expect(q('[data-testid=poster] .badge')).toBeNull();
  });

  it('prints with the print button', async () => {
    respond(() => json(ACTIVE));
    const print = vi.fn();
    vi.stubGlobal('print', print);
    await open('/poster/7K3MQX9PR');
    const button = q('[data-testid=poster-print]') as HTMLButtonElement;
    expect(button.textContent).toBe('印刷する');
    await act(() => button.click());
    expect(print).toHaveBeenCalledTimes(1);
  });

  it('says what to do when the QR image cannot be loaded', async () => {
    respond(() => json(ACTIVE));
    await open('/poster/7K3MQX9PR');
    expect(q('[data-testid=poster-qr-failed]')).toBeNull();
    await act(() => {
      q('[data-testid=poster-qr]')?.dispatchEvent(new Event('error'));
    });
    expect(q('[data-testid=poster-qr-failed]')?.textContent).toContain('画面を読み込み直して');
  });

  it('shows the friendly pages instead of a poster for unknown and withdrawn codes', async () => {
    respond(() => json({ code: 'not_found', message: 'x' }, 404));
    await open('/poster/NOPENOPE0');
    expect(q('[data-testid=entry-not-found]')).not.toBeNull();
    expect(q('[data-testid=poster]')).toBeNull();
    expect(q('[data-testid=poster-print]')).toBeNull();
    render(null, root);

    respond(() => json({ ...ACTIVE, active: false }));
    await open('/poster/7K3MQX9PR');
    expect(q('[data-testid=entry-withdrawn]')).not.toBeNull();
    expect(q('[data-testid=poster]')).toBeNull();
    expect(q('img')).toBeNull();
  });
});

describe('focus', () => {
  it('moves to the page heading after an in-app navigation, once the entry point has loaded', async () => {
    const { navigate } = await import('../src/router');
    respond(
      () => json([]),
      () => json(ACTIVE),
    );
    await open('/');
    await act(() => navigate('/r/7K3MQX9PR'));
    await settle();
    expect(q('h1')?.textContent).toBe('デモ連携ネット');
    expect(document.activeElement).toBe(q('h1'));
  });
});
