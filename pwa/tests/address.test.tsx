import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app';
import { lang } from '../src/i18n';
import { resetActing } from '../src/lib/acting-for';
import { tokyoToday } from '../src/lib/date-text';
import { forgetStaffSession, staffMe } from '../src/lib/staff-session';
import { currentPath, navigate, startRouter } from '../src/router';

/**
 * Screens that read the query or the fragment follow the address while they stay open: the
 * claim page takes the code of a second link opened in the same tab, and the day of the
 * reception entries follows the day buttons, back/forward and the console's links, all through
 * the router (no page load).
 */

type Handler = (body: unknown, url: URL) => Response;
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

async function type(selector: string, value: string) {
  const input = q<HTMLInputElement>(selector);
  if (!input) throw new Error(`no ${selector}`);
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function click(selector: string) {
  const element = q<HTMLElement>(selector);
  if (!element) throw new Error(`no ${selector}`);
  await act(() => element.click());
  await settle();
}

beforeAll(() => startRouter());

beforeEach(() => {
  sessionStorage.clear();
  resetActing();
  forgetStaffSession();
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
      sent.push({ route, url, body });
      const handler = routes[route];
      return handler ? handler(body, url) : json({ code: 'not_found', message: route }, 404);
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
  forgetStaffSession();
  currentPath.value = '/';
  history.replaceState(null, '', '/');
});

describe('the claim page', () => {
  const accepted = {
    linkId: 'link-9',
    registrationNumber: 'P9Q8-W7E6',
    name: '山田 花子',
    nameKana: 'ヤマダ ハナコ',
    relationship: 'child',
    level: 'manage',
    since: '2026-04-02T01:00:00Z',
    claimed: false,
  };

  const accepts = () =>
    sent.filter((s) => s.route === 'POST /claims/accept-as-proxy').map((s) => s.body);

  async function becomeProxy() {
    await type('#claim-birthDate-year', '25');
    await type('#claim-birthDate-month', '4');
    await type('#claim-birthDate-day', '1');
    await click('#claim-relationship-child');
    await click('[data-testid="claim-family-submit"]');
  }

  it('takes the code of a second link opened in the same tab (a new fragment)', async () => {
    routes['POST /claims/accept-as-proxy'] = () =>
      json({ code: 'claim_invalid', message: 'no' }, 422);
    await open('/claim#FIRST-CODE');
    await becomeProxy();
    expect(accepts().at(-1)).toMatchObject({ code: 'FIRST-CODE', relationship: 'child' });
    expect(q('[data-testid="claim-problem"]')).not.toBeNull();

    // The second link: the browser only changes the fragment, the page stays.
    history.replaceState(null, '', '/claim#SECOND-CODE');
    await act(() => {
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await settle();
    // Nothing of the first code's attempt is left: no error, no birth date, no relationship.
    expect(q('[data-testid="claim-problem"]')).toBeNull();
    expect(q<HTMLInputElement>('#claim-birthDate-year')?.value).toBe('');
    expect(q<HTMLInputElement>('#claim-relationship-child')?.checked).toBe(false);
    routes['POST /claims/accept-as-proxy'] = () => json(accepted, 201);
    await becomeProxy();
    expect(accepts().at(-1)).toMatchObject({ code: 'SECOND-CODE', birthDate: 'S25.4.1' });
    expect(location.pathname).toBe('/me');
  });

  it('follows the router too, and a link that lost its code says so', async () => {
    await open('/claim#FIRST-CODE');
    await act(() => navigate('/claim#THIRD-CODE'));
    await settle();
    routes['POST /claims/accept-as-proxy'] = () => json(accepted, 201);
    await becomeProxy();
    expect(accepts().at(-1)).toMatchObject({ code: 'THIRD-CODE' });

    await open('/claim#FIRST-CODE');
    await act(() => navigate('/claim'));
    await settle();
    expect(q('[data-testid="claim-no-code"]')).not.toBeNull();
  });
});

describe('the claim page back from signing in as family', () => {
  it('offers no passkey for the person, only the way back to it (through the router)', async () => {
    await open('/claim?as=family#FIRST-CODE');
    expect(q('[data-testid="claim-family-back"]')).not.toBeNull();
    expect(q('[data-testid="claim-submit"]')).toBeNull();
    expect(q('[data-testid="claim-no-passkeys"]')).toBeNull();
    expect(q('main')?.textContent).toContain('ご本人（この方）の生年月日');
    const push = vi.spyOn(history, 'pushState');
    await click('[data-testid="claim-not-family"]');
    expect(push).toHaveBeenCalledTimes(1);
    push.mockRestore();
    expect(location.pathname + location.search + location.hash).toBe('/claim#FIRST-CODE');
    expect(q('[data-testid="claim-family-back"]')).toBeNull();
    expect(q('[data-testid="claim-not-family"]')).toBeNull();
    expect(q('main')?.textContent).toContain('ご本人の方: このスマートフォンにパスキーを作る');
  });
});

describe('the day of the reception entries', () => {
  const STAFF = {
    name: '受付 一郎',
    role: 'reception',
    facility: { code: '1410900002', name: 'デモ診療所' },
    networks: [{ code: 'demo', name: 'デモ連携ネット', consentVersion: 2 }],
    idleTimeoutSeconds: 900,
  };

  beforeEach(() => {
    routes['GET /staff/me'] = () => json(STAFF);
    routes['GET /staff/entries'] = (_body, url) =>
      json({ day: url.searchParams.get('day') ?? '2026-11-20', entries: [] });
  });

  const days = () =>
    sent.filter((s) => s.route === 'GET /staff/entries').map((s) => s.url.searchParams.get('day'));
  const shown = () => q<HTMLInputElement>('[data-testid="staff-day"]')?.value;

  it('moves by the router: the address, back and forward, and the console link to today', async () => {
    const push = vi.spyOn(history, 'pushState');
    await open('/staff/entries?day=2026-11-10');
    expect(staffMe.value?.name).toBe('受付 一郎');
    expect(shown()).toBe('2026-11-10');

    await click('[data-testid="staff-day-prev"]');
    expect(location.pathname + location.search).toBe('/staff/entries?day=2026-11-09');
    expect(push).toHaveBeenCalledTimes(1);
    expect(shown()).toBe('2026-11-09');
    expect(days()).toEqual(['2026-11-10', '2026-11-09']);

    // The date field and its button.
    await type('[data-testid="staff-day"]', '2026-10-01');
    await act(() => q<HTMLFormElement>('form.staff-day')?.requestSubmit());
    await settle();
    expect(location.search).toBe('?day=2026-10-01');
    expect(days().at(-1)).toBe('2026-10-01');

    // Back: the day before, loaded again.
    history.replaceState(null, '', '/staff/entries?day=2026-11-09');
    await act(() => {
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await settle();
    expect(shown()).toBe('2026-11-09');
    expect(days().at(-1)).toBe('2026-11-09');

    // The console's own link to the entries (no day): today again.
    await act(() => navigate('/staff/entries'));
    await settle();
    expect(location.search).toBe('');
    expect(shown()).toBe(tokyoToday());
    expect(days().at(-1)).toBe(tokyoToday());
    expect(q('[data-testid="staff-entries"]')).not.toBeNull();
    push.mockRestore();
  });
});
