import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, createApi, type Fetch } from '../src/api/client';
import {
  ACTING_FOR_KEY,
  actingFor,
  actsOnMe,
  allowed,
  loadActingFor,
  proxyEnded,
  resetActing,
  startActing,
  stopActing,
  type ActingFor,
} from '../src/lib/acting-for';

const BASE = 'http://localhost:3000';
const HANAKO: ActingFor = {
  linkId: '0193-link',
  name: '山田 花子',
  relationship: 'child',
  level: 'view',
  standing: 'confirmed',
};

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
}

afterEach(() => {
  resetActing();
  sessionStorage.clear();
});

describe('the acting-for state', () => {
  it('is kept in sessionStorage for this tab, and forgotten when stopped', () => {
    expect(actingFor.value).toBeNull();
    startActing({ ...HANAKO, ...({ extra: 'not kept' } as object) });
    expect(actingFor.value).toEqual(HANAKO);
    expect(JSON.parse(sessionStorage.getItem(ACTING_FOR_KEY) ?? 'null')).toEqual(HANAKO);
    expect(loadActingFor()).toEqual(HANAKO);
    stopActing();
    expect(actingFor.value).toBeNull();
    expect(sessionStorage.getItem(ACTING_FOR_KEY)).toBeNull();
  });

  it('ignores what it cannot read back', () => {
    sessionStorage.setItem(ACTING_FOR_KEY, '{not json');
    expect(loadActingFor()).toBeNull();
    sessionStorage.setItem(ACTING_FOR_KEY, JSON.stringify({ ...HANAKO, level: 'everything' }));
    expect(loadActingFor()).toBeNull();
    sessionStorage.setItem(ACTING_FOR_KEY, JSON.stringify({ ...HANAKO, linkId: '' }));
    expect(loadActingFor()).toBeNull();
  });

  it('allows nothing but the registration on a link not confirmed, or past its review date', () => {
    for (const standing of ['unconfirmed', 'review_due'] as const)
      for (const ability of ['view', 'manage', 'self'] as const)
        expect(allowed(ability, { ...HANAKO, level: 'manage', standing })).toBe(false);
    // A state kept before links had a standing reads as confirmed: the server decides.
    const { standing: _, ...old } = HANAKO;
    sessionStorage.setItem(ACTING_FOR_KEY, JSON.stringify(old));
    expect(loadActingFor()?.standing).toBe('confirmed');
  });

  it('says what each level may do', () => {
    const manage: ActingFor = { ...HANAKO, level: 'manage' };
    for (const ability of ['view', 'manage', 'self'] as const)
      expect(allowed(ability, null)).toBe(true);
    expect([allowed('view', HANAKO), allowed('manage', HANAKO), allowed('self', HANAKO)]).toEqual([
      true,
      false,
      false,
    ]);
    expect([allowed('view', manage), allowed('manage', manage), allowed('self', manage)]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('knows which requests act on “me”', () => {
    expect(actsOnMe(`${BASE}/api/me`)).toBe(true);
    expect(actsOnMe(`${BASE}/api/me/summary`)).toBe(true);
    expect(actsOnMe(`${BASE}/api/me/networks/demo/consent`)).toBe(true);
    expect(actsOnMe(`${BASE}/api/meetings`)).toBe(false);
    expect(actsOnMe(`${BASE}/api/invitations/lookup`)).toBe(false);
    expect(actsOnMe(`${BASE}/api/sign-out`)).toBe(false);
    expect(actsOnMe(`${BASE}/me`)).toBe(false);
  });
});

describe('the acting-for middleware', () => {
  function apiSeeing(respond: (request: Request) => Response, onProxyEnded = vi.fn()) {
    const seen: Request[] = [];
    const fetch: Fetch = async (request) => {
      seen.push(request);
      return respond(request);
    };
    return { api: createApi({ fetch, origin: BASE, onProxyEnded }), seen, onProxyEnded };
  }

  it('names the person acted for on /me calls only, and on none when not acting', async () => {
    const { api, seen } = apiSeeing(() => json({}));
    await call((init) => api.GET('/me', init));
    startActing(HANAKO);
    await call((init) => api.GET('/me/summary', init));
    await call((init) => api.GET('/networks', init));
    await call((init) => api.POST('/sign-out', init));
    stopActing();
    await call((init) => api.GET('/me', init));
    expect(seen.map((r) => [new URL(r.url).pathname, r.headers.get('renkei-acting-for')])).toEqual([
      ['/api/me', null],
      ['/api/me/summary', '0193-link'],
      ['/api/networks', null],
      ['/api/sign-out', null],
      ['/api/me', null],
    ]);
  });

  it('drops the state and goes back when the server says the proxy is no longer active', async () => {
    const { api, onProxyEnded } = apiSeeing(() =>
      json({ code: 'proxy_not_active', message: 'no' }, 403),
    );
    startActing(HANAKO);
    const result = await call((init) => api.GET('/me/summary', init));
    expect(result).toEqual({ ok: false, error: { code: 'proxy_not_active', status: 403 } });
    expect(actingFor.value).toBeNull();
    expect(sessionStorage.getItem(ACTING_FOR_KEY)).toBeNull();
    expect(proxyEnded.value).toEqual({ name: '山田 花子' });
    expect(onProxyEnded).toHaveBeenCalledTimes(1);
    // Starting to act for someone again puts the notice away.
    startActing({ ...HANAKO, linkId: 'other' });
    expect(proxyEnded.value).toBeNull();
  });

  it('drops the state when the session has ended, without a notice that the proxy ended', async () => {
    const { api, onProxyEnded } = apiSeeing(() =>
      json({ code: 'unauthorized', message: 'no' }, 401),
    );
    startActing(HANAKO);
    const result = await call((init) => api.GET('/me', init));
    expect(result.ok).toBe(false);
    expect(actingFor.value).toBeNull();
    expect(sessionStorage.getItem(ACTING_FOR_KEY)).toBeNull();
    expect(proxyEnded.value).toBeNull();
    expect(onProxyEnded).not.toHaveBeenCalled();
  });

  it('keeps the state for other refusals (a view-only proxy asking to manage)', async () => {
    const { api, onProxyEnded } = apiSeeing(() =>
      json({ code: 'proxy_not_allowed', message: 'no' }, 403),
    );
    startActing(HANAKO);
    const result = await call((init) => api.GET('/me/export', init));
    expect(result.ok).toBe(false);
    expect(actingFor.value).toEqual(HANAKO);
    expect(onProxyEnded).not.toHaveBeenCalled();
  });

  it('ignores a refusal of a link this tab has already left', async () => {
    let answer: () => void = () => {};
    let sent: () => void = () => {};
    const gate = new Promise<void>((ok) => (answer = ok));
    const requested = new Promise<void>((ok) => (sent = ok));
    const fetch: Fetch = async () => {
      sent();
      await gate;
      return json({ code: 'proxy_not_active', message: 'no' }, 403);
    };
    const onProxyEnded = vi.fn();
    const api = createApi({ fetch, origin: BASE, onProxyEnded });
    startActing(HANAKO);
    const pending = call((init) => api.GET('/me', init));
    await requested;
    startActing({ ...HANAKO, linkId: 'another', name: '山田 一郎' });
    answer();
    await pending;
    expect(actingFor.value?.linkId).toBe('another');
    expect(proxyEnded.value).toBeNull();
    expect(onProxyEnded).not.toHaveBeenCalled();
  });
});
