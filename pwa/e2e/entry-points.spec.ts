import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, Request } from '@playwright/test';
import {
  axeViolations,
  expect,
  expectPhoneLayout,
  slowDown,
  test,
  waitForServiceWorkerControl,
} from './fixtures';
import { addEntryPoint, compact, demoEntryPoint, disableEntryPoint } from './renkei';

/**
 * The entry points behind poster QR codes: the page a QR code opens (`/r/{code}`), the
 * printable poster (`/poster/{code}`), and what people see for unknown and withdrawn codes.
 * Screenshots and the printed poster (PDF) are written to screenshots/ for people to look at.
 */

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

/** Chromium logs every 404 answer; for an unknown code that answer is expected. */
const EXPECTED_404 = /status of 404/;

interface PublicEntryPoint {
  code: string;
  active: boolean;
  url: string;
  network: { name: string; nameEn?: string; demo: boolean };
  facility?: { name: string; nameEn?: string };
}

async function publicEntryPoint(page: Page, code: string): Promise<PublicEntryPoint> {
  const response = await page.request.get(`/api/entry-points/${code}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as PublicEntryPoint;
}

async function switchTo(page: Page, language: 'English' | '日本語'): Promise<void> {
  await page.getByRole('button', { name: language, exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', language === 'English' ? 'en' : 'ja');
}

/**
 * The first load of a poster's page on a phone on a slow network (slow 4G: 150 ms each way,
 * 1.6 Mbit/s; the CPU four times slower): one API request, which the server has the browser
 * start while it fetches the scripts (a `Link: rel=preload` header); no layout shift as the
 * page fills in; and at most 60 KB of script (gzip), in Japanese and in English. How fast it
 * is on such a phone is measured by bench/poster.py (Lighthouse), not here.
 */
test.describe('the page a QR code opens, on a slow phone', () => {
  test.use({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

  for (const [locale, agree] of [
    ['ja-JP', '同意して登録に進む'],
    ['en-GB', 'Agree and continue'],
  ] as const) {
    test(`${locale}: one request, no layout shift, at most 60 KB of script`, async ({
      browser,
    }) => {
      const context = await browser.newContext({
        viewport: { width: 360, height: 640 },
        isMobile: true,
        hasTouch: true,
        locale,
        serviceWorkers: 'block',
      });
      const page = await context.newPage();
      await slowDown(page);
      await page.addInitScript(() => {
        const shifts: number[] = [];
        (window as unknown as { shifts: number[] }).shifts = shifts;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as unknown as {
            value: number;
            hadRecentInput: boolean;
          }[]) {
            if (!entry.hadRecentInput) shifts.push(entry.value);
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      const api: string[] = [];
      const scripts = new Map<string, number>();
      page.on('request', (request) => {
        const path = new URL(request.url()).pathname;
        if (path.startsWith('/api/')) api.push(path);
      });
      // What the page needs before it can show the agree button (the next screen's code is
      // fetched once it shows, so a quick tap on agree does not wait for it).
      let shown = false;
      const early: Request[] = [];
      page.on('request', (request) => {
        if (!shown && new URL(request.url()).pathname.endsWith('.js')) early.push(request);
      });

      const seeded = demoEntryPoint();
      const response = await page.goto(`/r/${compact(seeded.code)}`);
      expect(response?.headers()['link']).toBe(
        `</api/entry-points/${compact(seeded.code)}>; rel=preload; as=fetch; crossorigin`,
      );
      await expect(page.getByRole('button', { name: agree })).toBeVisible();
      shown = true;
      // Started before the button showed, by the page's own clock.
      const before = new Set(
        await page.evaluate(() => {
          const mark = performance.getEntriesByName('renkei:agree-shown')[0]?.startTime ?? 0;
          return performance
            .getEntriesByType('resource')
            .filter((r) => r.startTime <= mark)
            .map((r) => new URL(r.name).pathname);
        }),
      );
      for (const request of early) {
        if (!before.has(new URL(request.url()).pathname)) continue;
        await request.response(); // finished
        scripts.set(new URL(request.url()).pathname, (await request.sizes()).responseBodySize);
      }
      // Let anything that would still move settle, then read what moved.
      await page.waitForTimeout(1000);
      const shifts = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
      const shifted = shifts.reduce((sum, value) => sum + value, 0);
      expect(shifted, `layout shifts: ${shifts.join(', ')}`).toBeLessThanOrEqual(0.05);
      // The entry point with its consent document, asked for once (by the preload).
      expect(api).toEqual([`/api/entry-points/${compact(seeded.code)}`]);
      const bytes = [...scripts.values()].reduce((sum, size) => sum + size, 0);
      console.log(
        `/r/{code} first load in ${locale}: ${bytes} bytes of script (gzip) in ${scripts.size} files; layout shift ${shifted.toFixed(3)}`,
      );
      expect(bytes).toBeGreaterThan(0);
      expect(bytes).toBeLessThanOrEqual(60 * 1024);
      await context.close();
    });
  }
});

test.describe('the page a QR code opens (/r/{code})', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('shows the network, the facility, what joining means and what to have ready, in Japanese and English', async ({
    page,
  }) => {
    const seeded = demoEntryPoint();
    const entry = await publicEntryPoint(page, seeded.code);
    expect(entry.active).toBe(true);
    // The address in the QR code is this page.
    expect(new URL(seeded.url).pathname).toBe(`/r/${compact(seeded.code)}`);

    const response = await page.goto(`/r/${compact(seeded.code)}`);
    expect(response?.status()).toBe(200);
    const active = page.getByTestId('entry-active');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(entry.network.name);
    await expect(page).toHaveTitle(`${entry.network.name} | 連携ネット`);
    await expect(active.locator('.entry__title .badge')).toHaveText('デモ');
    await expect(page.getByTestId('entry-facility')).toContainText(
      entry.facility?.name ?? '(none)',
    );
    await expect(active).toContainText('お薬とアレルギーの情報');
    await expect(active).toContainText('参加は無料です。');
    await expect(active).toContainText('いつでも参加をやめられます。');
    await expect(active).toContainText('共有されるのは、参加した後の情報だけです。');
    const ready = page.getByTestId('what-to-have-ready');
    await expect(ready).toContainText('資格情報のお知らせ');
    await expect(ready).toContainText('資格確認書');
    await expect(ready).toContainText('後期高齢者医療の資格確認書');
    await expect(ready).toContainText('メールを受け取れるスマートフォン');
    // The consent document in force, and the one button that starts registering.
    await expect(page.getByTestId('consent-version')).toContainText('同意書 第');
    await expect(page.getByTestId('consent-full').locator('summary')).toHaveText(
      '同意書の全文を読む',
    );
    await expect(active.locator('button, a')).toHaveCount(1);
    await expect(active.getByRole('button', { name: '同意して登録に進む' })).toBeVisible();
    const fontSize = await page.evaluate(() =>
      parseFloat(getComputedStyle(document.body).fontSize),
    );
    expect(fontSize).toBeGreaterThanOrEqual(18);
    await expectPhoneLayout(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'entry-360-ja.png'), fullPage: true });

    await switchTo(page, 'English');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      entry.network.nameEn ?? entry.network.name,
    );
    await expect(active.locator('.entry__title .badge')).toHaveText('Demo');
    await expect(page.getByTestId('entry-facility')).toContainText(
      entry.facility?.nameEn ?? entry.facility?.name ?? '(none)',
    );
    await expect(active).toContainText('Joining is free.');
    await expect(ready).toContainText('A phone that can receive email');
    await expect(active.getByRole('button', { name: 'Agree and continue' })).toBeVisible();
    await expectPhoneLayout(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'entry-360-en.png'), fullPage: true });
  });

  test('a code typed by hand, with hyphens or in lower case, opens the same page', async ({
    page,
  }) => {
    const seeded = demoEntryPoint();
    const entry = await publicEntryPoint(page, seeded.code);
    await page.goto(`/r/${seeded.code.toLowerCase()}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(entry.network.name);
    await expect(page.getByTestId('entry-active')).toBeVisible();
  });

  test('an unknown code gets a friendly page that says what to do, with a way home', async ({
    page,
    problems,
  }) => {
    problems.allow.push(EXPECTED_404);
    const response = await page.goto('/r/NOPE-NOPE-0');
    expect(response?.status()).toBe(200);
    const notFound = page.getByTestId('entry-not-found');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'このQRコードは見つかりませんでした',
    );
    await expect(notFound).toContainText('NOPE-NOPE-0');
    await expect(notFound).toContainText('もう一度読み取る');
    await expect(notFound).toContainText('受付でおたずねください');
    await expect(notFound).toContainText('紙の申込書');
    // A calm page, not an error alert.
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expectPhoneLayout(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({
      path: join(SCREENSHOTS, 'entry-not-found-360-ja.png'),
      fullPage: true,
    });

    await switchTo(page, 'English');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'We could not find this QR code',
    );
    await expect(notFound).toContainText('paper form');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Back to the home page' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to renkei');
  });

  test('a failed request shows what to do with a retry button, and the retry loads the page', async ({
    page,
    problems,
  }) => {
    const seeded = demoEntryPoint();
    const entry = await publicEntryPoint(page, seeded.code);
    problems.allow.push(/net::ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/);
    await page.route('**/api/entry-points/**', (route) => route.abort('internetdisconnected'));
    await page.goto(`/r/${compact(seeded.code)}`);
    const error = page.getByTestId('entry-error');
    await expect(error).toContainText('インターネットへの接続を確認');
    await expect(page.getByTestId('offline-banner')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('連携ネットへの参加のご案内');
    expect(await axeViolations(page)).toEqual([]);

    await page.unroute('**/api/entry-points/**');
    await error.getByRole('button', { name: 'もう一度読み込む' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(entry.network.name);
    await expect(page.getByTestId('entry-error')).toHaveCount(0);
    await expect(page.getByTestId('offline-banner')).toHaveCount(0);
  });

  test('offline, the page still opens from the app shell and loads once the connection is back', async ({
    page,
    context,
    problems,
  }) => {
    const seeded = demoEntryPoint();
    const entry = await publicEntryPoint(page, seeded.code);
    await page.goto(`/r/${compact(seeded.code)}`);
    await expect(page.getByTestId('entry-active')).toBeVisible();
    // The app is stored for offline use some seconds after the poster's page has loaded, not
    // while the next screen is fetched.
    const early = await page.evaluate(
      async () => (await navigator.serviceWorker.getRegistration()) ?? null,
    );
    expect(early).toBeNull();
    await waitForServiceWorkerControl(page);

    problems.allow.push(/net::ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/);
    await context.setOffline(true);
    const offline = await page.reload();
    expect(offline?.fromServiceWorker()).toBe(true);
    await expect(page.getByTestId('offline-banner')).toBeVisible();
    await expect(page.getByTestId('entry-error')).toContainText('インターネットへの接続を確認');
    await expect(page.getByTestId('entry-error').getByRole('button')).toHaveText(
      'もう一度読み込む',
    );

    await context.setOffline(false);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(entry.network.name);
    await expect(page.getByTestId('offline-banner')).toHaveCount(0);
  });
});

test.describe('the printable poster (/poster/{code})', () => {
  test('shows the network, the QR code and the short code, and prints on one A4 page without the app around it', async ({
    page,
  }) => {
    const seeded = demoEntryPoint();
    const entry = await publicEntryPoint(page, seeded.code);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/poster/${compact(seeded.code)}`);

    const poster = page.getByTestId('poster');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('ポスターの印刷');
    await expect(page.getByTestId('poster-network')).toHaveText(entry.network.name);
    await expect(poster).toContainText('スマホで参加登録 約2分');
    await expect(poster).toContainText('Join from your phone in about 2 minutes');
    await expect(poster).toContainText('QRコードを読み取る');
    await expect(poster).toContainText('保険証の情報を入力して同意する');
    await expect(poster).toContainText('この端末でログインの準備をする');
    await expect(poster).toContainText('参加は無料です');
    await expect(poster).toContainText('いつでもやめられます');
    await expect(poster).toContainText('資格情報のお知らせ');
    await expect(page.getByTestId('poster-facility')).toContainText(
      entry.facility?.name ?? '(none)',
    );
    await expect(page.getByTestId('poster-code')).toHaveText(entry.code);
    await expect(poster).toContainText(entry.url);

    // The QR code is the server's image of this entry point, loaded, with a meaningful text.
    const qr = page.getByTestId('poster-qr');
    await expect(qr).toHaveAttribute(
      'src',
      `/api/entry-points/${encodeURIComponent(compact(entry.code))}/qr.svg`,
    );
    await expect(qr).toHaveAttribute(
      'alt',
      `${entry.network.name}の参加登録用QRコード。読み取ると ${entry.url} が開きます。`,
    );
    await expect
      .poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);

    // The print button prints.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await page.getByRole('button', { name: '印刷する' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'poster-screen.png'), fullPage: true });
    await switchTo(page, 'English');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Print the poster');
    await expect(qr).toHaveAttribute(
      'alt',
      `QR code to join ${entry.network.nameEn ?? entry.network.name}. It opens ${entry.url}.`,
    );
    // The sheet stays Japanese with English underneath.
    await expect(poster).toContainText('スマホで参加登録 約2分');
    expect(await axeViolations(page)).toEqual([]);
    await switchTo(page, '日本語');

    // As printed: no header, footer, language switch or buttons; black on white; one page.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-header')).toBeHidden();
    await expect(page.locator('.site-footer')).toBeHidden();
    await expect(page.locator('.lang-switch')).toBeHidden();
    await expect(page.getByRole('button', { name: '印刷する' })).toBeHidden();
    await expect(page.getByRole('heading', { name: 'ポスターの印刷' })).toBeHidden();
    for (const button of await page.locator('button').all()) await expect(button).toBeHidden();
    await expect(poster).toBeVisible();
    await expect(qr).toBeVisible();
    const printed = await poster.evaluate((el) => {
      const network = el.querySelector('.poster__network') as HTMLElement;
      const headline = el.querySelector('.poster__headline') as HTMLElement;
      const box = el.getBoundingClientRect();
      return {
        clipped: el.scrollHeight - el.clientHeight,
        widthMm: box.width / (96 / 25.4),
        heightMm: box.height / (96 / 25.4),
        networkColor: getComputedStyle(network).color,
        headlineColor: getComputedStyle(headline).color,
        headlineBorder: getComputedStyle(headline).borderTopColor,
        background: getComputedStyle(document.body).backgroundColor,
      };
    });
    expect(printed.clipped, 'the poster content fits the page').toBeLessThanOrEqual(0);
    expect(Math.round(printed.widthMm)).toBe(210);
    expect(Math.round(printed.heightMm)).toBe(297);
    expect(printed.networkColor).toBe('rgb(0, 0, 0)');
    expect(printed.headlineColor).toBe('rgb(0, 0, 0)');
    expect(printed.headlineBorder).toBe('rgb(0, 0, 0)');
    expect(printed.background).toBe('rgb(255, 255, 255)');
    await page.emulateMedia({ media: null });

    // The real print path: Chromium's PDF of the page is exactly one A4 page.
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    writeFileSync(join(SCREENSHOTS, 'poster-a4.pdf'), pdf);
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? [];
    expect(pages).toHaveLength(1);
    const mediaBox = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(
      pdf.toString('latin1'),
    );
    // A4 in PDF points: 595 x 842.
    expect(Math.round(Number(mediaBox?.[1]))).toBe(595);
    expect(Math.round(Number(mediaBox?.[2]))).toBe(842);
  });

  test('an unknown code shows the friendly page, with nothing to print', async ({
    page,
    problems,
  }) => {
    problems.allow.push(EXPECTED_404);
    await page.goto('/poster/NOPE-NOPE-0');
    await expect(page.getByTestId('entry-not-found')).toBeVisible();
    await expect(page.getByTestId('poster')).toHaveCount(0);
    await expect(page.getByRole('button', { name: '印刷する' })).toHaveCount(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});

test('a withdrawn code shows the withdrawn page instead of the entry page and the poster', async ({
  page,
}) => {
  // A fresh entry point, so the seeded one stays active for the other tests.
  const added = addEntryPoint('withdrawn');
  const code = compact(added.code);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`/r/${code}`);
  await expect(page.getByTestId('entry-active')).toBeVisible();
  await expect(page.getByTestId('entry-facility')).toHaveCount(0);
  await page.goto(`/poster/${code}`);
  await expect
    .poll(() =>
      page
        .getByTestId('poster-qr')
        .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
    )
    .toBeGreaterThan(0);
  await expect(page.getByTestId('poster-facility')).toHaveCount(0);

  disableEntryPoint(added.code);
  const entry = await publicEntryPoint(page, code);
  expect(entry.active).toBe(false);
  expect((await page.request.get(`/api/entry-points/${code}/qr.svg`)).status()).toBe(404);

  await page.goto(`/r/${code}`);
  const withdrawn = page.getByTestId('entry-withdrawn');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'このQRコードは現在使われていません',
  );
  await expect(withdrawn).toContainText(entry.network.name);
  await expect(withdrawn).toContainText('新しいポスターやチラシ');
  await expect(withdrawn).toContainText('受付でおたずねください');
  await expect(page.getByTestId('entry-active')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expectPhoneLayout(page);
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'entry-withdrawn-360-ja.png'), fullPage: true });

  await switchTo(page, 'English');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'This QR code is no longer in use',
  );
  await expect(withdrawn).toContainText(entry.network.nameEn ?? entry.network.name);
  expect(await axeViolations(page)).toEqual([]);
  await switchTo(page, '日本語');

  // The poster of a withdrawn code: the same page, no QR code and nothing to print.
  await page.goto(`/poster/${code}`);
  await expect(page.getByTestId('entry-withdrawn')).toBeVisible();
  await expect(page.getByTestId('poster')).toHaveCount(0);
  await expect(page.locator('img')).toHaveCount(0);
  await expect(page.getByRole('button', { name: '印刷する' })).toHaveCount(0);

  await page.getByRole('link', { name: 'ホームに戻る' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('連携ネットへようこそ');
});
