import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pwaDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A port that was free a moment ago on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') ok(address.port);
        else fail(new Error('no port'));
      });
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((ok) => {
    if (child.exitCode !== null || child.signalCode !== null) ok();
    else child.once('exit', () => ok());
  });
}

async function waitForHealth(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  let last = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `renkei serve exited (${child.exitCode ?? child.signalCode}) before it was ready.\n` +
          readFileSync(logFile, 'utf8'),
      );
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `renkei serve did not answer ${url} within 60 s (${last}).\n${readFileSync(logFile, 'utf8')}`,
  );
}

/**
 * Start `renkei serve --demo` on a free port with a temporary database and mail folder, serving
 * the built app from dist/. Tests open it as http://localhost:PORT (RENKEI_E2E_BASE_URL).
 *
 * Tests that need operator commands (`renkei admin ...`, see e2e/renkei.ts) run the same binary
 * against the same database: RENKEI_E2E_BIN, RENKEI_E2E_DATABASE_URL and RENKEI_E2E_PUBLIC_URL.
 * Mail is written as .eml files to RENKEI_E2E_MAIL_DIR (read with e2e/mail.ts).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const bin = process.env.RENKEI_BIN ?? resolve(pwaDir, '..', 'target', 'debug', 'renkei');
  if (!existsSync(bin)) {
    throw new Error(
      `The renkei binary was not found at ${bin}. Build it with \`cargo build -p renkei-api\` ` +
        'in the repository root, or set RENKEI_BIN to its path.',
    );
  }
  const dist = join(pwaDir, 'dist');
  if (!existsSync(join(dist, 'index.html')) || !existsSync(join(dist, 'sw.js'))) {
    throw new Error(
      'pwa/dist is missing or incomplete. Run `npm run build` first (`npm run e2e` does).',
    );
  }

  const dir = mkdtempSync(join(tmpdir(), 'renkei-e2e-'));
  const port = await freePort();
  const logFile = join(dir, 'server.log');
  const log = createWriteStream(logFile);
  const publicUrl = `http://localhost:${port}`;
  const databaseUrl = `sqlite://${join(dir, 'renkei.db')}?mode=rwc`;
  const child = spawn(bin, ['serve', '--demo'], {
    env: {
      ...process.env,
      RENKEI_BIND: `127.0.0.1:${port}`,
      RENKEI_PUBLIC_URL: publicUrl,
      RENKEI_DATABASE_URL: databaseUrl,
      RENKEI_PWA_DIR: dist,
      RENKEI_MAIL_URL: `file://${join(dir, 'mail')}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited(child);
      clearTimeout(timer);
    }
    log.end();
    if (process.env.RENKEI_E2E_KEEP) console.log(`e2e data kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(`http://127.0.0.1:${port}/api/health`, child, logFile);
  } catch (err) {
    await stop();
    throw err;
  }
  process.env.RENKEI_E2E_BASE_URL = publicUrl;
  process.env.RENKEI_E2E_BIN = bin;
  process.env.RENKEI_E2E_DATABASE_URL = databaseUrl;
  process.env.RENKEI_E2E_PUBLIC_URL = publicUrl;
  // The file transport writes every message as an .eml file here (see e2e/mail.ts).
  process.env.RENKEI_E2E_MAIL_DIR = join(dir, 'mail');
  return stop;
}
