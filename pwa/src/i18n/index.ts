import { ja, type MessageKey } from './messages';
import { errorMessage, type ErrorCode } from './errors';
import { lang, type Lang } from './lang';
import { texts, type Params } from './text';

export { lang, setLang, detectLang, initialLang, isLang, LANGS, LANG_STORAGE_KEY } from './lang';
export type { Lang } from './lang';
export type { MessageKey, Messages } from './messages';
export type { Params } from './text';
export { ERROR_CODES, errorMessages, isErrorCode } from './errors';
export type { ErrorCode } from './errors';

/** The app's text: Japanese always (the default); English fetched once shown. */
const app = texts(ja, () => import('./en').then(({ en }) => en));

/**
 * Fetches a language's text if it is not here yet. Until it comes, text shows in Japanese; the
 * app waits for it before its first screen (`main.tsx`), and a switch of language shows it as
 * soon as it has come.
 */
export function loadLang(language: Lang): Promise<void> {
  return app.load(language);
}

/**
 * The text for `key` in the current language, with `{name}` placeholders filled from `params`.
 * Reading it inside a component subscribes the component to language changes.
 */
export function t(key: MessageKey, params?: Params): string {
  return app.t(key, params);
}

/**
 * The text for `key` in a given language, whatever the current one is: for material that shows
 * both languages at once (the printed poster).
 */
export function tIn(language: Lang, key: MessageKey, params?: Params): string {
  return app.tIn(language, key, params);
}

/** The message for an error code in the current language: what happened and what to do next. */
export function te(code: ErrorCode): string {
  return errorMessage(code, lang.value);
}

/** A number formatted for the current language (e.g. 1,234). */
export function formatNumber(n: number): string {
  return new Intl.NumberFormat(lang.value === 'ja' ? 'ja-JP' : 'en-GB').format(n);
}

/**
 * A date (and optionally the time, to the minute or to the second) in Japan's time zone,
 * written the way each language does.
 */
export function formatDate(iso: string, withTime: boolean | 'seconds' = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang.value === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
    ...(withTime === 'seconds' ? { second: '2-digit' } : {}),
  }).format(date);
}
