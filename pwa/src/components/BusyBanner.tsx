import { busyRetry } from '../api/client';
import { t } from '../i18n';

/**
 * Shown while a request the server refused as busy waits to be sent again: a calm notice (not
 * an error) with the seconds left, counting down.
 */
export function BusyBanner() {
  const seconds = busyRetry.value;
  // The live region stays in the page so screen readers announce the text when it appears.
  // Only the number changes each second, in its own text node, and the region is not atomic
  // (a status is by default): after the whole sentence, a screen reader reads just the new
  // number rather than the sentence again every second.
  const [before = '', after = ''] = t('busy.banner').split('{seconds}');
  return (
    <div class="busy-banner-region" role="status" aria-live="polite" aria-atomic="false">
      {seconds !== null && (
        <p class="busy-banner" data-testid="busy-banner">
          <svg class="busy-banner__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2" />
            <path
              d="M12 7v5l3.5 2"
              fill="none"
              stroke="currentColor"
              stroke-width="2"
              stroke-linecap="round"
              stroke-linejoin="round"
            />
          </svg>
          <span>
            {before}
            <span class="busy-banner__seconds">{seconds}</span>
            {after}
          </span>
        </p>
      )}
    </div>
  );
}
