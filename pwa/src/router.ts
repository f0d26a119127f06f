import { signal } from '@preact/signals';

/**
 * A small client-side router: the current path is a signal, same-origin link clicks and the
 * back/forward buttons update it. Routes are declared in `app.tsx`.
 */

export type Params = Readonly<Record<string, string>>;

/** The current pathname (no query, no hash). */
export const currentPath = signal<string>(globalThis.location?.pathname ?? '/');

/**
 * Bumped whenever the address changes without necessarily changing the path: `navigate`, the
 * back/forward buttons, and a new `#fragment` (a second link opened in the same tab, which the
 * browser treats as a jump within the page). Read through `currentAddress()`.
 */
const addressChanged = signal(0);

/**
 * The query and fragment of the current address, for a screen that reads them: calling this in
 * a component's render makes it render again whenever they change, while it stays mounted (the
 * screen is only remounted when the path changes).
 */
export function currentAddress(): { search: string; hash: string } {
  void addressChanged.value;
  return { search: location.search, hash: location.hash };
}

/**
 * Match a pattern such as `/r/:code` against a path. Returns the decoded parameters, or null.
 * A trailing slash on the path is ignored; segments are compared exactly.
 */
export function matchRoute(pattern: string, path: string): Params | null {
  const split = (p: string) =>
    p
      .replace(/\/+$/, '')
      .split('/')
      .filter((s) => s !== '');
  const want = split(pattern);
  const have = split(path);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const h = have[i] as string;
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null; // malformed percent-encoding
      }
    } else if (w !== h) {
      return null;
    }
  }
  return params;
}

/** Go to an in-app path, adding a history entry (or replacing the current one). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, location.href);
  if (url.origin !== location.origin) {
    location.assign(url.href);
    return;
  }
  if (options.replace) history.replaceState(null, '', url.href);
  else history.pushState(null, '', url.href);
  currentPath.value = url.pathname;
  addressChanged.value++;
  if (!url.hash) window.scrollTo(0, 0);
}

function onClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const target = event.target as Element | null;
  const anchor = target?.closest?.('a');
  if (!anchor || !anchor.href) return;
  if (anchor.target && anchor.target !== '_self') return;
  if (anchor.hasAttribute('download') || anchor.dataset['reload'] !== undefined) return;
  const url = new URL(anchor.href);
  // Only in-app pages; /api and files are real navigations.
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  // An anchor within this very page (same path and query) is the browser's to scroll to.
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
  event.preventDefault();
  navigate(url.href);
}

let started = false;

/** Listen for link clicks and history changes. Call once at start-up. */
export function startRouter(): void {
  if (started) return;
  started = true;
  document.addEventListener('click', onClick);
  const follow = () => {
    currentPath.value = location.pathname;
    addressChanged.value++;
  };
  window.addEventListener('popstate', follow);
  // A new fragment is a hashchange (browsers send a popstate as well; following twice is harmless).
  window.addEventListener('hashchange', follow);
}
