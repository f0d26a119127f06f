import { computed, signal } from '@preact/signals';
import { connectionLost } from '../api/client';

/** The browser's own view of the connection. */
export const browserOnline = signal<boolean>(globalThis.navigator?.onLine ?? true);

/** True when the app should tell the person they are offline. */
export const offline = computed(() => !browserOnline.value || connectionLost.value);

export function watchConnection(): void {
  window.addEventListener('online', () => {
    browserOnline.value = true;
    connectionLost.value = false;
  });
  window.addEventListener('offline', () => {
    browserOnline.value = false;
  });
}
