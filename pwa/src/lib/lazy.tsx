import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { Params } from '../router';

export type Screen = ComponentType<{ params: Params }>;

/** A component whose code is fetched when it is first shown, or earlier with `load`. */
export type Lazy<P> = ComponentType<P> & { load: () => Promise<ComponentType<P>> };

/** A screen whose code is fetched when it is first shown, or earlier with `load`. */
export type LazyScreen = Lazy<{ params: Params }>;

/**
 * A screen in a file of its own, fetched the first time it is needed: a phone opening a
 * poster's QR code downloads the registration's first screen, not the reception console. The
 * service worker keeps every screen for offline use once installed. While the file comes, a
 * spinner; if it cannot come (no network, or the app was updated meanwhile), a plain message
 * with a button to reload.
 */
export function lazyScreen(importer: () => Promise<Screen>): LazyScreen {
  return lazyComponent(importer);
}

/** Any component in a file of its own (e.g. the reception console's frame), as `lazyScreen`. */
export function lazyComponent<P extends object>(
  importer: () => Promise<ComponentType<P>>,
): Lazy<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const load = (): Promise<ComponentType<P>> => {
    pending ??= importer().then(
      (screen) => (loaded = screen),
      (error: unknown) => {
        pending = null; // try again next time
        throw error;
      },
    );
    return pending;
  };
  function Lazy(props: P) {
    const [, setShown] = useState(0);
    const [failed, setFailed] = useState(false);
    // Whether this render had the code: it may arrive (fetched ahead) between the render and
    // the effect below, and the screen must then render again rather than wait for nothing.
    const rendered = loaded;
    useEffect(() => {
      if (rendered) return;
      let live = true;
      load().then(
        () => live && setShown((n) => n + 1),
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, []);
    if (loaded) {
      const Loaded = loaded;
      return <Loaded {...props} />;
    }
    if (failed) {
      return (
        <div class="alert" role="alert" data-testid="screen-load-failed">
          <p>{t('screen.loadFailed')}</p>
          <button type="button" class="button" onClick={() => location.reload()}>
            {t('screen.reload')}
          </button>
        </div>
      );
    }
    return (
      <p class="muted" aria-busy="true" data-testid="screen-loading">
        <span class="spinner" aria-hidden="true" />
        {t('screen.loading')}
      </p>
    );
  }
  return Object.assign(Lazy, { load });
}
