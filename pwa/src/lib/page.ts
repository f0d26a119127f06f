import { useEffect } from 'preact/hooks';
import { t } from '../i18n';

/** Set the document title for the current page: "Page | 連携ネット". */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} | ${t('app.name')}`;
  }, [title]);
}

/** The event `contentShown` sends (see `fetchNextScreen` in app.tsx). */
export const CONTENT_SHOWN = 'renkei:content-shown';

/**
 * Says that the page's main content is on the screen (called from an effect, which runs once it
 * has been painted): what waits for that, such as fetching the next screen's code, may start.
 */
export function contentShown(): void {
  window.dispatchEvent(new Event(CONTENT_SHOWN));
}
