// Renders the app icons from icons/*.svg with the system Chromium and writes the PNGs to
// public/icons/ (and the favicon to public/favicon.svg). Run once after changing the SVGs:
//   npm run icons
// The PNGs are committed; the build does not run this.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public', 'icons');

const jobs = [
  { svg: 'icon.svg', file: 'icon-192.png', size: 192, transparent: true },
  { svg: 'icon.svg', file: 'icon-512.png', size: 512, transparent: true },
  { svg: 'icon-maskable.svg', file: 'icon-maskable-512.png', size: 512, transparent: false },
  // iOS rounds the corners itself and shows transparency as black: use the full-bleed art.
  { svg: 'icon-maskable.svg', file: 'apple-touch-icon.png', size: 180, transparent: false },
];

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  for (const job of jobs) {
    const svg = readFileSync(join(root, 'icons', job.svg), 'utf8')
      .replace(/width="64"/, `width="${job.size}"`)
      .replace(/height="64"/, `height="${job.size}"`);
    const page = await browser.newPage({
      viewport: { width: job.size, height: job.size },
      deviceScaleFactor: 1,
    });
    await page.setContent(
      `<!doctype html><html><head><style>html,body{margin:0;background:transparent}svg{display:block}</style></head><body>${svg}</body></html>`,
    );
    await page.screenshot({
      path: join(out, job.file),
      omitBackground: job.transparent,
      clip: { x: 0, y: 0, width: job.size, height: job.size },
    });
    await page.close();
    console.log(`wrote public/icons/${job.file} (${job.size}x${job.size})`);
  }
} finally {
  await browser.close();
}
copyFileSync(join(root, 'icons', 'icon.svg'), join(root, 'public', 'favicon.svg'));
console.log('wrote public/favicon.svg');
