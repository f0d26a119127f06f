import { t } from '../../i18n';
import { usePageTitle } from '../../lib/page';

export function NotFound() {
  usePageTitle(t('notFound.title'));
  return (
    <section class="card" aria-labelledby="page-title" data-testid="not-found">
      <h1 id="page-title" tabIndex={-1}>
        {t('notFound.title')}
      </h1>
      <p>{t('notFound.body')}</p>
      <p>
        <a class="button" href="/">
          {t('notFound.home')}
        </a>
      </p>
    </section>
  );
}
