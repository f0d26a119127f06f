import { render } from 'preact';
import { App } from './app';
import { watchConnection } from './lib/online';
import { registerServiceWorker } from './lib/sw-register';
import { startRouter } from './router';
import './i18n/lang';
import './styles.css';

startRouter();
watchConnection();
const root = document.getElementById('app') as HTMLElement;
root.textContent = ''; // remove the static "Loading…" shown while the bundle downloads
render(<App />, root);
registerServiceWorker();
