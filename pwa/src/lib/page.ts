import { useEffect } from 'preact/hooks';
import { t } from '../i18n';

/** Set the document title for the current page: "Page | 連携ネット". */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} | ${t('app.name')}`;
  }, [title]);
}
