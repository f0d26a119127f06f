import { execFileSync } from 'node:child_process';

/**
 * Operator commands (`renkei admin ...`) against the database of the server that
 * e2e/global-setup.ts started: the same binary, database and public URL.
 */

/** One entry point as `renkei admin entry-point list --json` prints it. */
export interface AdminEntryPoint {
  code: string;
  url: string;
  label: string;
  network: string;
  facility: string | null;
  disabledAt: string | null;
  createdAt: string;
}

function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with \`npm run e2e\`.`);
  return value;
}

/** Run `renkei admin ARGS` and return what it printed on stdout. */
export function renkeiAdmin(args: readonly string[]): string {
  return execFileSync(setting('RENKEI_E2E_BIN'), ['admin', ...args], {
    env: {
      ...process.env,
      RENKEI_DATABASE_URL: setting('RENKEI_E2E_DATABASE_URL'),
      RENKEI_PUBLIC_URL: setting('RENKEI_E2E_PUBLIC_URL'),
      RENKEI_OPERATOR: 'e2e',
    },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 30_000,
  });
}

export function listEntryPoints(network = 'demo'): AdminEntryPoint[] {
  return JSON.parse(
    renkeiAdmin(['entry-point', 'list', '--network', network, '--json']),
  ) as AdminEntryPoint[];
}

/** The entry point `renkei serve --demo` seeds (the one tied to a demo facility). */
export function demoEntryPoint(): AdminEntryPoint {
  const seeded = listEntryPoints()
    .filter((e) => e.facility !== null && e.disabledAt === null)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
  if (!seeded) throw new Error('renkei serve --demo seeded no active entry point with a facility');
  return seeded;
}

/** Create an entry point in the demo network (labels are unique per call). */
export function addEntryPoint(purpose: string): AdminEntryPoint {
  const label = `e2e ${purpose} ${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  renkeiAdmin(['entry-point', 'add', '--network', 'demo', '--label', label]);
  const added = listEntryPoints().find((e) => e.label === label);
  if (!added) throw new Error(`entry point "${label}" was not listed after adding it`);
  return added;
}

/** Withdraw an entry point, as the network office does for an old poster. */
export function disableEntryPoint(code: string): void {
  renkeiAdmin(['entry-point', 'disable', '--code', code]);
}

/** The code as the QR code's address carries it: `7K3M-QX9P-R` → `7K3MQX9PR`. */
export function compact(code: string): string {
  return code.replace(/-/g, '');
}
