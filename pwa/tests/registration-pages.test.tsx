import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app';
import { lang } from '../src/i18n';
import { DRAFT_STORAGE_KEY, draftFor, loadDraft, saveDraft } from '../src/lib/registration-draft';
import { lastRegistration } from '../src/pages/register/RegisterConfirm';
import { currentPath } from '../src/router';

/**
 * The registration screens, signing in and the person's page, against a fake API: what the
 * person sees, what is sent, and where the focus goes.
 */

type Handler = (body: unknown) => Response | Promise<Response>;
let routes: Record<string, Handler[]>;
let sent: Array<{ route: string; body: unknown }>;

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

let root: HTMLElement;

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
const text = () => root.textContent ?? '';

async function type(selector: string, value: string) {
  const input = q<HTMLInputElement>(selector);
  if (!input) throw new Error(`no ${selector}`);
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function choose(selector: string) {
  const input = q<HTMLInputElement>(selector);
  if (!input) throw new Error(`no ${selector}`);
  await act(() => input.click());
}

async function submit(selector: string) {
  const form = q<HTMLFormElement>(selector);
  if (!form) throw new Error(`no ${selector}`);
  await act(() => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
  await settle();
}

async function click(selector: string) {
  const button = q<HTMLButtonElement>(selector);
  if (!button) throw new Error(`no ${selector}`);
  await act(() => button.click());
  await settle();
}

const STATUS = {
  emailMasked: 'h***@example.jp',
  emailVerified: false,
  expiresAt: '2099-01-01T00:00:00Z',
  resendAvailableAt: '2000-01-01T00:00:00Z',
};

function agreedDraft() {
  const draft = draftFor('7K3MQX9PR');
  saveDraft({
    ...draft,
    consentVersion: 2,
    network: { code: 'demo', name: 'デモ連携ネット', nameEn: 'Demo network' },
  });
  return loadDraft()!;
}

async function fillValid() {
  await choose('#reg-documentKind-qualification_certificate');
  await type('#reg-insurerNumber', '33120015');
  await type('#reg-symbol', '12');
  await type('#reg-number', '3456');
  await type('#reg-name', '山田 花子');
  await type('#reg-nameKana', 'やまだ はなこ');
  await type('#reg-birthDate-year', '25');
  await type('#reg-birthDate-month', '4');
  await type('#reg-birthDate-day', '1');
  await choose('#reg-sex-female');
  await type('#reg-phone', '090-1234-5678');
  await type('#reg-email', 'hanako@example.jp');
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  lang.value = 'ja';
  lastRegistration.value = null;
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

/** The token a code request answers with. */
const FLOW = 'f'.repeat(64);

/** Types 昭和25年4月1日 into a form's date-of-birth field. */
async function typeBirthDate(form: string) {
  await type(`#${form}-birthDate-year`, '25');
  await type(`#${form}-birthDate-month`, '4');
  await type(`#${form}-birthDate-day`, '1');
}

describe('details (screen 2)', () => {
  it('sends a person who has not agreed yet back to the consent screen', async () => {
    await open('/r/7K3MQX9PR/details');
    expect(currentPath.value).toBe('/r/7K3MQX9PR');
  });

  it('checks the insurer number as it is typed, before anything is sent', async () => {
    agreedDraft();
    await open('/r/7K3MQX9PR/details');
    expect(q('h1')?.textContent).toBe('登録内容の入力');
    expect(text()).toContain('ステップ 2 / 4');
    const input = q<HTMLInputElement>('#reg-insurerNumber')!;
    expect(input.getAttribute('inputmode')).toBe('numeric');
    await type('#reg-insurerNumber', '3312001');
    expect(q('#error-reg-insurerNumber')).toBeNull(); // still typing
    await type('#reg-insurerNumber', '33120016');
    expect(q('[data-testid=error-reg-insurerNumber]')?.textContent).toContain(
      '保険者番号が正しくないようです',
    );
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain('reg-insurerNumber-error');
    await type('#reg-insurerNumber', '３３１２００１５');
    expect(q('[data-testid=error-reg-insurerNumber]')).toBeNull();
    expect(q('[data-testid=ok-reg-insurerNumber]')?.textContent).toBe(
      '保険者番号の形に誤りはありません。',
    );
    expect(sent.filter((s) => s.route === 'POST /registrations')).toHaveLength(0);
    // What was typed is kept in this tab (the draft), for a dropped connection or a reload.
    expect(loadDraft()?.details.insurerNumber).toBe('３３１２００１５');
  });

  it('shows where the numbers are for the chosen document', async () => {
    agreedDraft();
    await open('/r/7K3MQX9PR/details');
    expect(q('[data-testid=document-hint]')).toBeNull();
    await choose('#reg-documentKind-my_number_card');
    expect(q('[data-testid=document-hint]')?.textContent).toContain('資格情報のお知らせ');
    await choose('#reg-documentKind-late_elderly');
    expect(q('[data-testid=document-hint]')?.textContent).toContain('被保険者番号');
    expect(q('#reg-symbol')).toBeNull(); // no symbol or branch on these documents
    expect(q('label[for=reg-number]')?.textContent).toBe('被保険者番号');
    await type('#reg-insurerNumber', '33120015');
    expect(q('[data-testid=error-reg-insurerNumber]')?.textContent).toContain('39');
  });

  it('names every missing answer and moves the focus to the list of them, in view', async () => {
    agreedDraft();
    await open('/r/7K3MQX9PR/details');
    await submit('[data-testid=details-form]');
    const summary = q('[data-testid=error-summary]');
    expect(summary?.getAttribute('role')).toBe('alert');
    expect(summary?.textContent).toContain('確認が必要な項目があります（9件）');
    expect(document.activeElement).toBe(summary);
    expect(summary?.tabIndex).toBe(-1);
    expect(sent.filter((s) => s.route === 'POST /registrations')).toHaveLength(0);
  });

  it('sends the details with the flow key and shows the server’s refusals next to their fields', async () => {
    const draft = agreedDraft();
    on(
      'POST /registrations',
      () =>
        json(
          {
            code: 'validation_failed',
            message: 'x',
            fields: [
              {
                field: 'nameKana',
                code: 'invalid_characters',
                message: '使えない文字が含まれています。',
              },
              {
                field: 'phone',
                code: 'too_long',
                message: '長すぎます。短くして入力してください。',
              },
            ],
          },
          422,
        ),
      () => json(STATUS),
    );
    await open('/r/7K3MQX9PR/details');
    await fillValid();
    expect(q('[data-testid=readback-reg-birthDate]')?.textContent).toBe(
      '1950年4月1日（昭和25年）として登録します。',
    );
    await submit('[data-testid=details-form]');
    const first = sent.find((s) => s.route === 'POST /registrations')?.body as Record<
      string,
      unknown
    >;
    expect(first).toMatchObject({
      key: draft.key,
      entryPoint: '7K3MQX9PR',
      consentVersion: 2,
      documentKind: 'qualification_certificate',
      insurerNumber: '33120015',
      birthDate: 'S25.4.1',
      sex: 'female',
    });
    expect('branch' in first).toBe(false);
    // The server's words, or more precise ones where this screen knows the field and the problem.
    expect(q('[data-testid=error-reg-nameKana]')?.textContent).toContain(
      'ひらがなかカタカナで入力してください',
    );
    expect(q('[data-testid=error-reg-phone]')?.textContent).toContain(
      '長すぎます。短くして入力してください。',
    );
    expect(q('[data-testid=error-summary]')?.textContent).toContain(
      '氏名（フリガナ）: フリガナは、ひらがなかカタカナで',
    );
    // Two refusals: the focus goes to their list, whose first link leads to the kana field.
    expect(document.activeElement).toBe(q('[data-testid=error-summary]'));
    expect(q('[data-testid=error-summary] a')?.getAttribute('href')).toBe('#reg-nameKana');
    expect(currentPath.value).toBe('/r/7K3MQX9PR/details');

    // Corrected and sent again with the same key: on to screen 3.
    await type('#reg-nameKana', 'ヤマダ ハナコ');
    expect(q('[data-testid=error-reg-nameKana]')).toBeNull();
    await submit('[data-testid=details-form]');
    const bodies = sent
      .filter((s) => s.route === 'POST /registrations')
      .map((s) => s.body as { key: string });
    expect(bodies).toHaveLength(2);
    expect(bodies[1]?.key).toBe(draft.key);
    expect(currentPath.value).toBe('/r/7K3MQX9PR/confirm');
    expect(loadDraft()?.emailMasked).toBe('h***@example.jp');
  });

  it('a replaced consent document sends the person back to read the new one', async () => {
    agreedDraft();
    on('POST /registrations', () =>
      json(
        {
          code: 'validation_failed',
          message: 'x',
          fields: [
            { field: 'consentVersion', code: 'expired', message: '同意書が新しくなりました。' },
          ],
        },
        422,
      ),
    );
    await open('/r/7K3MQX9PR/details');
    await fillValid();
    await submit('[data-testid=details-form]');
    expect(text()).toContain('同意書が新しくなりました。新しい同意書を読んでから');
    const button = [...root.querySelectorAll('button')].find(
      (b) => b.textContent === '新しい同意書を読む',
    );
    await act(() => button?.click());
    expect(currentPath.value).toBe('/r/7K3MQX9PR');
    expect(loadDraft()?.consentVersion).toBeNull();
  });

  it('keeps a change made just before the screen goes, before the change was saved', async () => {
    agreedDraft();
    await open('/r/7K3MQX9PR/details');
    await fillValid();
    const phone = q<HTMLInputElement>('#reg-phone')!;
    // Typed, rendered, and the screen left at once (back, or a tap elsewhere): no frame between.
    phone.value = '03-1111-2222';
    phone.dispatchEvent(new Event('input', { bubbles: true }));
    await Promise.resolve();
    await Promise.resolve();
    expect(loadDraft()?.details.phone).toBe('090-1234-5678');
    render(null, root);
    expect(loadDraft()?.details.phone).toBe('03-1111-2222');
  });

  it('keeps nothing once the server says the registration is complete, even if a field is changed', async () => {
    agreedDraft();
    on('POST /registrations', () => json({ code: 'conflict', message: 'x' }, 409));
    await open('/r/7K3MQX9PR/details');
    await fillValid();
    await submit('[data-testid=details-form]');
    expect(q('[data-testid=details-problem]')).not.toBeNull();
    expect(sessionStorage.getItem(DRAFT_STORAGE_KEY)).toBeNull();
    await type('#reg-phone', '03-1111-2222');
    await settle();
    render(null, root);
    expect(sessionStorage.getItem(DRAFT_STORAGE_KEY)).toBeNull();
  });

  it('keeps everything typed when the connection drops, and says what to do', async () => {
    agreedDraft();
    on('POST /registrations', () => Promise.reject(new TypeError('Failed to fetch')));
    await open('/r/7K3MQX9PR/details');
    await fillValid();
    await submit('[data-testid=details-form]');
    expect(q('[data-testid=details-problem]')?.textContent).toContain(
      'インターネットへの接続を確認',
    );
    expect(q<HTMLInputElement>('#reg-email')?.value).toBe('hanako@example.jp');
    expect(loadDraft()?.details.email).toBe('hanako@example.jp');
  });
});

describe('email code and sign-in set-up (screen 3), done (screen 4)', () => {
  function sentDraft() {
    const draft = agreedDraft();
    saveDraft({
      ...draft,
      sent: true,
      emailMasked: STATUS.emailMasked,
      resendAvailableAt: STATUS.resendAvailableAt,
    });
    return draft;
  }

  it('confirms the code, then (no passkeys on this phone) completes without one; the draft is removed', async () => {
    const draft = sentDraft();
    on(
      'POST /registrations/verify-email',
      () =>
        json(
          {
            code: 'validation_failed',
            message: 'x',
            fields: [{ field: 'code', code: 'incorrect', message: '確認コードが違います。' }],
          },
          422,
        ),
      () => json({ ...STATUS, emailVerified: true }),
    );
    on('POST /registrations/complete', () =>
      json({
        registrationNumber: 'R7K3-M2QX',
        network: {
          code: 'demo',
          name: 'デモ連携ネット',
          nameEn: 'Demo network',
          demo: true,
          facilityCount: 6,
        },
        consentVersion: 2,
        passkey: false,
      }),
    );
    await open('/r/7K3MQX9PR/confirm');
    expect(q('[data-testid=verify-sent]')?.textContent).toContain('h***@example.jp');
    const code = q<HTMLInputElement>('#verify-code')!;
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code.getAttribute('inputmode')).toBe('numeric');

    await submit('[data-testid=verify-form]');
    expect(q('[data-testid=error-verify-code]')?.textContent).toContain(
      '6桁の確認コードを入力してください',
    );
    await type('#verify-code', '１２３４５６'); // full width from a Japanese keyboard
    await submit('[data-testid=verify-form]');
    expect(sent.find((s) => s.route === 'POST /registrations/verify-email')?.body).toEqual({
      key: draft.key,
      code: '123456',
    });
    expect(q('[data-testid=error-verify-code]')?.textContent).toContain('確認コードが違います。');
    expect(document.activeElement?.id).toBe('verify-code');

    await submit('[data-testid=verify-form]');
    expect(q('[data-testid=verify-done]')).not.toBeNull();
    expect(q('[data-testid=passkey-unsupported]')?.textContent).toContain('パスキーを作れません');
    expect(q('[data-testid=passkey-create]')).toBeNull();
    await click('[data-testid=passkey-skip]');
    expect(sent.find((s) => s.route === 'POST /registrations/complete')?.body).toEqual({
      key: draft.key,
    });
    expect(currentPath.value).toBe('/r/7K3MQX9PR/done');
    expect(sessionStorage.getItem(DRAFT_STORAGE_KEY)).toBeNull();
    expect(q('[data-testid=registration-number]')?.textContent).toBe('R7K3-M2QX');
    expect(text()).toContain('次からは、メールに届くコードでログインできます。');
    expect(q<HTMLAnchorElement>('[data-testid=done-to-me]')?.getAttribute('href')).toBe('/me');
  });

  /**
   * A phone that can make passkeys, at the passkey step with the code confirmed; every prompt
   * is cancelled. Returns how many prompts were opened and the option requests sent.
   */
  async function atPasskeyStep() {
    sentDraft();
    on('POST /registrations/verify-email', () => json({ ...STATUS, emailVerified: true }));
    on('POST /registrations/passkey-options', () =>
      json({ publicKey: { challenge: 'AAAA', user: { id: 'AAAA', name: 'h', displayName: 'h' } } }),
    );
    class FakeCredential {
      static isUserVerifyingPlatformAuthenticatorAvailable = () => Promise.resolve(true);
    }
    vi.stubGlobal('PublicKeyCredential', FakeCredential);
    vi.stubGlobal('isSecureContext', true);
    const cancelled = Object.assign(new Error('cancelled'), { name: 'NotAllowedError' });
    const create = vi.fn(async () => Promise.reject(cancelled));
    vi.stubGlobal('navigator', { ...navigator, credentials: { create, get: vi.fn() } });
    await open('/r/7K3MQX9PR/confirm');
    await type('#verify-code', '123456');
    await submit('[data-testid=verify-form]');
    return {
      prompts: () => create.mock.calls.length,
      options: () => sent.filter((s) => s.route === 'POST /registrations/passkey-options'),
    };
  }

  it('asks for the passkey options as soon as the step shows, uses them once, and asks again after that', async () => {
    const { prompts, options } = await atPasskeyStep();
    // Asked for before the tap: the tap goes straight to the phone's prompt.
    expect(q('[data-testid=passkey-create]')).not.toBeNull();
    expect(options()).toHaveLength(1);
    await click('[data-testid=passkey-create]');
    expect(prompts()).toBe(1);
    expect(options()).toHaveLength(1);
    expect(q('[data-testid=passkey-problem]')).not.toBeNull();
    // Options serve one prompt: the next tap asks for new ones.
    await click('[data-testid=passkey-create]');
    expect(prompts()).toBe(2);
    expect(options()).toHaveLength(2);
  });

  it('does not use passkey options asked for ahead once the server has let them go', async () => {
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now);
    const { options } = await atPasskeyStep();
    expect(options()).toHaveLength(1);
    clock.mockReturnValue(now + 4 * 60_000 + 1); // the server keeps a ceremony 5 minutes
    await click('[data-testid=passkey-create]');
    expect(options()).toHaveLength(2);
    clock.mockRestore();
  });

  it('someone registered before with another address is told so once the code is right, and offered sign-in; nothing is kept', async () => {
    sentDraft();
    on('POST /registrations/verify-email', () =>
      json({ code: 'person_registered', message: 'x' }, 409),
    );
    await open('/r/7K3MQX9PR/confirm');
    await type('#verify-code', '123456');
    await submit('[data-testid=verify-form]');
    const told = q('[data-testid=confirm-registered]');
    expect(told?.textContent).toContain('すでに登録されています');
    expect([...(told?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href'))).toEqual([
      '/sign-in',
      '/recover',
    ]);
    expect(q('[data-testid=verify-form]')).toBeNull();
    expect(q('[data-testid=passkey-step]')).toBeNull();
    expect(sent.some((s) => s.route === 'POST /registrations/passkey-options')).toBe(false);
    expect(sessionStorage.getItem(DRAFT_STORAGE_KEY)).toBeNull();
  });

  it('the account at the confirmed address is signed in to, with no passkey made in this flow', async () => {
    sentDraft();
    on('POST /registrations/verify-email', () =>
      json({ ...STATUS, emailVerified: true, next: 'sign_in' }),
    );
    on('POST /registrations/complete', () =>
      json({
        registrationNumber: 'R7K3-M2QX',
        network: {
          code: 'demo',
          name: 'デモ連携ネット',
          nameEn: 'Demo network',
          demo: true,
          facilityCount: 6,
        },
        consentVersion: 2,
        passkey: true,
      }),
    );
    await open('/r/7K3MQX9PR/confirm');
    await type('#verify-code', '123456');
    await submit('[data-testid=verify-form]');
    expect(sent.some((s) => s.route === 'POST /registrations/passkey-options')).toBe(false);
    expect(currentPath.value).toBe('/r/7K3MQX9PR/done');
    expect(q('[data-testid=done-existing]')?.textContent).toContain('新しい登録は作らず');
    expect(q('h1')?.textContent).toBe('すでに登録されていました');
  });

  it('an expired registration says so and offers to start again', async () => {
    sentDraft();
    on('POST /registrations/verify-email', () => json({ code: 'not_found', message: 'x' }, 404));
    await open('/r/7K3MQX9PR/confirm');
    await type('#verify-code', '123456');
    await submit('[data-testid=verify-form]');
    expect(q('[data-testid=confirm-problem]')?.textContent).toContain(
      'はじめからやり直してください',
    );
  });
});

describe('the person’s page, signing in and out', () => {
  const ME = {
    registrationNumber: 'R7K3-M2QX',
    name: '山田 花子',
    emailMasked: 'h***@example.jp',
    passkeys: 0,
    networks: [
      {
        code: 'demo',
        name: 'デモ連携ネット',
        nameEn: 'Demo network',
        consentVersion: 2,
        joinedAt: '2026-11-21T01:00:00Z',
      },
    ],
  };

  it('sends a signed-out person to sign in', async () => {
    on('GET /me', () => json({ code: 'unauthorized', message: 'x' }, 401));
    await open('/me');
    expect(currentPath.value).toBe('/sign-in');
  });

  const SUMMARY = {
    name: '山田 花子',
    nameKana: 'ヤマダ ハナコ',
    birthDate: 'S25.4.1',
    asOf: '2026-11-21T03:00:00Z',
    joinedAt: '2026-11-21T01:00:00Z',
    current: [],
    history: [],
    historyTotal: 0,
    allergies: [],
    flags: [],
    sources: [],
  };

  it('asks for the summary at the same time as who the person is, and once', async () => {
    let summaryFirst = false;
    on('GET /me', async () => {
      await new Promise((r) => setTimeout(r, 5));
      summaryFirst = sent.some((s) => s.route === 'GET /me/summary');
      return json(ME);
    });
    on('GET /me/summary', () => json(SUMMARY));
    await open('/me');
    await settle();
    expect(q('[data-testid=me-summary]')?.textContent).toContain('まだ情報はありません。');
    expect(summaryFirst).toBe(true);
    expect(sent.filter((s) => s.route === 'GET /me/summary')).toHaveLength(1);
  });

  it('a page that failed to load and is retried loads the summary again too', async () => {
    const offline = () => Promise.reject(new TypeError('Failed to fetch'));
    on('GET /me', offline, () => json(ME));
    on('GET /me/summary', offline, () => json(SUMMARY));
    await open('/me');
    expect(q('[data-testid=me-error]')).not.toBeNull();
    await click('[data-testid=me-error] button');
    await settle();
    expect(q('[data-testid=me-summary]')?.textContent).toContain('まだ情報はありません。');
    expect(q('[data-testid=summary-error]')).toBeNull();
  });

  it('shows the registration number, the networks and the plainly empty summary; signing out forgets everything', async () => {
    on('GET /me', () => json(ME));
    on('GET /me/summary', () => json(SUMMARY));
    on('POST /sign-out', () => new Response(null, { status: 204 }));
    sessionStorage.setItem('something', 'personal');
    localStorage.setItem(
      'renkei.emergencyCard',
      JSON.stringify({ savedAt: '2026-11-21T03:00:00Z', card: SUMMARY }),
    );
    await open('/me');
    expect(q('[data-testid=me-registration-number]')?.textContent).toBe('R7K3-M2QX');
    expect(q('h1')?.textContent).toBe('山田 花子 さん');
    expect(q('[data-testid=me-networks]')?.textContent).toContain(
      '2026年11月21日に参加（同意書 第2版）',
    );
    expect(q('[data-testid=me-summary]')?.textContent).toContain('まだ情報はありません。');
    expect(q('[data-testid=me-summary]')?.textContent).toContain('参加した日より後');
    await click('[data-testid=sign-out]');
    expect(sent.some((s) => s.route === 'POST /sign-out')).toBe(true);
    expect(sessionStorage.length).toBe(0);
    expect(localStorage.getItem('renkei.emergencyCard')).toBeNull();
    expect(currentPath.value).toBe('/sign-in');
  });

  it('shows the safety flags first, naming the medicines, the facilities and the allergy', async () => {
    const med = (id: string, name: string, facility: string) => ({
      id,
      name,
      kind: 'request',
      status: 'active',
      date: '2026-11-20',
      days: 30,
      facility,
      prescribedBy: facility,
      durationUnstated: false,
      until: '2026-12-19',
    });
    on('GET /me', () => json(ME));
    on('GET /me/summary', () =>
      json({
        ...SUMMARY,
        current: [
          med('m1', 'アムロジピン錠5mg', 'A病院'),
          med('m2', 'ノルバスク錠5mg', 'B医院'),
          med('m3', 'ロキソニン錠', 'B医院'),
        ],
        history: [med('m1', 'アムロジピン錠5mg', 'A病院')],
        historyTotal: 1,
        allergies: [
          {
            id: 'a1',
            text: 'ロキソプロフェン',
            contraindication: true,
            active: true,
            date: '2026-11-20',
            facility: 'A病院',
          },
        ],
        flags: [
          { kind: 'duplicate', medicines: ['m1', 'm2'], facilities: ['A病院', 'B医院'] },
          { kind: 'allergy', medicines: ['m3'], allergy: 'a1', contraindication: true },
        ],
      }),
    );
    await open('/me');
    const flags = q('[data-testid=summary-flags]')?.textContent ?? '';
    expect(flags).toContain('A病院・B医院から同時に出ています: アムロジピン錠5mg、ノルバスク錠5mg');
    expect(flags).toContain('ロキソニン錠 は、記録されている禁忌「ロキソプロフェン」');
    expect(q('[data-testid=summary-current]')?.querySelectorAll('li').length).toBe(3);
    expect(q('[data-testid=summary-contraindications]')?.textContent).toContain('A病院');
  });

  it('an account that uses a passkey is told to sign in with it, with the way to recovery', async () => {
    on('POST /sign-in/email-code', () =>
      json({ flow: FLOW, resendAvailableAt: '2000-01-01T00:00:00Z' }, 202),
    );
    on('POST /sign-in/email', () => json({ code: 'passkey_required', message: 'x' }, 409));
    await open('/sign-in');
    expect(q('#signin-email')?.getAttribute('autocomplete')).toBe('username webauthn');
    await type('#signin-email', 'hanako@example.jp');
    await typeBirthDate('signin');
    await submit('[data-testid=sign-in-email-form]');
    expect(sent.find((s) => s.route === 'POST /sign-in/email-code')?.body).toEqual({
      email: 'hanako@example.jp',
      birthDate: 'S25.4.1',
    });
    await type('#signin-code', '123456');
    await submit('[data-testid=sign-in-code-form]');
    const alert = q('[data-testid=passkey-required]');
    expect(alert?.textContent).toContain('パスキーでログインする設定です');
    expect(alert?.querySelector('a')?.getAttribute('href')).toBe('/recover');
  });

  it('signs in with an email code', async () => {
    on('POST /sign-in/email-code', () =>
      json({ flow: FLOW, resendAvailableAt: '2000-01-01T00:00:00Z' }, 202),
    );
    on('POST /sign-in/email', () => json({ registrationNumber: 'R7K3-M2QX' }));
    on('GET /me', () => json(ME));
    await open('/sign-in');
    await type('#signin-email', 'hanako@example.jp');
    await submit('[data-testid=sign-in-email-form]');
    expect(q('[data-testid=error-summary]')?.textContent).toContain('生年月日');
    expect(sent.filter((s) => s.route === 'POST /sign-in/email-code')).toHaveLength(0);
    await typeBirthDate('signin');
    await submit('[data-testid=sign-in-email-form]');
    await type('#signin-code', '654321');
    await submit('[data-testid=sign-in-code-form]');
    expect(sent.find((s) => s.route === 'POST /sign-in/email')?.body).toEqual({
      email: 'hanako@example.jp',
      code: '654321',
      flow: FLOW,
    });
    expect(currentPath.value).toBe('/me');
  });

  it('recovery asks for the code with the date of birth and sends back its flow with the insurance details', async () => {
    on('POST /sign-in/email-code', () =>
      json({ flow: FLOW, resendAvailableAt: '2000-01-01T00:00:00Z' }, 202),
    );
    on('POST /recovery', () => json({ code: 'details_mismatch', message: 'x' }, 422));
    await open('/recover');
    await type('#recover-email', 'hanako@example.jp');
    await typeBirthDate('recover');
    await submit('[data-testid=recover-email-form]');
    expect(sent.find((s) => s.route === 'POST /sign-in/email-code')?.body).toEqual({
      email: 'hanako@example.jp',
      birthDate: 'S25.4.1',
    });
    await type('#recover-code', '654321');
    await type('#recover-insurerNumber', '33120015');
    await type('#recover-number', '3456');
    await submit('[data-testid=recover-form]');
    expect(sent.find((s) => s.route === 'POST /recovery')?.body).toMatchObject({
      email: 'hanako@example.jp',
      code: '654321',
      flow: FLOW,
      insurerNumber: '33120015',
      number: '3456',
      birthDate: 'S25.4.1',
    });
  });
});
