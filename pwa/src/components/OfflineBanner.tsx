import { t } from '../i18n';
import { offline } from '../lib/online';

/** Shown while the device is offline or the server cannot be reached. */
export function OfflineBanner() {
  // The live region stays in the page so screen readers announce the text when it appears.
  return (
    <div class="offline-banner-region" role="status" aria-live="polite">
      {offline.value && (
        <p class="offline-banner" data-testid="offline-banner">
          <svg
            class="offline-banner__icon"
            viewBox="0 0 24 24"
            aria-hidden="true"
            focusable="false"
          >
            <path
              d="M12 3 1.5 21h21L12 3Zm0 5.5 6.7 11.5H5.3L12 8.5Zm-1 3.5v4h2v-4h-2Zm0 5v2h2v-2h-2Z"
              fill="currentColor"
            />
          </svg>
          <span>{t('offline.banner')}</span>
        </p>
      )}
    </div>
  );
}
