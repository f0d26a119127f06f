import { axeViolations, expect, test, waitForServiceWorkerControl } from './fixtures';

const JA_TITLE = '連携ネットへようこそ';
const EN_TITLE = 'Welcome to renkei';
const OFFLINE_JA = 'インターネットに接続されていません。接続を確認して、もう一度お試しください。';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('the shell loads in Japanese under a strict CSP, with the networks list', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");

  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(JA_TITLE);
  await expect(page.getByRole('banner')).toContainText('連携ネット');
  await expect(page.getByRole('main')).toBeVisible();
  await expect(page.getByRole('contentinfo')).toBeVisible();

  const networks = page.getByTestId('networks').locator('li');
  await expect(networks.first()).toBeVisible();
  expect(await networks.count()).toBeGreaterThan(0);
  // `renkei serve --demo` seeds a demo network: it carries the badge.
  await expect(
    page.getByTestId('networks').getByText('デモ', { exact: true }).first(),
  ).toBeVisible();
  await expect(page.getByTestId('networks')).toContainText('参加施設');

  // Large, readable text.
  const fontSize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  expect(fontSize).toBeGreaterThanOrEqual(18);
});

test('the manifest makes the app installable and its icons load', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifestResponse = await request.get(new URL(href ?? '', page.url()).href);
  expect(manifestResponse.status()).toBe(200);
  const manifest = (await manifestResponse.json()) as {
    name: string;
    short_name: string;
    start_url: string;
    scope: string;
    display: string;
    lang: string;
    icons: Array<{ src: string; sizes: string; type: string; purpose?: string }>;
    shortcuts: Array<{ name: string; url: string }>;
  };
  expect(manifest.name).toBe('renkei 連携ネット');
  expect(manifest.short_name).toBe('連携ネット');
  expect(manifest.start_url).toBe('/');
  expect(manifest.scope).toBe('/');
  expect(manifest.display).toBe('standalone');
  expect(manifest.lang).toBe('ja');
  // A long press on the installed icon offers the emergency card.
  expect(manifest.shortcuts.map((s) => s.url)).toEqual(['/me/card']);

  const sizes = manifest.icons.map((icon) => icon.sizes);
  expect(sizes).toContain('192x192');
  expect(sizes).toContain('512x512');
  expect(manifest.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);

  const appleTouch = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
  const icons = [
    ...manifest.icons.map((icon) => ({ src: icon.src, sizes: icon.sizes })),
    { src: appleTouch ?? '', sizes: '180x180' },
  ];
  for (const icon of icons) {
    const res = await request.get(new URL(icon.src, page.url()).href);
    expect(res.status(), icon.src).toBe(200);
    expect(res.headers()['content-type'], icon.src).toMatch(/^image\/png/);
    const { width, height } = pngSize(await res.body());
    expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
  }
});

test('the service worker controls the page, precaches the shell and never caches /api', async ({
  page,
}) => {
  await page.goto('/');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null))
    .toMatch(/\/sw\.js$/);

  const statuses = await page.evaluate(async () => {
    const health = await fetch('/api/health');
    const networks = await fetch('/api/networks');
    return {
      health: health.status,
      healthBody: (await health.json()) as { status: string },
      networks: networks.status,
    };
  });
  expect(statuses.health).toBe(200);
  expect(statuses.healthBody.status).toBe('ok');
  expect(statuses.networks).toBe(200);

  const cached = await page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      out[name] = (await cache.keys()).map((r) => new URL(r.url).pathname);
    }
    return out;
  });
  const urls = Object.values(cached).flat();
  // The shell is there (so the check below looks at real caches) ...
  expect(urls).toContain('/index.html');
  expect(urls.some((u) => /^\/assets\/.+\.js$/.test(u))).toBe(true);
  // ... and no API answer is.
  expect(urls.filter((u) => u.startsWith('/api'))).toEqual([]);

  // `clear-caches` (used at sign-out) removes every cache but the app shell.
  const afterClear = await page.evaluate(async () => {
    const extra = await caches.open('renkei-test-extra');
    await extra.put('/some-data', new Response('x'));
    const channel = new MessageChannel();
    const answered = new Promise((resolve) => {
      channel.port1.onmessage = (event) => resolve(event.data);
    });
    navigator.serviceWorker.controller?.postMessage({ type: 'clear-caches' }, [channel.port2]);
    const answer = await answered;
    return { answer, names: await caches.keys() };
  });
  expect(afterClear.answer).toEqual({ type: 'caches-cleared' });
  expect(afterClear.names).not.toContain('renkei-test-extra');
  expect(afterClear.names.some((name) => name.includes('precache'))).toBe(true);
});

test('the language switch changes the text, sets <html lang> and is remembered', async ({
  page,
}) => {
  await page.goto('/');
  const group = page.getByRole('group', { name: '表示言語' });
  const japanese = group.getByRole('button', { name: '日本語' });
  const english = group.getByRole('button', { name: 'English' });
  await expect(japanese).toHaveAttribute('aria-pressed', 'true');
  await expect(english).toHaveAttribute('aria-pressed', 'false');

  await english.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(EN_TITLE);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // The group's label is now English too.
  const enGroup = page.getByRole('group', { name: 'Language' });
  await expect(enGroup.getByRole('button', { name: 'English' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(enGroup.getByRole('button', { name: '日本語' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  await expect(page.getByTestId('networks')).toContainText('Participating facilities');
  await expect(page).toHaveTitle(/renkei/);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(EN_TITLE);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(await page.evaluate(() => localStorage.getItem('renkei.lang'))).toBe('en');

  await page
    .getByRole('group', { name: 'Language' })
    .getByRole('button', { name: '日本語' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(JA_TITLE);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(JA_TITLE);
});

test.describe('with an English browser', () => {
  test.use({ locale: 'en-US' });

  test('starts in English', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(EN_TITLE);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});

test('axe-core finds no WCAG 2.1 A/AA violations, in Japanese and in English', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('networks')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(EN_TITLE);
  expect(await axeViolations(page)).toEqual([]);

  await page.goto('/no-such-page');
  await expect(page.getByTestId('not-found')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test('an unknown address shows the not-found page with a way home', async ({ page }) => {
  const response = await page.goto('/no/such/page?x=1');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ページが見つかりません');
  await expect(page).toHaveTitle(/ページが見つかりません/);
  await page.getByRole('link', { name: 'ホームに戻る' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(JA_TITLE);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ページが見つかりません');
});

test('offline, the shell still loads from the precache and says what to do', async ({
  page,
  context,
  problems,
}) => {
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);

  // Requests that fail while offline are logged by the browser; that is expected here.
  problems.allow.push(/net::ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/);
  await context.setOffline(true);
  const offlineResponse = await page.reload();
  // Served by the service worker from the precache, with the headers it was stored with.
  expect(offlineResponse?.fromServiceWorker()).toBe(true);
  expect(offlineResponse?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(JA_TITLE);
  await expect(page.getByTestId('offline-banner')).toHaveText(OFFLINE_JA);
  await expect(page.getByTestId('networks-error')).toContainText('インターネットへの接続を確認');
  expect(await axeViolations(page)).toEqual([]);

  // Another in-app address also loads offline.
  await page.goto('/somewhere/else');
  await expect(page.getByTestId('not-found')).toBeVisible();
  await expect(page.getByTestId('offline-banner')).toBeVisible();

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByTestId('offline-banner')).toHaveText(
    'You are not connected to the internet. Check your connection and try again.',
  );

  await page.getByRole('link', { name: 'Back to the home page' }).click();
  await expect(page.getByTestId('networks-error')).toContainText('Check your internet connection');

  // Back online: the banner goes and the list loads without a tap.
  await context.setOffline(false);
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);
  await expect(page.getByTestId('networks').locator('li').first()).toBeVisible();
  await expect(page.getByTestId('networks-error')).toHaveCount(0);
});

test('the layout fits a 360 px wide phone with large touch targets', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/');
  await expect(page.getByTestId('networks')).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  for (const target of await page.locator('header a, header button, main button, main a').all()) {
    const box = await target.boundingBox();
    expect(box?.height ?? 0, (await target.textContent()) ?? '').toBeGreaterThanOrEqual(48);
    expect(box?.width ?? 0, (await target.textContent()) ?? '').toBeGreaterThanOrEqual(48);
  }
});
