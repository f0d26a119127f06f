/**
 * Register the service worker (built from src/sw.ts to /sw.js). Done from the app bundle rather
 * than an injected inline script, because the Content-Security-Policy allows no inline scripts.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' }).catch(() => {
      // Without a service worker the app still works online; nothing to tell the person.
    });
  };
  // Let the first screen and its data load first on slow connections.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

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
