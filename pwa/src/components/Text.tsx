import { t, tIn, type Lang, type MessageKey, type Params } from '../i18n';

/** How a `Text` finds its words: the app's (`i18n`), or the reception console's (`i18n/staff`). */
export interface Translate<K extends string> {
  t(key: K, params?: Params): string;
  tIn(language: Lang, key: K, params?: Params): string;
}

/**
 * A message in the current language or, with `both`, in Japanese with the English underneath
 * (marked `lang="en"`; styled smaller by the surrounding block, e.g. on the printed poster).
 * `paramsEn` fills the English text when it needs other values (e.g. an English name).
 */
export function textWith<K extends string>(translate: Translate<K>) {
  return function Text({
    k,
    params,
    paramsEn,
    both = false,
  }: {
    k: K;
    params?: Params;
    paramsEn?: Params;
    both?: boolean;
  }) {
    if (!both) return <>{translate.t(k, params)}</>;
    return (
      <>
        <span class="bi-ja">{translate.tIn('ja', k, params)}</span>{' '}
        <span class="bi-en" lang="en">
          {translate.tIn('en', k, paramsEn ?? params)}
        </span>
      </>
    );
  };
}

/** `textWith` the app's text. */
export const Text = textWith<MessageKey>({ t, tIn });
