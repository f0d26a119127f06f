import { api, call, type ApiResult } from './client';
import type { components } from './schema';
import type { ErrorCode } from '../i18n';
import { compactCode } from '../lib/entry-code';

/** The entry point behind a QR code, from `GET /api/entry-points/{code}`. */
export type EntryPoint = components['schemas']['EntryPoint'];

/** Look up a code as it came in the address (hyphens, case and full width do not matter). */
export function getEntryPoint(code: string, signal?: AbortSignal): Promise<ApiResult<EntryPoint>> {
  const path = { code: compactCode(code) };
  return call(
    (init) => api.GET('/entry-points/{code}', { ...init, params: { path } }),
    signal ? { signal } : {},
  );
}

/**
 * What an entry-point page shows. `not_found` and `withdrawn` are normal outcomes of scanning
 * an old or damaged code, not errors; `error` is a failure that trying again may fix.
 */
export type EntryState =
  | { readonly status: 'loading' }
  | { readonly status: 'active'; readonly entry: EntryPoint }
  | { readonly status: 'withdrawn'; readonly entry: EntryPoint }
  | { readonly status: 'not_found' }
  | { readonly status: 'error'; readonly code: ErrorCode; readonly requestId?: string };

/** Answers that mean "there is no such code": the code was mistyped, cut short or made up. */
const NO_SUCH_CODE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'not_found',
  'invalid_parameter',
  'validation_failed',
]);

export function entryStateFrom(result: ApiResult<EntryPoint>): EntryState {
  if (result.ok) {
    return result.data.active
      ? { status: 'active', entry: result.data }
      : { status: 'withdrawn', entry: result.data };
  }
  const { code, requestId } = result.error;
  if (NO_SUCH_CODE.has(code)) return { status: 'not_found' };
  return requestId !== undefined ? { status: 'error', code, requestId } : { status: 'error', code };
}
