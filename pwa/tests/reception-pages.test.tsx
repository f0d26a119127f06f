import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app';
import { lang } from '../src/i18n';
import { PAPER_FIELD_ORDER } from '../src/lib/paper-form';
import { claimSheets, forgetStaffSession, staffMe, staffNotice } from '../src/lib/staff-session';
import { currentPath } from '../src/router';

/** The reception screens against a fake API: the order of the fields, Enter, 401, the sheet. */

type Handler = (body: unknown) => Response;
let routes: Record<string, Handler>;
let sent: Array<{ route: string; body: unknown }>;
let root: HTMLElement;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const STAFF = {
  name: '受付 一郎',
  role: 'reception',
  facility: { code: '1410900002', name: 'デモ診療所' },
  networks: [{ code: 'demo', name: 'デモ連携ネット', consentVersion: 2 }],
  idleTimeoutSeconds: 900,
};

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

beforeEach(() => {
  lang.value = 'ja';
  forgetStaffSession();
  staffNotice.value = null;
  routes = { 'GET /staff/me': () => json(STAFF) };
  sent = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      const route = `${request.method} ${url.pathname.replace(/^\/api/, '')}`;
      const raw = request.method === 'GET' ? '' : await request.text();
      const body: unknown = raw ? JSON.parse(raw) : undefined;
      sent.push({ route, body });
      const handler = routes[route];
      return handler ? handler(body) : json({ code: 'not_found', message: route }, 404);
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
  forgetStaffSession();
  currentPath.value = '/';
  history.replaceState(null, '', '/');
});

/** The request field each control of the entry form fills, in the page's order. */
function fieldOrder(): string[] {
  const out: string[] = [];
  for (const el of root.querySelectorAll<HTMLElement>('form input, form select, form textarea')) {
    const m = /^paper-([a-zA-Z]+)/.exec(el.id);
    const field = m?.[1];
    if (field && PAPER_FIELD_ORDER.includes(field) && out[out.length - 1] !== field)
      out.push(field);
  }
  return out;
}

describe('reception entry screen (/staff/new)', () => {
  it('lays its fields out in the paper form’s order, numbered as on the paper', async () => {
    await open('/staff/new');
    expect(root.querySelector('[data-testid="staff-facility"]')?.textContent).toBe('デモ診療所');
    const order = fieldOrder();
    const expected = PAPER_FIELD_ORDER.filter((f) => order.includes(f));
    expect(order).toEqual(expected);
    // The proxy fields come only with their box ticked; the one network is chosen already.
    expect(order).not.toContain('proxyName');
    expect(order).toContain('formSerial');
    const items = [...root.querySelectorAll<HTMLElement>('[data-item]')].map((e) =>
      Number(e.dataset['item']),
    );
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('is printed in the same order on the paper form', async () => {
    await open('/paper-form');
    const items = [
      ...root.querySelectorAll<HTMLElement>('[data-testid="paper-form"] [data-item]'),
    ].map((e) => Number(e.dataset['item']));
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(root.textContent).toContain('施設記入欄');
  });

  it('does not save on Enter in a field, and puts each problem beside its field on save', async () => {
    await open('/staff/new');
    const name = root.querySelector<HTMLInputElement>('#paper-name')!;
    await act(() => {
      name.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }),
      );
    });
    await settle();
    expect(root.querySelector('[data-testid="error-summary"]')).toBeNull();
    expect(sent.some((s) => s.route === 'POST /staff/paper-registrations')).toBe(false);
    await act(() => root.querySelector<HTMLButtonElement>('[data-testid="staff-save"]')!.click());
    await settle();
    expect(root.querySelector('[data-testid="error-paper-name"]')?.textContent).toContain(
      '入力してください',
    );
    expect(root.querySelector('[data-testid="error-paper-identityChecked"]')).not.toBeNull();
    // Several answers missing: the focus goes to their list at the top of the form.
    expect(document.activeElement).toBe(root.querySelector('[data-testid="error-summary"]'));
  });

  it('shows the people with the same kana and date of birth, with their numbers partly hidden', async () => {
    routes['POST /staff/duplicates'] = () =>
      json({
        candidates: [
          {
            registrationNumber: '7K3M-****-R2',
            name: '山田 花子',
            nameKana: 'ヤマダ ハナコ',
            birthDate: '1950-04-01',
            registeredOn: '2026-04-01',
            channel: 'web',
          },
        ],
      });
    await open('/staff/new');
    const type = async (id: string, value: string) => {
      const el = root.querySelector<HTMLInputElement>(id)!;
      el.value = value;
      await act(() => {
        el.dispatchEvent(new Event('input', { bubbles: true }));
      });
    };
    await type('#paper-nameKana', 'やまだ はなこ');
    await type('#paper-birthDate', 'S25.4.1');
    await act(async () => {
      await new Promise((r) => setTimeout(r, 350));
    });
    await settle();
    const list = root.querySelector('[data-testid="staff-duplicates"]');
    expect(list?.textContent).toContain('山田 花子');
    expect(list?.textContent).toContain('4文字伏せ字');
    expect(sent.find((s) => s.route === 'POST /staff/duplicates')?.body).toEqual({
      nameKana: 'やまだ はなこ',
      birthDate: '1950-04-01',
    });
  });
});

describe('the staff session', () => {
  it('goes to /staff with the idle message when the server answers 401', async () => {
    staffMe.value = STAFF as never;
    routes['GET /staff/entries'] = () => json({ code: 'unauthorized', message: 'idle' }, 401);
    await open('/staff/entries');
    expect(location.pathname).toBe('/staff');
    expect(root.querySelector('[data-testid="staff-notice"]')?.textContent).toContain(
      '15分操作がなかったため、ログアウトしました',
    );
    expect(staffMe.value).toBeNull();
  });

  it('sends a PC without a session to sign-in, without the idle message', async () => {
    routes['GET /staff/me'] = () => json({ code: 'unauthorized', message: 'none' }, 401);
    await open('/staff/new');
    expect(location.pathname).toBe('/staff');
    expect(root.querySelector('[data-testid="staff-notice"]')).toBeNull();
    expect(root.textContent).toContain('ネットワーク事務局');
  });

  it('says what to do when the passkey prompt is cancelled at sign-in', async () => {
    routes['GET /staff/me'] = () => json({ code: 'unauthorized', message: 'none' }, 401);
    routes['POST /staff/sign-in/passkey-options'] = () =>
      json({
        ceremony: 'c1',
        publicKey: { publicKey: { challenge: 'AAAA', allowCredentials: [] } },
      });
    class FakeCredential {}
    vi.stubGlobal('PublicKeyCredential', FakeCredential);
    vi.stubGlobal('isSecureContext', true);
    const cancelled = Object.assign(new Error('cancelled'), { name: 'NotAllowedError' });
    vi.stubGlobal('navigator', {
      ...navigator,
      credentials: { create: vi.fn(), get: vi.fn(async () => Promise.reject(cancelled)) },
    });
    await open('/staff');
    await act(() =>
      (root.querySelector('[data-testid="staff-sign-in-passkey"]') as HTMLButtonElement).click(),
    );
    await settle();
    const problem = root.querySelector('[data-testid="passkey-problem"]');
    expect(problem?.textContent).toContain('もう一度「パスキーでログイン」を押し');
  });
});

describe('claim sheet', () => {
  it('offers a reissue when this PC does not hold the sheet, and says the old one stops', async () => {
    await open('/staff/entries/e1/claim-sheet');
    expect(root.querySelector('[data-testid="staff-sheet-missing"]')).not.toBeNull();
    await act(() =>
      root.querySelector<HTMLButtonElement>('[data-testid="staff-reissue"]')!.click(),
    );
    expect(root.textContent).toContain('前に渡した用紙のコードとQRコードは使えなくなります');
  });

  it('prints the QR code as an image, the code, and the expiry', async () => {
    const next = new Map(claimSheets.value);
    next.set('e2', {
      entryId: 'e2',
      name: '山田 花子',
      nameKana: 'ヤマダ ハナコ',
      registrationNumber: '7K3M-QX9P-R2',
      network: { code: 'demo', name: 'デモ連携ネット' },
      claim: {
        code: 'ABCD-EFGH-JKMN-P',
        url: 'http://localhost/claim#ABCD-EFGH-JKMN-P',
        qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"/>',
        expiresAt: '2026-07-30T00:00:00Z',
      },
    });
    claimSheets.value = next;
    await open('/staff/entries/e2/claim-sheet');
    expect(
      root.querySelector<HTMLImageElement>('[data-testid="sheet-qr"]')?.getAttribute('src'),
    ).toMatch(/^data:image\/svg\+xml/);
    expect(root.querySelector('[data-testid="sheet-code"]')?.textContent).toBe('ABCD-EFGH-JKMN-P');
    expect(root.querySelector('[data-testid="sheet-expires"]')?.textContent).toContain(
      '2026年7月30日',
    );
  });
});
