import { t } from '../i18n';
import { actingFor, stopActing } from '../lib/acting-for';
import { levelKey } from '../lib/proxies';
import { navigate } from '../router';

/**
 * Shown on every page while this tab acts for someone: whose page this is, at which level, and
 * the way back to one's own page, in one compact row (it stays at the top while the page
 * scrolls, so it must leave the screen to the page), in strong colours.
 */
export function ActingBanner() {
  const acting = actingFor.value;
  if (!acting) return null;
  const back = () => {
    stopActing();
    navigate('/me');
  };
  return (
    <section class="acting-banner" aria-labelledby="acting-banner-text" data-testid="acting-banner">
      <div class="acting-banner__inner">
        <p class="acting-banner__text" id="acting-banner-text">
          <span class="acting-banner__who" data-testid="acting-banner-text">
            {t('acting.banner', { name: acting.name })}
          </span>{' '}
          <span class="acting-banner__level">{t(levelKey(acting.level))}</span>
        </p>
        <button
          type="button"
          class="button acting-banner__back"
          onClick={back}
          aria-label={t('acting.back')}
          data-testid="acting-back"
        >
          {t('acting.back.short')}
        </button>
      </div>
    </section>
  );
}
