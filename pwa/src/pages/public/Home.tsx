import { t } from '../../i18n';
import { usePageTitle } from '../../lib/page';
import { NetworkList } from './NetworkList';

export function Home() {
  usePageTitle(t('home.title'));
  return (
    <>
      <section class="intro" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          {t('home.title')}
        </h1>
        <p class="lead">{t('home.lead')}</p>
        <ul class="points">
          <li>{t('home.point.consent')}</li>
          <li>{t('home.point.free')}</li>
          <li>{t('home.point.safety')}</li>
        </ul>
        <p>{t('home.join')}</p>
      </section>
      <NetworkList />
      <section class="card" aria-labelledby="signin-title">
        <h2 id="signin-title">{t('home.signIn.title')}</h2>
        <a class="button" href="/me" data-testid="home-me">
          {t('home.signIn.link')}
        </a>
      </section>
    </>
  );
}
