/// <reference lib="webworker" />
/**
 * The renkei service worker (built by vite-plugin-pwa, injectManifest strategy, to /sw.js).
 *
 * Caching rules:
 * - Precache the app shell only: index.html, the hashed bundles and stylesheet, the favicon and
 *   the manifest (the list is injected at build time as `self.__WB_MANIFEST`). Outdated precaches
 *   from earlier versions are deleted on activation.
 * - Never touch `/api/`: API answers carry personal and medical data, so the worker does not
 *   intercept, cache or replay them. They always go straight to the network.
 * - Page navigations: network first (so a new deployment and its headers arrive at once); if the
 *   network fails, is too slow or answers with a server error, serve the precached index.html.
 *   The app then shows its offline banner.
 * - Other same-origin GETs that are in the precache are served from it; anything else goes to
 *   the network untouched.
 * - Message `{type: 'clear-caches'}` deletes every cache except the precache (used at sign-out);
 *   the worker answers on the message's port, if one was passed.
 *
 * Updates: `skipWaiting()` on install and `clients.claim()` on activate, so a new version takes
 * over at once rather than after every tab has been closed (people rarely close the app).
 * That is safe because navigations are network first and the shell loads no code lazily; when
 * later screens are split into lazily loaded chunks, a page should reload itself if loading a
 * chunk fails after an update.
 */
import { cacheNames, clientsClaim } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  getCacheKeyForURL,
  matchPrecache,
  precache,
  type PrecacheEntry,
} from 'workbox-precaching';

declare let self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<PrecacheEntry | string>;
};

/** How long a navigation waits for the network before the precached shell is used. */
const NAVIGATION_TIMEOUT_MS = 6000;
const SHELL_URL = '/index.html';

precache(self.__WB_MANIFEST);
cleanupOutdatedCaches();

self.addEventListener('install', () => {
  void self.skipWaiting();
});
clientsClaim();

self.addEventListener('activate', (event) => {
  // Navigation preload lets the page request start while the worker boots (slow phones).
  if (self.registration.navigationPreload) {
    event.waitUntil(self.registration.navigationPreload.enable());
  }
});

function isApi(url: URL): boolean {
  return url.pathname === '/api' || url.pathname.startsWith('/api/');
}

async function precachedShell(): Promise<Response> {
  return (await matchPrecache(SHELL_URL)) ?? Response.error();
}

async function handleNavigation(event: FetchEvent): Promise<Response> {
  const network = (async () => {
    const preloaded = (await event.preloadResponse) as Response | undefined;
    return preloaded ?? fetch(event.request);
  })();
  const timeout = new Promise<undefined>((resolve) => {
    setTimeout(() => resolve(undefined), NAVIGATION_TIMEOUT_MS);
  });
  try {
    const response = await Promise.race([network, timeout]);
    if (response && response.status < 500) return response;
    if (response === undefined) {
      // Too slow: show the shell now; let the request finish in the background.
      event.waitUntil(network.catch(() => undefined));
    }
  } catch {
    // Offline or the server could not be reached.
  }
  return precachedShell();
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || isApi(url)) return;

  if (request.mode === 'navigate') {
    event.respondWith(handleNavigation(event));
    return;
  }

  // A file of the shell (bundles, stylesheet, favicon, manifest): answer from the precache.
  if (getCacheKeyForURL(request.url)) {
    event.respondWith((async () => (await matchPrecache(request.url)) ?? fetch(request))());
  }
});

self.addEventListener('message', (event) => {
  const data = event.data as { type?: unknown } | null;
  if (data?.type !== 'clear-caches') return;
  event.waitUntil(
    (async () => {
      const keep = cacheNames.precache;
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name !== keep).map((name) => caches.delete(name)));
      event.ports[0]?.postMessage({ type: 'caches-cleared' });
    })(),
  );
});
