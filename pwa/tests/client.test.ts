import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, codeForStatus, connectionLost, createApi, type Fetch } from '../src/api/client';
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
          fields: [{ field: 'code', code: 'invalid_format', message: 'コードの形式が正しくありません。' }],
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
        fields: [{ field: 'code', code: 'invalid_format', message: 'コードの形式が正しくありません。' }],
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
