/**
 * Sign-out after a time without input, with a warning shortly before: for the reception PC,
 * where a staff member may be called away mid-form. Pure logic over an injectable clock, so
 * tests can move time.
 *
 * Activity (`touch`) only records the time; the single timer, when it fires, looks at how long
 * it has been and either warns, signs out, or sleeps until the next moment that matters. A PC
 * that slept past the timeout signs out at the first tick or touch after waking.
 */

export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface IdleOptions {
  /** Sign out after this long without input. */
  timeoutMs: number;
  /** Warn this long before signing out. */
  warnBeforeMs: number;
  /** The warning should show (with the time left, in ms). */
  onWarn: (leftMs: number) => void;
  /** Input came after a warning: hide it. */
  onActive: () => void;
  /** Time is up: sign out. Called once. */
  onTimeout: () => void;
  clock?: Clock;
}

export interface IdleTimer {
  /** The person did something (a key, the mouse, a touch). */
  touch(): void;
  /** Stop watching (signed out, or the page went away). */
  stop(): void;
  /** When the last input was, by the clock. */
  lastActivity(): number;
}

/** What is due `elapsed` ms after the last input. */
export function idlePhase(
  elapsed: number,
  timeoutMs: number,
  warnBeforeMs: number,
): 'active' | 'warn' | 'out' {
  if (elapsed >= timeoutMs) return 'out';
  if (elapsed >= timeoutMs - warnBeforeMs) return 'warn';
  return 'active';
}

export function startIdleTimer(options: IdleOptions): IdleTimer {
  const clock = options.clock ?? systemClock;
  const { timeoutMs, warnBeforeMs } = options;
  let last = clock.now();
  let warned = false;
  let done = false;
  let handle: unknown = null;

  const schedule = (ms: number) => {
    if (handle !== null) clock.clearTimeout(handle);
    handle = clock.setTimeout(tick, Math.max(0, ms));
  };

  function tick(): void {
    handle = null;
    if (done) return;
    const elapsed = clock.now() - last;
    const phase = idlePhase(elapsed, timeoutMs, warnBeforeMs);
    if (phase === 'out') {
      done = true;
      options.onTimeout();
      return;
    }
    if (phase === 'warn') {
      if (!warned) {
        warned = true;
        options.onWarn(timeoutMs - elapsed);
      }
      schedule(timeoutMs - elapsed);
      return;
    }
    schedule(timeoutMs - warnBeforeMs - elapsed);
  }

  schedule(timeoutMs - warnBeforeMs);

  return {
    touch() {
      if (done) return;
      const now = clock.now();
      if (idlePhase(now - last, timeoutMs, warnBeforeMs) === 'out') {
        // Woke from sleep past the limit: input now does not bring the session back.
        tick();
        return;
      }
      last = now;
      if (warned) {
        warned = false;
        options.onActive();
        schedule(timeoutMs - warnBeforeMs);
      }
    },
    stop() {
      done = true;
      if (handle !== null) clock.clearTimeout(handle);
      handle = null;
    },
    lastActivity: () => last,
  };
}
