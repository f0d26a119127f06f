/**
 * Register the service worker (built from src/sw.ts to /sw.js). Done from the app bundle rather
 * than an injected inline script, because the Content-Security-Policy allows no inline scripts.
 *
 * Once the page has loaded; on a poster's registration screens (`/r/...`) some seconds later
 * still: the worker then downloads the whole app for offline use, which on a slow phone and
 * network would compete with the next screen and its requests just when the person taps on.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' }).catch(() => {
      // Without a service worker the app still works online; nothing to tell the person. Without
      // a connection just then, it is tried again once there is one.
      window.addEventListener('online', register, { once: true });
    });
  };
  const later = () => {
    if (location.pathname.startsWith('/r/')) setTimeout(register, REGISTRATION_DELAY_MS);
    else register();
  };
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}

/** How long after a poster's page has loaded the service worker is registered. */
const REGISTRATION_DELAY_MS = 5000;

/**
 * Ask the service worker to delete every cache except the app shell (used at sign-out).
 * Resolves when it has answered, or after a short wait if there is no service worker.
 */
export function clearCaches(timeoutMs = 3000): Promise<void> {
  const worker = navigator.serviceWorker?.controller;
  if (!worker) return Promise.resolve();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(resolve, timeoutMs);
    channel.port1.onmessage = () => {
      clearTimeout(timer);
      resolve();
    };
    worker.postMessage({ type: 'clear-caches' }, [channel.port2]);
  });
}
