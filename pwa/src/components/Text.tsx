import { t, tIn, type MessageKey } from '../i18n';

type Params = Readonly<Record<string, string | number>>;

/**
 * A message in the current language or, with `both`, in Japanese with the English underneath
 * (marked `lang="en"`; styled smaller by the surrounding block, e.g. on the printed poster).
 * `paramsEn` fills the English text when it needs other values (e.g. an English name).
 */
export function Text({
  k,
  params,
  paramsEn,
  both = false,
}: {
  k: MessageKey;
  params?: Params;
  paramsEn?: Params;
  both?: boolean;
}) {
  if (!both) return <>{t(k, params)}</>;
  return (
    <>
      <span class="bi-ja">{tIn('ja', k, params)}</span>{' '}
      <span class="bi-en" lang="en">
        {tIn('en', k, paramsEn ?? params)}
      </span>
    </>
  );
}
