import { lang } from '../i18n';

/**
 * The Japanese word printed on a document, shown after an English label ("Insurer number
 * 保険者番号") so a person reading in English can find it on their card. Marked `lang="ja"`
 * for screen readers; nothing is added when the app is in Japanese.
 */
export function Term({ ja }: { ja: string }) {
  if (lang.value === 'ja') return null;
  return (
    <>
      {' '}
      <span class="term" lang="ja">
        {ja}
      </span>
    </>
  );
}
