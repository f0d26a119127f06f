import { render } from 'preact';
import { App } from './app';
import { lang, loadLang } from './i18n';
import { watchInstall } from './lib/install';
import { watchConnection } from './lib/online';
import { registerServiceWorker } from './lib/sw-register';
import { startRouter } from './router';
import './i18n/lang';
import './styles.css';

startRouter();
watchConnection();
watchInstall();
const root = document.getElementById('app') as HTMLElement;
function start(): void {
  root.textContent = ''; // remove the static "Loading…" shown while the bundle downloads
  render(<App />, root);
  registerServiceWorker();
}
// English is fetched before the first screen, so that it does not open in Japanese; without the
// network (and English never fetched) it opens in Japanese rather than not at all.
loadLang(lang.value).then(start, start);
