// The system Chromium (Debian's `chromium` package) and how every script and test starts it.
// Playwright never downloads a browser here.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** `CHROMIUM_PATH`, else the first `chromium` (or `chromium-browser`) on PATH. */
export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser']) {
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  throw new Error(
    'Chromium was not found on PATH. Install it with `apt-get install -y chromium`, ' +
      'or set CHROMIUM_PATH to the browser binary.',
  );
}
