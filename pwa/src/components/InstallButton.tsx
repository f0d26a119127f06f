import { useState } from 'preact/hooks';
import { t } from '../i18n/resident';
import { install, installPrompt, runsInstalled } from '../lib/install';

/**
 * "Add to the home screen", where the card is kept: a button when the browser offers it, else a
 * line saying where the browser's menu item is; nothing once the app runs from the home screen.
 */
export function InstallButton() {
  const [added, setAdded] = useState(false);
  if (runsInstalled()) return null;
  const offer = installPrompt.value;
  return (
    <section class="card" aria-labelledby="install-title" data-testid="install">
      <h2 id="install-title">{t('install.title')}</h2>
      <p>{t('install.lead')}</p>
      {added ? (
        <p class="field__ok" role="status" data-testid="install-done">
          {t('install.done')}
        </p>
      ) : offer ? (
        <button
          type="button"
          class="button button--wide"
          onClick={() => void install().then(setAdded)}
          data-testid="install-button"
        >
          {t('install.button')}
        </button>
      ) : (
        <p class="muted" data-testid="install-menu">
          {t('install.menu')}
        </p>
      )}
    </section>
  );
}
