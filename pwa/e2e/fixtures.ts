import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test as base, expect, type Page } from '@playwright/test';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Problems {
  /** Console errors, uncaught exceptions and CSP violations seen so far on the page. */
  list: string[];
  /** Console errors matching one of these are expected in this test (e.g. while offline). */
  allow: RegExp[];
}

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/**
 * The phone of bench/registration_web.py: slow 4G (150 ms each way, 1.6 Mbit/s down, 750 kbit/s
 * up) and a CPU four times slower, applied to every test's page when RENKEI_E2E_SLOW_PHONE=1.
 * The test suite itself runs at full speed.
 */
const SLOW_PHONE = process.env.RENKEI_E2E_SLOW_PHONE === '1';

export const test = base.extend<{ problems: Problems; slowPhone: void }>({
  baseURL: async ({}, use) => {
    const url = process.env.RENKEI_E2E_BASE_URL;
    if (!url) throw new Error('RENKEI_E2E_BASE_URL is not set: run the tests with `npm run e2e`.');
    await use(url);
  },
  // Every test fails if the page logged an error, threw, or broke the Content-Security-Policy.
  problems: [
    async ({ page }, use) => {
      const problems: Problems = { list: [], allow: [] };
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const text = message.text();
        if (problems.allow.some((pattern) => pattern.test(text))) return;
        problems.list.push(`console error: ${text}`);
      });
      page.on('pageerror', (error) => problems.list.push(`page error: ${error.message}`));
      await page.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (event) => {
          window.__cspViolations?.push(
            `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
          );
        });
      });
      await use(problems);
      if (!page.isClosed()) {
        const violations = await page.evaluate(() => window.__cspViolations ?? []).catch(() => []);
        problems.list.push(...violations.map((v) => `CSP violation: ${v}`));
      }
      expect(problems.list, 'console errors, page errors and CSP violations').toEqual([]);
    },
    { auto: true },
  ],
  slowPhone: [
    async ({ page }, use) => {
      if (SLOW_PHONE) await slowDown(page);
      await use();
    },
    { auto: true },
  ],
});

export { expect };

/** Makes `page` a phone on a slow network: slow 4G (150 ms, 1.6 Mbit/s) and a CPU 4x slower. */
export async function slowDown(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
}

/**
 * Run axe-core (WCAG 2.0/2.1 A and AA rules) on the page and return its violations.
 * axe is evaluated through the DevTools protocol, which the page's CSP does not govern, so
 * no inline <script> is added to the page and no CSP bypass is needed.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{
            violations: Array<{
              id: string;
              impact: string;
              help: string;
              nodes: Array<{ target: unknown }>;
            }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
    );
  });
  return violations;
}

/** Wait until a service worker controls the page (reloading once if it is not yet in control). */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
  if (!controlled) await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null))
    .toMatch(/\/sw\.js$/);
}

/** Nothing wider than the screen, and every link and button at least 48 px in both directions. */
export async function expectPhoneLayout(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  for (const target of await page.locator('header a, header button, main button, main a').all()) {
    if (!(await target.isVisible())) continue;
    const box = await target.boundingBox();
    const name = (await target.textContent()) ?? '';
    expect(box?.height ?? 0, name).toBeGreaterThanOrEqual(48);
    expect(box?.width ?? 0, name).toBeGreaterThanOrEqual(48);
  }
}
