import { t } from '../i18n';

const TOTAL = 4;

/**
 * Where the person is in the registration: "ステップ 2 / 4" and a bar of four parts (the page's
 * heading names the step).
 */
export function Steps({ current }: { current: 1 | 2 | 3 | 4 }) {
  return (
    <div class="steps" data-testid="steps">
      <p class="steps__text">{t('reg.step', { n: current, total: TOTAL })}</p>
      <ol class="steps__bar" aria-hidden="true">
        {Array.from({ length: TOTAL }, (_, i) => (
          <li key={i} class={i < current ? 'steps__part steps__part--done' : 'steps__part'} />
        ))}
      </ol>
    </div>
  );
}
