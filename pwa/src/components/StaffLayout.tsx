import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { getStaffMe, type StaffMe } from '../api/staff';
import { t, type ErrorCode, type MessageKey } from '../i18n/staff';
import { startIdleTimer } from '../lib/idle';
import {
  mayEnterForms,
  mayOpenRecords,
  mayRecordPresentations,
  signOutStaff,
  STAFF_PRESENTATIONS,
  STAFF_RECORDS,
  staffHome,
  staffMe,
} from '../lib/staff-session';
import { currentPath } from '../router';
import { BusyBanner } from './BusyBanner';
import { ErrorAlert } from './ErrorAlert';
import { LanguageSwitch } from './LanguageSwitch';
import { Logo } from './Logo';
import { OfflineBanner } from './OfflineBanner';

// The console's text comes with its frame; `app.tsx` fetches its English before showing it.
export { loadStaffLang } from '../i18n/staff';

/** Warn this long before the PC signs the staff member out by itself. */
export const IDLE_WARNING_MS = 60_000;
/** While there is input, tell the server at most this often (its own idle clock is 15 minutes). */
const KEEPALIVE_MS = 4 * 60_000;

/** What counts as someone at the PC. A mouse merely moved past does not. */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart', 'input'] as const;

/** The console's pages, each shown to the roles that may use it (the server refuses the others). */
const NAV: ReadonlyArray<{ path: string; key: MessageKey; for: (me: StaffMe) => boolean }> = [
  { path: STAFF_RECORDS, key: 'staff.nav.records', for: mayOpenRecords },
  { path: '/staff/new', key: 'staff.nav.new', for: mayEnterForms },
  { path: '/staff/entries', key: 'staff.nav.entries', for: mayEnterForms },
  { path: '/staff/withdrawal', key: 'staff.nav.withdrawal', for: mayEnterForms },
  { path: STAFF_PRESENTATIONS, key: 'staff.nav.presentation', for: mayRecordPresentations },
  { path: '/staff/insurance', key: 'staff.nav.insurance', for: mayEnterForms },
  { path: '/staff/proxy-confirmation', key: 'staff.nav.proxyConfirm', for: mayEnterForms },
  { path: '/paper-form', key: 'staff.nav.paperForm', for: () => true },
];

/**
 * The reception console's frame: distinct from the resident app (a dark band with the facility
 * and the staff member's name, the console's pages, sign-out). With `session`, the page needs a
 * signed-in staff member: it loads `/staff/me` when this PC does not know one yet, sends the
 * signed-out to `/staff`, and signs out by itself after the idle time the server names (warning
 * a minute before).
 */
export function StaffLayout({
  session,
  children,
}: {
  session: boolean;
  children: ComponentChildren;
}) {
  const me = staffMe.value;
  return (
    <div class="page page--staff">
      <a class="skip-link" href="#main">
        {t('layout.skip')}
      </a>
      <header class="staff-header">
        <div class="staff-header__inner">
          <a class="brand brand--staff" href={me ? staffHome(me) : '/staff'}>
            <Logo size={32} />
            <span class="brand__name">{t('staff.brand')}</span>
          </a>
          {me && (
            <p class="staff-header__who" data-testid="staff-who">
              <span class="staff-header__facility" data-testid="staff-facility">
                {me.facility.name}
              </span>
              <span class="staff-header__name" data-testid="staff-name">
                {t('staff.header.name', { name: me.name })}
              </span>
            </p>
          )}
          <div class="staff-header__tools">
            <LanguageSwitch />
            {me && <SignOutButton />}
          </div>
        </div>
        {me && (
          <nav class="staff-nav" aria-label={t('staff.nav.label')}>
            <ul>
              {NAV.filter((item) => item.for(me)).map((item) => (
                <li key={item.path}>
                  <a
                    href={item.path}
                    aria-current={currentPath.value === item.path ? 'page' : undefined}
                  >
                    {t(item.key)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <OfflineBanner />
      <BusyBanner />
      {me && session && <IdleWatch me={me} />}
      <main id="main" class="main main--staff" tabIndex={-1}>
        {session ? <Signed>{children}</Signed> : children}
      </main>
      <footer class="site-footer no-print">
        <p>{t('staff.footer')}</p>
      </footer>
    </div>
  );
}

function SignOutButton() {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      class="button button--secondary button--small"
      disabled={busy}
      data-testid="staff-sign-out"
      onClick={async () => {
        setBusy(true);
        await signOutStaff('button');
      }}
    >
      {busy ? t('signOut.working') : t('staff.signOut')}
    </button>
  );
}

/** The page itself once the staff member is known; else loading, or off to sign in. */
function Signed({ children }: { children: ComponentChildren }) {
  const me = staffMe.value;
  const [error, setError] = useState<ErrorCode | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (me) return;
    const controller = new AbortController();
    getStaffMe(controller.signal).then(
      (result) => {
        if (result.ok) staffMe.value = result.data;
        else if (result.error.code !== 'unauthorized') setError(result.error.code);
        // 401: the session module has already gone to the sign-in page.
      },
      () => {},
    );
    return () => controller.abort();
  }, [me === null, attempt]);
  if (me) return <>{children}</>;
  return (
    <section class="card" aria-busy={!error}>
      <h1 id="page-title" tabIndex={-1}>
        {t('staff.brand')}
      </h1>
      {error ? (
        <ErrorAlert
          code={error}
          retryLabel={t('screen.retry')}
          onRetry={() => setAttempt((n) => n + 1)}
          testId="staff-load-error"
        />
      ) : (
        <p class="muted">
          <span class="spinner" aria-hidden="true" />
          {t('screen.loading')}
        </p>
      )}
    </section>
  );
}

/** Signs out after `idleTimeoutSeconds` without input; warns a minute before. */
function IdleWatch({ me }: { me: StaffMe }) {
  const [warning, setWarning] = useState(false);
  const lastPing = useRef(Date.now());
  useEffect(() => {
    const timeoutMs = Math.max(120, me.idleTimeoutSeconds || 900) * 1000;
    const timer = startIdleTimer({
      timeoutMs,
      warnBeforeMs: IDLE_WARNING_MS,
      onWarn: () => setWarning(true),
      onActive: () => setWarning(false),
      onTimeout: () => {
        setWarning(false);
        void signOutStaff('idle');
      },
    });
    const touch = () => {
      timer.touch();
      // Typing a long form makes no requests: keep the server's session in step with the PC.
      if (Date.now() - lastPing.current >= KEEPALIVE_MS) {
        lastPing.current = Date.now();
        void getStaffMe();
      }
    };
    for (const name of ACTIVITY_EVENTS)
      document.addEventListener(name, touch, { capture: true, passive: true });
    return () => {
      timer.stop();
      for (const name of ACTIVITY_EVENTS)
        document.removeEventListener(name, touch, { capture: true });
    };
  }, [me]);
  return (
    <div class="staff-idle-region" role="alert" aria-live="assertive">
      {warning && (
        <div class="staff-idle" data-testid="staff-idle-warning">
          <p>{t('staff.idle.warning')}</p>
          <button type="button" class="button" onClick={() => setWarning(false)}>
            {t('staff.idle.continue')}
          </button>
        </div>
      )}
    </div>
  );
}
