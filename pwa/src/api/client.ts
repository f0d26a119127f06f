import createClient from 'openapi-fetch';
import { signal } from '@preact/signals';
import type { components, paths } from './schema';
import { isErrorCode, type ErrorCode } from '../i18n/errors';
import { lang } from '../i18n/lang';
import { navigate } from '../router';
import { actingForMiddleware } from './acting-for-middleware';

type Schemas = components['schemas'];

/** The API's error body: `{code, message, fields?, requestId?}`. */
export type ErrorBody = Schemas['ErrorBody'];
export type FieldError = Schemas['FieldErrorBody'];

// Every error code the server can send must have a translation in i18n/errors.ts: if this
// line stops compiling, add the new code there (with what to do next, in both languages).
type UntranslatedServerCodes = Exclude<Schemas['ErrorCode'], ErrorCode>;
export const everyServerCodeTranslated: [UntranslatedServerCodes] extends [never]
  ? true
  : UntranslatedServerCodes = true;

/**
 * The typed API client. Paths, parameters and bodies are checked against `schema.d.ts`, which
 * `npm run gen:api` generates from `openapi/openapi.json` (and `npm run check:api` keeps fresh).
 *
 * Same origin only: the app is served by the same `renkei serve` that answers `/api`, and the
 * session cookie travels with `credentials: 'same-origin'`.
 */
export type Fetch = (input: Request) => Promise<Response>;

export function createApi(
  options: { fetch?: Fetch; origin?: string; onProxyEnded?: () => void } = {},
) {
  const client = createClient<paths>({
    // The spec's server is `/api`; its paths (`/networks`, ...) are relative to it.
    baseUrl: `${options.origin ?? globalThis.location?.origin ?? ''}/api`,
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
    // Late-bound, so tests and the service worker's absence both see the current fetch.
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
  });
  // The server writes its messages (e.g. per-field hints) in the person's chosen language.
  client.use({
    onRequest({ request }) {
      request.headers.set('Accept-Language', lang.value);
      return request;
    },
  });
  // While acting for someone, `/me...` calls name them; a refused link ends it (back to /me).
  client.use(
    actingForMiddleware(options.onProxyEnded ?? (() => navigate('/me', { replace: true }))),
  );
  return client;
}

export type Api = ReturnType<typeof createApi>;

export const api: Api = createApi();

/** A failed call, as the app needs it: a code it can translate, and the HTTP status if any. */
export interface ApiFailure {
  readonly code: ErrorCode;
  /** The HTTP status, or null when no response arrived (code `network`). */
  readonly status: number | null;
  /** The server's id for the request, to quote when asking for help. */
  readonly requestId?: string;
  /** For `validation_failed`: the refused fields, with messages in the chosen language. */
  readonly fields?: readonly FieldError[];
}

export type ApiResult<T> =
  { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: ApiFailure };

/** How long to wait for an answer before telling the person to check their connection. */
export const DEFAULT_TIMEOUT_MS = 20_000;

/**
 * True after a request failed to reach the server, until one gets through again. With
 * `navigator.onLine` it decides whether the offline banner shows.
 */
export const connectionLost = signal(false);

/** The error code for an HTTP status whose body carried no code the app knows. */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 405:
      return 'method_not_allowed';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 422:
      return 'validation_failed';
    case 429:
      return 'rate_limited';
    case 502:
    case 503:
    case 504:
      return 'service_unavailable';
    default:
      return status >= 500 ? 'internal' : 'bad_request';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** What an error response says, as far as it follows the `ErrorBody` contract. */
function failureFrom(body: unknown, status: number): ApiFailure {
  const b = isObject(body) ? body : {};
  const code =
    isErrorCode(b['code']) && b['code'] !== 'network' ? b['code'] : codeForStatus(status);
  const requestId = typeof b['requestId'] === 'string' ? b['requestId'] : undefined;
  const fields = Array.isArray(b['fields']) ? (b['fields'] as FieldError[]) : undefined;
  return {
    code,
    status,
    ...(requestId !== undefined ? { requestId } : {}),
    ...(fields !== undefined ? { fields } : {}),
  };
}

interface FetchOutcome {
  readonly data?: unknown;
  readonly error?: unknown;
  readonly response: Response;
}

/**
 * Seconds until a call the server refused as `busy` is sent again (the soonest, when several
 * wait), or null when none is waiting. The busy banner shows it.
 */
export const busyRetry = signal<number | null>(null);

/** How often a call refused as `busy` is sent in all, at most (the first try included). */
export const BUSY_MAX_TRIES = 6;
/** How many seconds, as the server asked for them, a call waits in all before giving up. */
export const BUSY_MAX_WAIT_SECONDS = 60;
/** The wait when a busy answer says nothing usable in `Retry-After`. */
export const BUSY_DEFAULT_RETRY_SECONDS = 2;
/** At most this much is added to each wait, so that many phones do not all return at once. */
export const BUSY_JITTER_MS = 1_000;

/**
 * The seconds a busy answer asks to wait: its `Retry-After` (whole seconds, as the server
 * sends it) kept within 1..30; the default when it is missing or not a whole number.
 */
export function busyRetrySeconds(header: string | null): number {
  const text = header?.trim() ?? '';
  if (!/^\d+$/.test(text)) return BUSY_DEFAULT_RETRY_SECONDS;
  return Math.min(30, Math.max(1, Number(text)));
}

/** The waits in progress, by when each ends (`Date.now()` time). */
const busyWaits = new Set<{ readonly until: number }>();
let busyTicker: ReturnType<typeof setTimeout> | undefined;

/** Put the soonest wait's seconds left into `busyRetry`, and tick when that number changes. */
function showBusyWaits(): void {
  clearTimeout(busyTicker);
  busyTicker = undefined;
  if (busyWaits.size === 0) {
    busyRetry.value = null;
    return;
  }
  const left = Math.max(0, Math.min(...[...busyWaits].map((w) => w.until)) - Date.now());
  busyRetry.value = Math.max(1, Math.ceil(left / 1000));
  busyTicker = setTimeout(showBusyWaits, left % 1000 || 1000);
}

/**
 * Wait `ms` before sending a busy call again, shown in `busyRetry`. Rejects with the abort
 * reason at once when `signal` fires (the screen went away).
 */
function waitForRetry(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const wait = { until: Date.now() + ms };
    const end = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      busyWaits.delete(wait);
      showBusyWaits();
    };
    const onAbort = () => {
      end();
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      end();
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort);
    busyWaits.add(wait);
    showBusyWaits();
  });
}

/**
 * Run one API call and turn every way it can fail into an `ApiFailure`:
 *
 * ```ts
 * const result = await call((init) => api.GET('/networks', init));
 * ```
 *
 * Each try gets an abort signal that fires after `timeoutMs`, or when `signal` fires. A call
 * aborted through `signal` (the screen went away) rejects with the AbortError, so callers can
 * ignore it; every other failure resolves to `{ ok: false }`.
 *
 * The server refuses a request with 503 `busy` before doing anything with it, so such a call is
 * sent again as it was (`run` builds a fresh request each time), after the `Retry-After` seconds
 * and a little jitter, while `busyRetry` counts down for the banner: at most `BUSY_MAX_TRIES`
 * tries and `BUSY_MAX_WAIT_SECONDS` of waiting, then it resolves to the `busy` failure. Other
 * 503s (`service_unavailable`, `storage_full`) are not sent again.
 */
export async function call<R extends FetchOutcome>(
  run: (init: { signal: AbortSignal }) => Promise<R>,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<ApiResult<NonNullable<R['data']>>> {
  let waitedSeconds = 0;
  for (let tries = 1; ; tries++) {
    const result = await tryOnce(run, options);
    if ('ok' in result) return result;
    const seconds = busyRetrySeconds(result.retryAfter);
    if (tries >= BUSY_MAX_TRIES || waitedSeconds + seconds > BUSY_MAX_WAIT_SECONDS) {
      return { ok: false, error: result.busy };
    }
    waitedSeconds += seconds;
    await waitForRetry(seconds * 1000 + Math.floor(Math.random() * BUSY_JITTER_MS), options.signal);
  }
}

/** One try of `call`: its result, or the busy refusal with the wait the server asked for. */
async function tryOnce<R extends FetchOutcome>(
  run: (init: { signal: AbortSignal }) => Promise<R>,
  options: { signal?: AbortSignal; timeoutMs?: number },
): Promise<
  | ApiResult<NonNullable<R['data']>>
  | { readonly busy: ApiFailure; readonly retryAfter: string | null }
> {
  // One controller for both reasons to stop (AbortSignal.any is too new for older phones).
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const outer = options.signal;
  const onOuterAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) onOuterAbort();
  outer?.addEventListener('abort', onOuterAbort);
  const signal = controller.signal;
  try {
    let outcome: R;
    try {
      outcome = await run({ signal });
    } catch (err) {
      if (options.signal?.aborted) throw err;
      const status = err instanceof Error && err.name === 'SyntaxError' ? 200 : null;
      if (status === null) {
        // No answer at all: offline, DNS, refused, or too slow.
        connectionLost.value = true;
        return { ok: false, error: { code: 'network', status: null } };
      }
      // An answer came, but its body was not the JSON the contract promises.
      return { ok: false, error: { code: 'internal', status } };
    }
    connectionLost.value = false;
    const { response } = outcome;
    if (response.ok && outcome.error === undefined) {
      return { ok: true, data: outcome.data as NonNullable<R['data']> };
    }
    const failure = failureFrom(outcome.error, response.status);
    if (failure.code === 'busy' && response.status === 503) {
      return { busy: failure, retryAfter: response.headers.get('Retry-After') };
    }
    return { ok: false, error: failure };
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  }
}
