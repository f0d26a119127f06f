import { signal } from '@preact/signals';

/**
 * Adding the app to the home screen from inside it, for people who will never find the
 * browser's menu. Chromium-based browsers offer it through `beforeinstallprompt`, which is kept
 * here until the person presses the button; browsers without it (Safari) get a line saying where
 * the menu item is. Nothing is offered once the app runs from the home screen.
 */

/** The part of Chromium's BeforeInstallPromptEvent the app uses. */
export interface InstallPrompt extends Event {
  prompt(): Promise<unknown>;
  readonly userChoice?: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/** The browser's offer to install, while it stands. */
export const installPrompt = signal<InstallPrompt | null>(null);

/** Whether the app is running from the home screen (installed). */
export function runsInstalled(): boolean {
  const standalone = globalThis.matchMedia?.('(display-mode: standalone)').matches ?? false;
  const ios = (globalThis.navigator as (Navigator & { standalone?: boolean }) | undefined)
    ?.standalone;
  return standalone || ios === true;
}

export function watchInstall(): void {
  window.addEventListener('beforeinstallprompt', (e) => {
    // Keep the offer for the app's own button instead of the browser's mini bar.
    e.preventDefault();
    installPrompt.value = e as InstallPrompt;
  });
  window.addEventListener('appinstalled', () => {
    installPrompt.value = null;
  });
}

/** Shows the browser's install dialogue; whether the person accepted. */
export async function install(): Promise<boolean> {
  const offer = installPrompt.value;
  if (!offer) return false;
  // An offer can be shown once.
  installPrompt.value = null;
  await offer.prompt();
  const choice = await offer.userChoice?.catch(() => undefined);
  return choice?.outcome === 'accepted';
}
