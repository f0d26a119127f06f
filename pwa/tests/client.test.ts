import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BUSY_MAX_TRIES,
  busyRetry,
  busyRetrySeconds,
  call,
  codeForStatus,
  connectionLost,
  createApi,
  type Fetch,
} from '../src/api/client';
import { lang } from '../src/i18n/lang';

const BASE = 'http://localhost:3000';

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
}

function apiWith(fetch: Fetch) {
  return createApi({ fetch, origin: BASE });
}

afterEach(() => {
  connectionLost.value = false;
  lang.value = 'ja';
});

/** The server's answer when it is overloaded: refused before anything was done. */
function busy(retryAfter: string | null = '3'): Response {
  return new Response(JSON.stringify({ code: 'busy', message: 'busy' }), {
    status: 503,
    headers: {
      'Content-Type': 'application/json',
      ...(retryAfter === null ? {} : { 'Retry-After': retryAfter }),
    },
  });
}

/** A fake fetch that answers with `answers` in turn (the last one again when they run out). */
function answering(...answers: Array<() => Response>) {
  const seen: Array<{ method: string; url: string; body: string }> = [];
  const fetch: Fetch = async (request) => {
    seen.push({ method: request.method, url: request.url, body: await request.text() });
    const answer = answers[Math.min(seen.length, answers.length) - 1];
    return answer!();
  };
  return { api: apiWith(fetch), seen };
}

/** Let pending promises (the fake fetch, openapi-fetch's parsing) run, without moving time. */
const flush = () => vi.advanceTimersByTimeAsync(0);

describe('call', () => {
  const networks = [{ code: 'demo', name: 'デモ', nameEn: 'Demo', demo: true, facilityCount: 3 }];

  it('returns the data of a successful call, same-origin with cookies', async () => {
    const seen: Request[] = [];
    const api = apiWith(async (request) => {
      seen.push(request);
      return json(networks);
    });
    const result = await call((init) => api.GET('/networks', init));
    expect(result).toEqual({ ok: true, data: networks });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe(`${BASE}/api/networks`);
    expect(seen[0]?.credentials).toBe('same-origin');
    expect(seen[0]?.headers.get('accept')).toBe('application/json');
  });

  it('asks for server messages in the chosen language', async () => {
    const seen: Request[] = [];
    const api = apiWith(async (request) => {
      seen.push(request);
      return json([]);
    });
    lang.value = 'en';
    await call((init) => api.GET('/networks', init));
    lang.value = 'ja';
    await call((init) => api.GET('/networks', init));
    expect(seen.map((r) => r.headers.get('accept-language'))).toEqual(['en', 'ja']);
  });

  it('keeps the request id and the refused fields of an error', async () => {
    const api = apiWith(async () =>
      json(
        {
          code: 'validation_failed',
          message: '入力内容に確認が必要な項目があります。',
          fields: [
            { field: 'code', code: 'invalid_format', message: 'コードの形式が正しくありません。' },
          ],
          requestId: '0190-abc',
        },
        422,
      ),
    );
    const result = await call((init) => api.GET('/networks', init));
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'validation_failed',
        status: 422,
        requestId: '0190-abc',
        fields: [
          { field: 'code', code: 'invalid_format', message: 'コードの形式が正しくありません。' },
        ],
      },
    });
  });

  it('uses the code from the error body', async () => {
    const api = apiWith(async () => json({ code: 'rate_limited', message: 'slow down' }, 429));
    const result = await call((init) => api.GET('/networks', init));
    expect(result).toEqual({ ok: false, error: { code: 'rate_limited', status: 429 } });
    const body = apiWith(async () => json({ code: 'invalid_body', message: 'x' }, 400));
    expect(await call((init) => body.GET('/networks', init))).toEqual({
      ok: false,
      error: { code: 'invalid_body', status: 400 },
    });
  });

  it('falls back to the HTTP status when the body has no known code', async () => {
    const cases: Array<[Response, string]> = [
      [new Response('Bad gateway', { status: 502 }), 'service_unavailable'],
      [new Response('', { status: 500 }), 'internal'],
      [json({ code: 'brand_new_code', message: 'x' }, 409), 'conflict'],
      [json({ code: 'network', message: 'not a server code' }, 404), 'not_found'],
      [json({ unexpected: true }, 413), 'payload_too_large'],
    ];
    for (const [response, code] of cases) {
      const api = apiWith(async () => response);
      const result = await call((init) => api.GET('/networks', init));
      expect(result).toEqual({ ok: false, error: { code, status: response.status } });
    }
  });

  it('reports `network` when no answer arrives, and clears it after the next answer', async () => {
    const offline = apiWith(async () => {
      throw new TypeError('Failed to fetch');
    });
    const failed = await call((init) => offline.GET('/networks', init));
    expect(failed).toEqual({ ok: false, error: { code: 'network', status: null } });
    expect(connectionLost.value).toBe(true);

    const online = apiWith(async () => json(networks));
    await call((init) => online.GET('/networks', init));
    expect(connectionLost.value).toBe(false);
  });

  it('gives up after the timeout and reports `network`', async () => {
    const hanging = apiWith(
      (request) =>
        new Promise<Response>((_, reject) => {
          // Like fetch: reject at once if already aborted, else when aborted.
          const abort = () => reject(new DOMException('aborted', 'AbortError'));
          if (request.signal.aborted) abort();
          request.signal.addEventListener('abort', abort);
        }),
    );
    const result = await call((init) => hanging.GET('/networks', init), { timeoutMs: 20 });
    expect(result).toEqual({ ok: false, error: { code: 'network', status: null } });
  });

  it('rejects when the caller aborts, so a closed screen shows nothing', async () => {
    const controller = new AbortController();
    const hanging = apiWith(
      (request) =>
        new Promise<Response>((_, reject) => {
          // Like fetch: reject at once if already aborted, else when aborted.
          const abort = () => reject(new DOMException('aborted', 'AbortError'));
          if (request.signal.aborted) abort();
          request.signal.addEventListener('abort', abort);
        }),
    );
    const pending = call((init) => hanging.GET('/networks', init), {
      signal: controller.signal,
    });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(connectionLost.value).toBe(false);
  });

  it('treats a success that is not JSON as an internal error', async () => {
    const api = apiWith(
      async () => new Response('<html>', { status: 200, headers: { 'Content-Type': 'text/html' } }),
    );
    const result = await call((init) => api.GET('/networks', init));
    expect(result).toEqual({ ok: false, error: { code: 'internal', status: 200 } });
  });
});

describe('codeForStatus', () => {
  it.each([
    [400, 'bad_request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [405, 'method_not_allowed'],
    [409, 'conflict'],
    [413, 'payload_too_large'],
    [415, 'unsupported_media_type'],
    [422, 'validation_failed'],
    [429, 'rate_limited'],
    [418, 'bad_request'],
    [500, 'internal'],
    [503, 'service_unavailable'],
    [504, 'service_unavailable'],
  ] as const)('%i → %s', (status, code) => {
    expect(codeForStatus(status)).toBe(code);
  });
});

describe('timers', () => {
  it('leave no pending timeout behind after a call', async () => {
    vi.useFakeTimers();
    try {
      const api = apiWith(async () => json([]));
      await call((init) => api.GET('/networks', init));
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('a busy server', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    // No jitter unless a test asks for it.
    vi.spyOn(Math, 'random').mockReturnValue(0);
  });
  afterEach(() => {
    vi.useRealTimers();
    busyRetry.value = null;
  });

  it('sends the same request again after Retry-After, counting down meanwhile', async () => {
    const { api, seen } = answering(
      () => busy('3'),
      () => json({ status: 'valid', expiresAt: '2026-01-01T00:00:00Z' }),
    );
    const pending = call((init) =>
      api.POST('/invitations/lookup', { ...init, body: { code: 'ABCD-EFGH' } }),
    );
    await flush();
    expect(seen).toHaveLength(1);
    expect(busyRetry.value).toBe(3);
    await vi.advanceTimersByTimeAsync(1000);
    expect(busyRetry.value).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(busyRetry.value).toBe(1);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(busyRetry.value).toBeNull();

    const result = await pending;
    expect(result).toEqual({
      ok: true,
      data: { status: 'valid', expiresAt: '2026-01-01T00:00:00Z' },
    });
    expect(seen).toHaveLength(2);
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[1]).toEqual({
      method: 'POST',
      url: `${BASE}/api/invitations/lookup`,
      body: JSON.stringify({ code: 'ABCD-EFGH' }),
    });
    expect(connectionLost.value).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('adds up to a second of jitter to the wait', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const { api, seen } = answering(
      () => busy('1'),
      () => json([]),
    );
    const pending = call((init) => api.GET('/networks', init));
    await vi.advanceTimersByTimeAsync(1499);
    expect(seen).toHaveLength(1);
    expect(busyRetry.value).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toHaveLength(2);
    expect(await pending).toEqual({ ok: true, data: [] });
  });

  it.each([
    ['missing', null],
    ['not a number', 'soon'],
    ['an HTTP date', 'Wed, 21 Oct 2026 07:28:00 GMT'],
    ['a fraction', '1.5'],
    ['empty', ''],
  ])('waits 2 s when Retry-After is %s', async (_, header) => {
    const { api, seen } = answering(
      () => busy(header),
      () => json([]),
    );
    const pending = call((init) => api.GET('/networks', init));
    await flush();
    expect(busyRetry.value).toBe(2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toHaveLength(2);
    expect(await pending).toEqual({ ok: true, data: [] });
  });

  it('keeps Retry-After within 1..30 seconds', () => {
    expect(busyRetrySeconds(null)).toBe(2);
    expect(busyRetrySeconds('garbage')).toBe(2);
    expect(busyRetrySeconds('-5')).toBe(2);
    expect(busyRetrySeconds('0')).toBe(1);
    expect(busyRetrySeconds(' 7 ')).toBe(7);
    expect(busyRetrySeconds('30')).toBe(30);
    expect(busyRetrySeconds('45')).toBe(30);
    expect(busyRetrySeconds('99999999999999999999')).toBe(30);
  });

  it.each(['service_unavailable', 'storage_full'])('does not send a 503 %s again', async (code) => {
    const { api, seen } = answering(
      () =>
        new Response(JSON.stringify({ code, message: 'x' }), {
          status: 503,
          headers: { 'Content-Type': 'application/json', 'Retry-After': '5' },
        }),
      () => json([]),
    );
    const pending = call((init) => api.GET('/networks', init));
    await flush();
    expect(busyRetry.value).toBeNull();
    expect(await pending).toEqual({ ok: false, error: { code, status: 503 } });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(seen).toHaveLength(1);
  });

  it('does not send a plain 503 without a body again', async () => {
    const { api, seen } = answering(() => new Response('Service Unavailable', { status: 503 }));
    const result = await call((init) => api.GET('/networks', init));
    expect(result).toEqual({ ok: false, error: { code: 'service_unavailable', status: 503 } });
    expect(seen).toHaveLength(1);
    expect(busyRetry.value).toBeNull();
  });

  it('stops waiting at once when the caller aborts, rejecting with the AbortError', async () => {
    const controller = new AbortController();
    const { api, seen } = answering(
      () => busy('10'),
      () => json([]),
    );
    const pending = call((init) => api.GET('/networks', init), { signal: controller.signal });
    const settled = pending.catch((err: unknown) => err);
    await vi.advanceTimersByTimeAsync(4000);
    expect(busyRetry.value).toBe(6);
    controller.abort();
    expect(await settled).toMatchObject({ name: 'AbortError' });
    expect(busyRetry.value).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(seen).toHaveLength(1);
  });

  it('does not send again when the caller aborted while the busy answer arrived', async () => {
    const controller = new AbortController();
    const seen: Request[] = [];
    const api = apiWith(async (request) => {
      seen.push(request);
      controller.abort();
      return busy('1');
    });
    const pending = call((init) => api.GET('/networks', init), { signal: controller.signal });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(seen).toHaveLength(1);
    expect(busyRetry.value).toBeNull();
  });

  it(`gives up after ${BUSY_MAX_TRIES} tries and reports \`busy\``, async () => {
    const { api, seen } = answering(() => busy('1'));
    const pending = call((init) => api.GET('/networks', init));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await pending).toEqual({ ok: false, error: { code: 'busy', status: 503 } });
    expect(seen).toHaveLength(BUSY_MAX_TRIES);
    expect(busyRetry.value).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gives up after about a minute of waiting', async () => {
    const { api, seen } = answering(() => busy('30'));
    const pending = call((init) => api.GET('/networks', init));
    await vi.advanceTimersByTimeAsync(30_000);
    expect(seen).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(30_000);
    // 30 s + 30 s waited: a third wait of 30 s would go past the minute.
    expect(await pending).toEqual({ ok: false, error: { code: 'busy', status: 503 } });
    expect(seen).toHaveLength(3);
    expect(busyRetry.value).toBeNull();
  });

  it('applies the timeout to each try, not to the waiting', async () => {
    const { api, seen } = answering(
      () => busy('2'),
      () => json([]),
    );
    const pending = call((init) => api.GET('/networks', init), { timeoutMs: 100 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(seen).toHaveLength(2);
    expect(await pending).toEqual({ ok: true, data: [] });
  });

  it('shows the soonest of several waits', async () => {
    const slow = answering(
      () => busy('5'),
      () => json([]),
    );
    const quick = answering(
      () => busy('2'),
      () => json([]),
    );
    const first = call((init) => slow.api.GET('/networks', init));
    const second = call((init) => quick.api.GET('/networks', init));
    await flush();
    expect(busyRetry.value).toBe(2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(await second).toEqual({ ok: true, data: [] });
    expect(busyRetry.value).toBe(3);
    await vi.advanceTimersByTimeAsync(3000);
    expect(await first).toEqual({ ok: true, data: [] });
    expect(busyRetry.value).toBeNull();
  });
});
