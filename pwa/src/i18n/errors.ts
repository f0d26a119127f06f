import type { components } from '../api/schema';
import apiTexts from './error-texts.json';
import type { Lang } from './lang';

/**
 * What went wrong and what to do next, for every code the app can show: the `code` of the
 * API's `{code, message}` error body, plus `network` for a request that never reached the
 * server (offline, timeout, DNS, ...).
 *
 * The API's codes are worded once, in the service (api/src/errors/texts.rs), which also
 * answers with them as `message`; `error-texts.json` is written from there by
 * `scripts/update-openapi`, never by hand.
 */
type ApiErrorCode = components['schemas']['ErrorCode'];
export type ErrorCode = ApiErrorCode | 'network';
type Texts = { readonly [L in Lang]: string };

/** The written file names exactly the contract's codes (a type error otherwise). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const textsNameTheContractsCodes: Same<keyof typeof apiTexts, ApiErrorCode> = true;

export const errorMessages: { readonly [C in ErrorCode]: Texts } = {
  ...apiTexts,
  // The app's own: the request never reached the service.
  network: {
    ja: 'サーバーに接続できませんでした。インターネットへの接続を確認して、もう一度お試しください。',
    en: 'We could not reach the server. Check your internet connection and try again.',
  },
};

export const ERROR_CODES = Object.keys(errorMessages) as readonly ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export function errorMessage(code: ErrorCode, lang: Lang): string {
  return errorMessages[code][lang];
}
