// One cold Lighthouse run of a page in Debian's Chromium, on the phone profile of bench/README.md
// (360×640, four times slower CPU, slow 4G), printed as one line of JSON. Used by bench/poster.py.
//
//   node bench/web/lighthouse.mjs URL simulate|devtools
//
// `simulate` is Lighthouse's own mobile measurement (the performance score); `devtools` applies the
// same throttling to the real browser and reports what was observed, including the app's own
// user-timing marks (e.g. `renkei:agree-shown`).
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';

const [url, method = 'simulate'] = process.argv.slice(2);
if (!url || !['simulate', 'devtools'].includes(method)) {
  console.error('usage: node lighthouse.mjs URL simulate|devtools');
  process.exit(2);
}

const chrome = await launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', `--lang=${process.env.BENCH_LANG ?? 'ja'}`, `--accept-lang=${process.env.BENCH_LANG ?? 'ja'}`],
});
try {
  const result = await lighthouse(
    url,
    { port: chrome.port, output: 'json', logLevel: 'error' },
    {
      extends: 'lighthouse:default',
      settings: {
        onlyCategories: ['performance'],
        formFactor: 'mobile',
        screenEmulation: { mobile: true, width: 360, height: 640, deviceScaleFactor: 2 },
        // Lighthouse's "slow 4G" and a mid-range phone's CPU (its mobile defaults).
        throttling: {
          rttMs: 150,
          throughputKbps: 1638.4,
          requestLatencyMs: 150 * 3.75,
          downloadThroughputKbps: 1638.4 * 0.9,
          uploadThroughputKbps: 750 * 0.9,
          cpuSlowdownMultiplier: 4,
        },
        throttlingMethod: method,
      },
    },
  );
  const lhr = result.lhr;
  const audit = (id) => lhr.audits[id]?.numericValue ?? null;
  const requests = lhr.audits['network-requests']?.details?.items ?? [];
  const marks = (lhr.audits['user-timings']?.details?.items ?? [])
    .filter((m) => m.timingType === 'Mark')
    .map((m) => [m.name, m.startTime]);
  // The first load: the scripts asked for before the agree button was shown (the next screen's
  // code is fetched afterwards, while the person reads). Both times are observed ones.
  const shown = Object.fromEntries(marks)['renkei:agree-shown'] ?? Infinity;
  const scripts = requests.filter(
    (r) => r.resourceType === 'Script' && (r.networkRequestTime ?? 0) <= shown,
  );
  const failed = lhr.runtimeError?.code ?? (lhr.categories.performance.score === null ? 'no score' : null);
  console.log(
    JSON.stringify({
      failed,
      warnings: lhr.runWarnings ?? [],
      score: failed ? null : Math.round((lhr.categories.performance.score ?? 0) * 100),
      fcp: audit('first-contentful-paint'),
      lcp: audit('largest-contentful-paint'),
      cls: audit('cumulative-layout-shift'),
      tbt: audit('total-blocking-time'),
      si: audit('speed-index'),
      scriptBytes: scripts.reduce((sum, r) => sum + (r.transferSize ?? 0), 0),
      scripts: scripts.length,
      scriptFiles: scripts.map((r) => `${new URL(r.url).pathname} ${r.transferSize}`),
      apiRequests: requests.filter((r) => new URL(r.url).pathname.startsWith('/api/')).length,
      requests: requests.length,
      marks: Object.fromEntries(marks),
    }),
  );
} finally {
  await chrome.kill();
}
