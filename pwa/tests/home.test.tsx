import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app';
import { connectionLost } from '../src/api/client';
import { lang, setLang } from '../src/i18n';
import { browserOnline } from '../src/lib/online';

const NETWORKS = [
  {
    code: 'yokohama',
    name: 'サルビアねっと',
    nameEn: 'Salvia Net',
    demo: false,
    facilityCount: 1234,
  },
  { code: 'demo', name: 'デモ連携ネット', demo: true, facilityCount: 5 },
];

let root: HTMLElement;

async function settle() {
  for (let i = 0; i < 5; i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
  }
}

function respond(...responses: Array<() => Response | Promise<Response>>) {
  const fetch = vi.fn<(input: Request) => Promise<Response>>();
  for (const make of responses) fetch.mockImplementationOnce(async () => make());
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

beforeEach(() => {
  history.replaceState(null, '', '/');
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
});

describe('home page', () => {
  it('lists the networks with a demo badge, in the chosen language', async () => {
    respond(() => json(NETWORKS));
    await act(() => render(<App />, root));
    expect(root.querySelector('[data-testid=networks-loading]')).not.toBeNull();
    await settle();

    const items = [...root.querySelectorAll('.network')];
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain('サルビアねっと');
    expect(items[0]?.textContent).toContain('参加施設: 1,234か所');
    expect(items[0]?.querySelector('.badge')).toBeNull();
    expect(items[1]?.querySelector('.badge')?.textContent).toBe('デモ');

    await act(() => setLang('en'));
    expect(items[0]?.textContent).toContain('Salvia Net');
    // Without an English name, the Japanese one is shown (and marked as Japanese).
    expect(items[1]?.textContent).toContain('デモ連携ネット');
    expect(items[1]?.getAttribute('lang')).toBe('ja');
    expect(root.querySelector('.network .badge, .network:nth-child(2) .badge')?.textContent).toBe(
      'Demo',
    );
    expect(root.querySelector('h1')?.textContent).toBe('Welcome to renkei');
  });

  it('shows the request number with an internal error', async () => {
    respond(() => json({ code: 'internal', message: 'x', requestId: '0190ab-cd' }, 500));
    await act(() => render(<App />, root));
    await settle();
    const alert = root.querySelector('[data-testid=networks-error]');
    expect(alert?.textContent).toContain('システムで問題が発生しました');
    expect(alert?.textContent).toContain('0190ab-cd');
  });

  it('shows an empty state', async () => {
    respond(() => json([]));
    await act(() => render(<App />, root));
    await settle();
    expect(root.querySelector('[data-testid=networks-empty]')?.textContent).toContain(
      '現在、参加できるネットワークはありません',
    );
  });

  it('shows the translated error with a retry that works', async () => {
    const fetch = respond(
      () => json({ code: 'service_unavailable', message: 'maintenance' }, 503),
      () => json(NETWORKS),
    );
    await act(() => render(<App />, root));
    await settle();
    const alert = root.querySelector('[data-testid=networks-error]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('メンテナンス中です');
    expect(alert?.textContent).not.toContain('maintenance');

    const retry = alert?.querySelector('button') as HTMLButtonElement;
    await act(() => retry.click());
    await settle();
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(root.querySelector('[data-testid=networks-error]')).toBeNull();
    expect(root.querySelectorAll('.network')).toHaveLength(2);
  });

  it('shows the offline banner when the server cannot be reached', async () => {
    respond(() => Promise.reject(new TypeError('Failed to fetch')));
    await act(() => render(<App />, root));
    await settle();
    expect(root.querySelector('[data-testid=offline-banner]')?.textContent).toBe(
      'インターネットに接続されていません。接続を確認して、もう一度お試しください。',
    );
    expect(root.querySelector('[data-testid=networks-error]')?.textContent).toContain(
      'サーバーに接続できませんでした',
    );
  });

  it('loads the list again by itself when the connection comes back', async () => {
    const fetch = respond(
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => json(NETWORKS),
    );
    await act(() => {
      browserOnline.value = false;
    });
    await act(() => render(<App />, root));
    await settle();
    expect(root.querySelector('[data-testid=networks-error]')).not.toBeNull();
    await act(() => {
      browserOnline.value = true;
    });
    await settle();
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(root.querySelectorAll('.network')).toHaveLength(2);
    expect(root.querySelector('[data-testid=offline-banner]')).toBeNull();
  });

  it('shows the offline banner when the browser is offline', async () => {
    respond(() => json(NETWORKS));
    await act(() => render(<App />, root));
    await settle();
    expect(root.querySelector('[data-testid=offline-banner]')).toBeNull();
    await act(() => {
      browserOnline.value = false;
    });
    expect(root.querySelector('[data-testid=offline-banner]')).not.toBeNull();
  });
});

describe('language switch', () => {
  it('is two buttons with aria-pressed that switch the language', async () => {
    respond(() => json([]));
    await act(() => render(<App />, root));
    await settle();
    const [jaButton, enButton] = [
      ...root.querySelectorAll<HTMLButtonElement>('.lang-switch button'),
    ];
    expect(jaButton?.getAttribute('aria-pressed')).toBe('true');
    expect(enButton?.getAttribute('aria-pressed')).toBe('false');
    await act(() => enButton?.click());
    expect(lang.value).toBe('en');
    expect(enButton?.getAttribute('aria-pressed')).toBe('true');
    expect(jaButton?.getAttribute('aria-pressed')).toBe('false');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('renkei.lang')).toBe('en');
  });
});

describe('not found', () => {
  it('shows a not-found page with a link home for unknown paths', async () => {
    history.replaceState(null, '', '/no/such/page');
    const { currentPath } = await import('../src/router');
    currentPath.value = '/no/such/page';
    respond();
    await act(() => render(<App />, root));
    const page = root.querySelector('[data-testid=not-found]');
    expect(page?.querySelector('h1')?.textContent).toBe('ページが見つかりません');
    expect(page?.querySelector('a')?.getAttribute('href')).toBe('/');
    currentPath.value = '/';
  });
});
