import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app';
import { lang } from '../src/i18n';
import { actingFor, resetActing, startActing } from '../src/lib/acting-for';
import { loadPendingInvitation, savePendingInvitation } from '../src/lib/pending-invitation';
import { currentPath } from '../src/router';

/**
 * The family-proxy screens against a fake API: the switcher and the banner, what a proxy is not
 * offered, the end of a proxy the server refuses, hiding a record, and the family registration
 * form's own checks.
 */

type Handler = (body: unknown, request: Request) => Response | Promise<Response>;
let routes: Record<string, Handler[]>;
let sent: Array<{ route: string; body: unknown; actingFor: string | null }>;
let root: HTMLElement;

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function on(route: string, ...handlers: Handler[]) {
  routes[route] = handlers;
}

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
const text = (selector = 'main') => q(selector)?.textContent ?? '';

async function click(selector: string) {
  const element = q<HTMLElement>(selector);
  if (!element) throw new Error(`no ${selector}`);
  await act(() => element.click());
  await settle();
}

const DEMO = { code: 'demo', name: 'デモ連携ネット', nameEn: 'Demo network' };
const ME = {
  registrationNumber: 'R7K3-M2QX',
  name: '山田 太郎',
  passkeys: 1,
  networks: [{ ...DEMO, consentVersion: 1, joinedAt: '2026-04-01T01:00:00Z' }],
};
const PARENT = {
  registrationNumber: 'P9Q8-W7E6',
  name: '山田 花子',
  passkeys: 0,
  networks: [{ ...DEMO, consentVersion: 1, joinedAt: '2026-04-01T01:00:00Z' }],
};
const LINK = {
  linkId: 'link-1',
  registrationNumber: 'P9Q8-W7E6',
  name: '山田 花子',
  nameKana: 'ヤマダ ハナコ',
  relationship: 'child',
  level: 'view',
  since: '2026-04-02T01:00:00Z',
  claimed: false,
  standing: 'confirmed',
  reviewOn: '2027-04-02',
};
const MEDICINE = {
  id: 'm1',
  name: 'アムロジピン錠5mg',
  kind: 'request',
  status: 'active',
  date: '2026-04-03',
  facility: 'デモ総合病院',
  prescribedBy: 'デモ総合病院',
  hiddenFromProxies: false,
  durationUnstated: false,
};
function summary(hidden = false) {
  const m = { ...MEDICINE, hiddenFromProxies: hidden };
  return {
    name: '山田',
    nameKana: 'ヤマダ',
    birthDate: '1950-01-01',
    asOf: '2026-04-04T01:00:00Z',
    current: [m],
    history: [m],
    historyTotal: 1,
    allergies: [],
    flags: [],
    sources: [],
  };
}

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
      const raw = request.method === 'GET' ? '' : await request.text();
      const body: unknown = raw ? JSON.parse(raw) : undefined;
      sent.push({ route, body, actingFor: request.headers.get('renkei-acting-for') });
      const handlers = routes[route];
      if (!handlers || handlers.length === 0)
        return json({ code: 'not_found', message: route }, 404);
      const handler = handlers.length > 1 ? handlers.shift()! : handlers[0]!;
      return handler(body, request);
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
  currentPath.value = '/';
  history.replaceState(null, '', '/');
});

/** /me answers for the person the header names. */
function meFor(request: Request) {
  return json(request.headers.get('renkei-acting-for') === 'link-1' ? PARENT : ME);
}

describe('acting for a family member', () => {
  it('lists the people one may act for, and opens their page under the banner', async () => {
    on('GET /me', (_b, r) => meFor(r));
    on('GET /me/summary', () => json(summary()));
    on('GET /me/people', () => json({ people: [LINK] }));
    await open('/me');
    expect(text('[data-testid=family]')).toContain('ご家族の代理');
    expect(text('[data-testid=family-person]')).toContain('あなたは子・見るだけ');
    expect(text('[data-testid=family-person]')).toContain('まだご自身のログインを始めていません');
    expect(q('[data-testid=acting-banner]')).toBeNull();

    await click('[data-testid=family-act]');
    expect(actingFor.value?.linkId).toBe('link-1');
    expect(text('[data-testid=acting-banner]')).toContain('山田 花子さんの代理で操作中');
    expect(text('[data-testid=acting-banner]')).toContain('見るだけ');
    expect(text('[data-testid=me-name]')).toBe('山田 花子 さんのページ');
    // What a view-only proxy may not do is not offered.
    expect(q('[data-testid=me-data]')).toBeNull();
    expect(q('[data-testid=family]')).toBeNull();
    expect(q('[data-testid=me-passkey]')).toBeNull();
    expect(q('[data-testid=visibility-current]')).toBeNull();
    expect(q('[data-testid=me-view-only]')).not.toBeNull();
    const acted = sent.filter((s) => s.actingFor === 'link-1').map((s) => s.route);
    expect(acted).toEqual(['GET /me', 'GET /me/summary', 'GET /me/insurance']);
    expect(
      sent.filter((s) => s.route === 'GET /me/people').every((s) => s.actingFor === null),
    ).toBe(true);

    // Back to one's own page.
    await click('[data-testid=acting-back]');
    expect(actingFor.value).toBeNull();
    expect(text('[data-testid=me-name]')).toBe('山田 太郎 さん');
  });

  it('goes back to the own page with a notice when the server refuses the link', async () => {
    startActing({ linkId: 'link-1', name: '山田 花子', relationship: 'child', level: 'manage' });
    on('GET /me', (_b, r) =>
      r.headers.get('renkei-acting-for')
        ? json({ code: 'proxy_not_active', message: 'no' }, 403)
        : json(ME),
    );
    on('GET /me/summary', () => json(summary()));
    on('GET /me/people', () => json({ people: [] }));
    await open('/me');
    expect(actingFor.value).toBeNull();
    expect(sessionStorage.getItem('renkei.actingFor')).toBeNull();
    expect(q('[data-testid=acting-banner]')).toBeNull();
    expect(text('[data-testid=proxy-ended]')).toContain('山田 花子さんの代理はできなくなりました');
    expect(text('[data-testid=me-name]')).toBe('山田 太郎 さん');
    expect(q('[data-testid=family-none]')).not.toBeNull();
  });

  it('shows a proxy whose link is not confirmed only where the registration stands, and how it gets confirmed', async () => {
    let confirmed = false;
    on('GET /me', (_b, r) => meFor(r));
    on('GET /me/summary', (_b, r) =>
      r.headers.get('renkei-acting-for') && !confirmed
        ? json({ code: 'proxy_unconfirmed', message: '確認されていません' }, 403)
        : json(summary()),
    );
    on('GET /me/people', () =>
      json({
        people: [{ ...LINK, level: 'manage', standing: 'unconfirmed', reviewOn: undefined }],
      }),
    );
    await open('/me');
    expect(text('[data-testid=family-standing]')).toContain('確認待ち');
    await click('[data-testid=family-act]');
    expect(text('[data-testid=me-name]')).toBe('山田 花子 さんのページ');
    expect(text('[data-testid=proxy-pending]')).toContain('まだ確認されていません');
    expect(text('[data-testid=proxy-pending]')).toContain('参加施設の受付');
    expect(q('[data-testid=summary-current]')).toBeNull();
    const acted = sent.filter((s) => s.actingFor === 'link-1').map((s) => s.route);
    expect(acted).toEqual(['GET /me', 'GET /me/summary']);
    // Once the person confirms it, the next visit shows her page.
    confirmed = true;
    await act(() => render(null, root));
    await open('/me');
    expect(q('[data-testid=proxy-pending]')).toBeNull();
    expect(actingFor.value?.standing).toBe('confirmed');
  });

  it('offers signing out on every device to the person, not to a proxy', async () => {
    on('GET /me', (_b, r) => meFor(r));
    on('GET /me/summary', () => json(summary()));
    on('GET /me/people', () => json({ people: [LINK] }));
    on('POST /me/sign-out-everywhere', () => new Response(null, { status: 204 }));
    await open('/me');
    expect(text('[data-testid=sign-out-everywhere]')).toBe('すべての端末からログアウト');
    await click('[data-testid=family-act]');
    expect(q('[data-testid=sign-out-everywhere]')).toBeNull();
    await click('[data-testid=acting-back]');
    await click('[data-testid=sign-out-everywhere]');
    const call = sent.find((s) => s.route === 'POST /me/sign-out-everywhere');
    expect(call?.actingFor).toBeNull();
    expect(location.pathname).toBe('/sign-in');
  });

  it('loads more of their history under their name', async () => {
    startActing({ linkId: 'link-1', name: '山田 花子', relationship: 'child', level: 'view' });
    const older = { ...MEDICINE, id: 'm0', name: 'メトホルミン塩酸塩錠250mg', date: '2026-01-10' };
    const pages: string[] = [];
    on('GET /me', (_b, r) => meFor(r));
    on('GET /me/summary', () => json({ ...summary(), historyTotal: 2 }));
    on('GET /me/summary/history', (_b, r) => {
      pages.push(new URL(r.url).search);
      return json({ items: [older], offset: 1, total: 2 });
    });
    await open('/me');
    expect(text('.history summary')).toBe('過去12か月のお薬の記録（2件）');
    await click('[data-testid=history-more]');
    expect(pages).toEqual(['?offset=1&limit=50']);
    expect(sent.find((s) => s.route === 'GET /me/summary/history')?.actingFor).toBe('link-1');
    expect(
      [...root.querySelectorAll('[data-testid=summary-history] .medicine__name')].map(
        (e) => e.textContent,
      ),
    ).toEqual(['アムロジピン錠5mg', 'メトホルミン塩酸塩錠250mg']);
    expect(q('[data-testid=history-more]')).toBeNull();
    // A proxy gets no switch, on the entries added either.
    expect(q('[data-testid=visibility-history]')).toBeNull();
  });

  it('keeps one’s own pages for oneself while acting', async () => {
    startActing({ linkId: 'link-1', name: '山田 花子', relationship: 'child', level: 'manage' });
    await open('/me/proxies');
    expect(text('[data-testid=self-only]')).toContain('山田 花子さんの代理で操作しています');
    expect(sent).toEqual([]);
  });
});

/** A person who has invited a family member (an invitation open): hiding is offered. */
const WITH_A_PROXY = { proxies: [], invitations: [{ id: 'inv-1', status: 'open' }], limit: 5 };

describe('hiding a record from family', () => {
  it('is not offered to someone with no proxy (nothing to hide from)', async () => {
    on('GET /me', () => json(ME));
    on('GET /me/summary', () => json(summary()));
    on('GET /me/people', () => json({ people: [] }));
    // A proxy who stopped, and an invitation that ran out, are no one to hide from.
    on('GET /me/proxies', () =>
      json({
        proxies: [{ linkId: 'l-0', status: 'revoked' }],
        invitations: [{ id: 'inv-0', status: 'expired' }],
        limit: 5,
      }),
    );
    await open('/me');
    expect(q('[data-testid=summary-current]')).not.toBeNull();
    expect(q('[data-testid=visibility-current]')).toBeNull();
    expect(root.textContent).not.toContain('代理人には表示されません');
  });

  it('asks the server and marks the record', async () => {
    on('GET /me', () => json(ME));
    on('GET /me/summary', () => json(summary()));
    on('GET /me/people', () => json({ people: [] }));
    on('GET /me/proxies', () => json(WITH_A_PROXY));
    on('PUT /me/records/m1/visibility', () => json({ id: 'm1', hiddenFromProxies: true }));
    await open('/me');
    expect(q('[data-testid=hidden-marker]')).toBeNull();
    const box = q<HTMLInputElement>('[data-testid=visibility-current]');
    expect(box?.checked).toBe(false);
    await act(() => box?.click());
    await settle();
    expect(sent.find((s) => s.route === 'PUT /me/records/m1/visibility')?.body).toEqual({
      hiddenFromProxies: true,
    });
    expect(q<HTMLInputElement>('[data-testid=visibility-current]')?.checked).toBe(true);
    // The same record in the history follows.
    expect(q<HTMLInputElement>('[data-testid=visibility-history]')?.checked).toBe(true);
    expect(text('[data-testid=hidden-marker]')).toBe('家族（代理人）には見せていません');
  });

  it('works on history entries loaded with “show more”, which follow the switch like the rest', async () => {
    const older = { ...MEDICINE, id: 'm0', name: 'メトホルミン塩酸塩錠250mg', date: '2026-01-10' };
    on('GET /me', () => json(ME));
    on('GET /me/summary', () => json({ ...summary(), historyTotal: 2 }));
    on('GET /me/summary/history', () => json({ items: [older], offset: 1, total: 2 }));
    on('GET /me/people', () => json({ people: [] }));
    on('GET /me/proxies', () => json(WITH_A_PROXY));
    on('PUT /me/records/m0/visibility', () => json({ id: 'm0', hiddenFromProxies: true }));
    await open('/me');
    await click('[data-testid=history-more]');
    expect(sent.find((s) => s.route === 'GET /me/summary/history')?.actingFor).toBeNull();
    const added = [...root.querySelectorAll<HTMLElement>('[data-testid=summary-history] li')].at(
      -1,
    )!;
    expect(added.textContent).toContain('メトホルミン塩酸塩錠250mg');
    const box = added.querySelector<HTMLInputElement>('[data-testid=visibility-history]')!;
    await act(() => box.click());
    await settle();
    expect(sent.find((s) => s.route === 'PUT /me/records/m0/visibility')?.body).toEqual({
      hiddenFromProxies: true,
    });
    expect(added.querySelector<HTMLInputElement>('[data-testid=visibility-history]')?.checked).toBe(
      true,
    );
    expect(added.querySelector('[data-testid=hidden-marker]')?.textContent).toBe(
      '家族（代理人）には見せていません',
    );
  });

  it('puts the switch back and says why when the server refuses', async () => {
    on('GET /me', () => json(ME));
    on('GET /me/summary', () => json(summary()));
    on('GET /me/people', () => json({ people: [] }));
    on('GET /me/proxies', () => json(WITH_A_PROXY));
    on('PUT /me/records/m1/visibility', () => json({ code: 'internal', message: 'x' }, 500));
    await open('/me');
    await act(() => q<HTMLInputElement>('[data-testid=visibility-current]')?.click());
    await settle();
    expect(q<HTMLInputElement>('[data-testid=visibility-current]')?.checked).toBe(false);
    expect(text('[data-testid=visibility-problem]')).toContain('システムで問題が発生しました');
  });
});

describe('registering a family member', () => {
  it('sends a person who is not signed in to sign in, showing none of the form', async () => {
    on('GET /me', () => json({ code: 'unauthorized', message: 'x' }, 401));
    on('GET /networks', () => json([{ ...DEMO, demo: true, facilityCount: 3 }]));
    await open('/me/people/new');
    expect(location.pathname).toBe('/sign-in');
    expect(q('[data-testid=person-form]')).toBeNull();
  });

  it('checks the answers before sending, with the person’s email optional', async () => {
    on('GET /me', () => json(ME));
    on('GET /networks', () => json([{ ...DEMO, demo: true, facilityCount: 3 }]));
    on('GET /networks/demo/consent', () =>
      json({
        network: 'demo',
        version: 2,
        effectiveAt: '2026-04-01T00:00:00Z',
        requiresReconsent: false,
        ja: { title: '同意書', summary: '要約', body: '本文' },
        en: { title: 'Consent', summary: 'Summary', body: 'Body' },
      }),
    );
    await open('/me/people/new');
    expect(text('[data-testid=person-network]')).toBe('デモ連携ネット');
    expect(text('[data-testid=consent-version]')).toContain('第2版');
    const form = q<HTMLFormElement>('[data-testid=person-form]');
    await act(() => {
      form?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    for (const field of [
      'relationship',
      'reason',
      'attestation',
      'documentKind',
      'name',
      'birthDate',
      'phone',
    ]) {
      expect(q(`[data-testid=error-person-${field}]`), field).not.toBeNull();
    }
    expect(q('[data-testid=error-person-email]')).toBeNull();
    expect(sent.some((s) => s.route === 'POST /me/people')).toBe(false);
  });
});

describe('the family registration kept in this tab', () => {
  const CONSENT = {
    network: 'demo',
    version: 2,
    effectiveAt: '2026-04-01T00:00:00Z',
    requiresReconsent: false,
    ja: { title: '同意書', summary: '要約', body: '本文' },
    en: { title: 'Consent', summary: 'Summary', body: 'Body' },
  };
  const KEPT = {
    network: 'demo',
    answers: {
      relationship: 'child',
      reason: 'cognitive',
      reasonNote: '',
      attestation: 'person_agreed',
    },
    details: {
      documentKind: 'qualification_certificate',
      insurerNumber: '33120015',
      symbol: '77',
      number: '4321',
      branch: '01',
      name: '山田 花子',
      nameKana: 'ヤマダ ハナコ',
      birthCalendar: 'S',
      birthYear: '15',
      birthMonth: '4',
      birthDay: '1',
      sex: 'female',
      phone: '0451234567',
      email: '',
    },
  };

  it('keeps what is typed, and brings it back after a reload', async () => {
    on('GET /me', () => json(ME));
    on('GET /networks', () => json([{ ...DEMO, demo: true, facilityCount: 3 }]));
    on('GET /networks/demo/consent', () => json(CONSENT));
    await open('/me/people/new');
    expect(sessionStorage.getItem('renkei.personRegistration')).toBeNull();
    const name = q<HTMLInputElement>('#person-name');
    await act(() => {
      if (name) name.value = '山田 花子';
      name?.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => q<HTMLInputElement>('input[type=radio][value=spouse]')?.click());
    await settle();
    const kept = JSON.parse(
      sessionStorage.getItem('renkei.personRegistration') ?? 'null',
    ) as typeof KEPT;
    expect(kept.details.name).toBe('山田 花子');
    expect(kept.answers.relationship).toBe('spouse');

    render(null, root);
    await open('/me/people/new');
    expect(q<HTMLInputElement>('#person-name')?.value).toBe('山田 花子');
    expect(q<HTMLInputElement>('input[type=radio][value=spouse]')?.checked).toBe(true);
  });

  it('keeps nothing once the person is registered', async () => {
    sessionStorage.setItem('renkei.personRegistration', JSON.stringify(KEPT));
    on('GET /me', () => json(ME));
    on('GET /networks', () => json([{ ...DEMO, demo: true, facilityCount: 3 }]));
    on('GET /networks/demo/consent', () => json(CONSENT));
    on('POST /me/people', () =>
      json({
        registrationNumber: 'P9Q8-W7E6',
        networkCode: 'demo',
        networkName: 'デモ連携ネット',
        consentVersion: 2,
      }),
    );
    on('GET /me/people', () => json({ people: [LINK] }));
    await open('/me/people/new');
    expect(q<HTMLInputElement>('#person-number')?.value).toBe('4321');
    const form = q<HTMLFormElement>('[data-testid=person-form]');
    await act(() => {
      form?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    const body = sent.find((s) => s.route === 'POST /me/people')?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      network: 'demo',
      consentVersion: 2,
      relationship: 'child',
      number: '4321',
      name: '山田 花子',
    });
    expect(q('[data-testid=person-done]')).not.toBeNull();
    expect(sessionStorage.getItem('renkei.personRegistration')).toBeNull();
    expect(q('[data-testid=person-act]')).not.toBeNull();
  });

  it('says plainly what to do next when no link was made, without saying why', async () => {
    sessionStorage.setItem('renkei.personRegistration', JSON.stringify(KEPT));
    on('GET /me', () => json(ME));
    on('GET /networks', () => json([{ ...DEMO, demo: true, facilityCount: 3 }]));
    on('GET /networks/demo/consent', () => json(CONSENT));
    on('POST /me/people', () =>
      json({
        registrationNumber: 'Z1X2-C3V4',
        networkCode: 'demo',
        networkName: 'デモ連携ネット',
        consentVersion: 2,
      }),
    );
    on('GET /me/people', () => json({ people: [] }));
    await open('/me/people/new');
    const form = q<HTMLFormElement>('[data-testid=person-form]');
    await act(() => {
      form?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    expect(sessionStorage.getItem('renkei.personRegistration')).toBeNull();
    const next = text('[data-testid=person-not-linked]');
    expect(next).toContain('事務局が内容を確認します');
    expect(next).toContain(
      'ご自身のページの「家族に代理を頼む」からあなたを招待してもらってください',
    );
    expect(next).toContain('参加している医療機関・薬局の受付でご相談ください');
    expect(text()).not.toMatch(/すでに|既に|登録済/);
    expect(q('[data-testid=person-act]')).toBeNull();
  });
});

describe('an invitation opened signed out', () => {
  it('offers to sign in, with the way back to the invitation', async () => {
    on('POST /invitations/lookup', () => json({ code: 'unauthorized', message: 'x' }, 401));
    await open('/invite?r=7K3MQX9PR#ABCD-EFGH-JK-C');
    expect(sent.find((s) => s.route === 'POST /invitations/lookup')?.body).toEqual({
      code: 'ABCD-EFGH-JK-C',
    });
    const signIn = q<HTMLAnchorElement>('[data-testid=invite-sign-in]');
    expect(signIn?.textContent).toBe('ログインして受ける');
    await click('[data-testid=invite-sign-in]');
    expect(location.pathname).toBe('/sign-in');
    expect(new URLSearchParams(location.search).get('next')).toBe('/invite#ABCD-EFGH-JK-C');
    expect(sessionStorage.getItem('renkei.pendingInvitation')).toBeNull();
  });

  it('for someone new, keeps the invitation and goes to register through the poster in the link', async () => {
    on('POST /invitations/lookup', () => json({ code: 'unauthorized', message: 'x' }, 401));
    await open('/invite?r=7k3m-qx9p-r#ABCD-EFGH-JK-C');
    expect(text('[data-testid=invite-register]')).toBe('はじめての方: 登録してから受ける');
    await click('[data-testid=invite-register]');
    expect(location.pathname).toBe('/r/7K3MQX9PR');
    expect(loadPendingInvitation()).toBe('ABCD-EFGH-JK-C');
  });

  it('without a poster in the link, says to register at a facility first and open the link again', async () => {
    on('POST /invitations/lookup', () => json({ code: 'unauthorized', message: 'x' }, 401));
    await open('/invite#ABCD-EFGH-JK-C');
    expect(q('[data-testid=invite-register]')).toBeNull();
    expect(text('[data-testid=invite-no-entry]')).toContain('ポスターのQRコードを読み取って登録し');
    expect(text('[data-testid=invite-no-entry]')).toContain('もう一度この招待のリンクを開いて');
    expect(q('[data-testid=invite-sign-in]')).not.toBeNull();
  });
});

describe('an invitation kept while registering', () => {
  it('is offered on the registration’s done screen', async () => {
    savePendingInvitation('ABCD-EFGH-JK-C');
    await open('/r/7K3MQX9PR/done');
    const link = q<HTMLAnchorElement>('[data-testid=done-to-invitation]');
    expect(link?.textContent).toBe('招待の受け入れに進む');
    expect(link?.getAttribute('href')).toBe('/invite#ABCD-EFGH-JK-C');
    expect(q('[data-testid=done-to-me]')?.className).toContain('button--secondary');
  });

  it('is not offered when there is none', async () => {
    await open('/r/7K3MQX9PR/done');
    expect(q('[data-testid=done-invitation]')).toBeNull();
    expect(q('[data-testid=done-to-me]')?.className).not.toContain('button--secondary');
  });

  it('is forgotten once accepted', async () => {
    savePendingInvitation('ABCD-EFGH-JK-C');
    on('POST /invitations/lookup', () =>
      json({ inviterName: '山田 花子', level: 'view', expiresAt: '2026-05-01T00:00:00Z' }),
    );
    on('POST /invitations/accept', () => json(LINK));
    on('GET /me', () => json(ME));
    on('GET /me/summary', () => json(summary()));
    on('GET /me/people', () => json({ people: [LINK] }));
    await open('/invite#ABCD-EFGH-JK-C');
    await act(() => q<HTMLInputElement>('input[type=radio][value=child]')?.click());
    const form = q<HTMLFormElement>('[data-testid=invite-found]');
    await act(() => {
      form?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    expect(sent.find((s) => s.route === 'POST /invitations/accept')?.body).toEqual({
      code: 'ABCD-EFGH-JK-C',
      relationship: 'child',
    });
    expect(location.pathname).toBe('/me');
    expect(loadPendingInvitation()).toBeNull();
  });

  for (const code of ['invitation_used', 'invitation_expired', 'invitation_not_found']) {
    it(`is forgotten when refused as ${code}`, async () => {
      savePendingInvitation('ABCD-EFGH-JK-C');
      on('POST /invitations/lookup', () =>
        json({ code, message: 'x' }, code === 'invitation_not_found' ? 404 : 409),
      );
      await open('/invite#ABCD-EFGH-JK-C');
      expect(q('[data-testid=invite-problem]')).not.toBeNull();
      expect(loadPendingInvitation()).toBeNull();
    });
  }

  it('is kept when the refusal may pass (the inviter’s limit)', async () => {
    savePendingInvitation('ABCD-EFGH-JK-C');
    on('POST /invitations/lookup', () => json({ code: 'proxy_limit', message: 'x' }, 409));
    await open('/invite#ABCD-EFGH-JK-C');
    expect(loadPendingInvitation()).toBe('ABCD-EFGH-JK-C');
  });
});

describe('a proxy stepping down', () => {
  it('asks first, ends the link as themselves, and the person leaves the switcher', async () => {
    on('GET /me', () => json(ME));
    on('GET /me/summary', () => json(summary()));
    on(
      'GET /me/people',
      () => json({ people: [LINK] }),
      () => json({ people: [] }),
    );
    on('POST /me/proxies/link-1/revoke', () =>
      json({
        ...LINK,
        status: 'revoked',
        via: 'registration',
        revokedAt: '2026-04-05T01:00:00Z',
        history: [],
      }),
    );
    await open('/me');
    expect(text('[data-testid=family-stop]')).toBe('代理をやめる');
    await click('[data-testid=family-stop]');
    const confirm = text('[data-testid=family-stop-confirm]');
    expect(confirm).toContain('山田 花子さんの代理をやめますか？');
    expect(confirm).toContain('情報は見られなくなり');
    expect(confirm).toContain('両方にメールでお知らせします');
    expect(confirm).toContain('山田 花子さんから改めて招待してもらう必要があります');
    expect(sent.some((s) => s.route === 'POST /me/proxies/link-1/revoke')).toBe(false);
    await click('[data-testid=family-stop-yes]');
    const revoke = sent.filter((s) => s.route === 'POST /me/proxies/link-1/revoke');
    expect(revoke).toHaveLength(1);
    expect(revoke[0]?.actingFor).toBeNull();
    expect(sent.filter((s) => s.route === 'GET /me/people')).toHaveLength(2);
    expect(q('[data-testid=family-person]')).toBeNull();
    expect(q('[data-testid=family-none]')).not.toBeNull();
    expect(text('[data-testid=family-stopped]')).toContain('山田 花子さんの代理をやめました');
    expect(document.activeElement?.getAttribute('data-testid')).toBe('family-stopped');
  });

  it('never sends the acting-for header, even if this tab still names the link', async () => {
    const { stepDown } = await import('../src/api/proxies');
    startActing({ linkId: 'link-1', name: '山田 花子', relationship: 'child', level: 'manage' });
    on('POST /me/proxies/link-1/revoke', () =>
      json({
        ...LINK,
        status: 'revoked',
        via: 'registration',
        revokedAt: '2026-04-05T01:00:00Z',
        history: [],
      }),
    );
    expect((await stepDown('link-1')).ok).toBe(true);
    expect(sent.find((s) => s.route === 'POST /me/proxies/link-1/revoke')?.actingFor).toBeNull();
  });

  it('can be called off, and says why when the server refuses', async () => {
    on('GET /me', () => json(ME));
    on('GET /me/summary', () => json(summary()));
    on('GET /me/people', () => json({ people: [LINK] }));
    on('POST /me/proxies/link-1/revoke', () =>
      json({ code: 'proxy_already_revoked', message: 'x' }, 409),
    );
    await open('/me');
    await click('[data-testid=family-stop]');
    const no = [
      ...root.querySelectorAll<HTMLButtonElement>('[data-testid=family-stop-confirm] button'),
    ].find((b) => b.textContent === 'やめないで戻る');
    await act(() => no?.click());
    await settle();
    expect(q('[data-testid=family-stop-confirm]')).toBeNull();
    await click('[data-testid=family-stop]');
    await click('[data-testid=family-stop-yes]');
    expect(text('[data-testid=family-stop-problem]')).toContain('すでに取り消されています');
    expect(q('[data-testid=family-person]')).not.toBeNull();
  });
});

describe('confirming a proxy (/me/proxies)', () => {
  const waiting = {
    linkId: 'link-9',
    name: '山田 太郎',
    relationship: 'child',
    level: 'manage',
    status: 'active',
    via: 'registration',
    since: '2026-04-02T01:00:00Z',
    standing: 'unconfirmed',
    history: [],
  };

  it('offers the person to confirm a waiting proxy, and says the basis and review date after', async () => {
    on('GET /me/proxies', () => json({ proxies: [waiting], invitations: [], limit: 5 }));
    on('POST /me/proxies/link-9/confirm', () =>
      json({ ...waiting, standing: 'confirmed', basis: 'person_agreed', reviewOn: '2027-04-02' }),
    );
    await open('/me/proxies');
    expect(text('[data-testid=proxy-standing]')).toContain('あなたの確認待ちです');
    await click('[data-testid=proxy-approve]');
    expect(sent.filter((s) => s.route === 'POST /me/proxies/link-9/confirm')).toHaveLength(1);
    expect(text('[data-testid=proxy-approved]')).toContain(
      '山田 太郎さんを代理人として確認しました',
    );
    expect(text('[data-testid=proxy-standing]')).toContain('確認済み（ご本人の同意）');
    expect(q('[data-testid=proxy-approve]')).toBeNull();
  });

  it('says what to do when the confirmation is referred to the office', async () => {
    on('GET /me/proxies', () => json({ proxies: [waiting], invitations: [], limit: 5 }));
    on('POST /me/proxies/link-9/confirm', () =>
      json({ code: 'proxy_confirmation_referred', message: 'x' }, 409),
    );
    await open('/me/proxies');
    await click('[data-testid=proxy-approve]');
    expect(text('[data-testid=proxy-problem]')).toContain('ネットワーク事務局が確認し');
    expect(text('[data-testid=proxy-standing]')).toContain('あなたの確認待ちです');
  });
});
