import { useState } from 'preact/hooks';
import type { ApiFailure } from '../../api/client';
import { staffSignIn, staffSignInOptions } from '../../api/staff';
import { Problem } from '../../components/Problem';
import { t } from '../../i18n/staff';
import { usePageTitle } from '../../lib/page';
import { getPasskey, passkeysSupported, type PasskeyProblem } from '../../lib/passkeys';
import { staffHome, staffMe, staffNotice, staffReturnPath } from '../../lib/staff-session';
import { requireVerification } from '../../lib/staff-passkeys';
import { navigate } from '../../router';

/**
 * `/staff`: the reception console's sign-in. A passkey on this PC (or a security key), always
 * with user verification (PIN, fingerprint, face). Why the last session ended is said at the
 * top; a staff member without an account is told to ask the network office for an enrolment link.
 */
export function StaffSignIn() {
  usePageTitle(t('staff.signIn.title'));
  const [notice] = useState(() => {
    const value = staffNotice.value;
    staffNotice.value = null;
    return value;
  });
  const [error, setError] = useState<ApiFailure | null>(null);
  const [problem, setProblem] = useState<PasskeyProblem | 'rejected' | null>(null);
  const [busy, setBusy] = useState(false);
  const supported = passkeysSupported();

  const signIn = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setProblem(null);
    const options = await staffSignInOptions();
    if (!options.ok) {
      setBusy(false);
      setError(options.error);
      return;
    }
    const got = await getPasskey(requireVerification(options.data));
    if (!got.ok) {
      setBusy(false);
      setProblem(got.problem);
      return;
    }
    const done = await staffSignIn(options.data.ceremony, got.credential);
    setBusy(false);
    if (!done.ok) {
      if (done.error.code === 'validation_failed' || done.error.code === 'unauthorized')
        setProblem('rejected');
      else setError(done.error);
      return;
    }
    staffMe.value = done.data;
    navigate(
      staffReturnPath(new URLSearchParams(location.search).get('next')) ?? staffHome(done.data),
      {
        replace: true,
      },
    );
  };

  return (
    <div class="flow staff-flow" data-testid="staff-sign-in">
      <h1 id="page-title" tabIndex={-1}>
        {t('staff.signIn.title')}
      </h1>
      {notice && (
        <div
          class={`alert${notice === 'signedOut' ? ' alert--info' : ''}`}
          role="status"
          data-testid="staff-notice"
        >
          <p>{t(notice === 'expired' ? 'staff.notice.expired' : 'staff.notice.signedOut')}</p>
        </div>
      )}
      <Problem error={error} testId="staff-sign-in-problem" />
      <section class="card" aria-labelledby="staff-passkey-title">
        <h2 id="staff-passkey-title">{t('staff.signIn.passkey.title')}</h2>
        {supported ? (
          <>
            <p>{t('staff.signIn.lead')}</p>
            {problem && (
              // The console's own words (its text is not in the app's dictionary); the key is checked.
              <p class="alert alert--inline" role="alert" data-testid="passkey-problem">
                {t(`staff.passkey.${problem}`)}
              </p>
            )}
            <button
              type="button"
              class="button button--wide"
              disabled={busy}
              onClick={signIn}
              data-testid="staff-sign-in-passkey"
            >
              {busy ? t('signIn.passkey.working') : t('staff.signIn.button')}
            </button>
          </>
        ) : (
          <p>{t('staff.signIn.unsupported')}</p>
        )}
      </section>
      <section class="card" aria-labelledby="staff-no-account">
        <h2 id="staff-no-account">{t('staff.signIn.noAccount.title')}</h2>
        <p>{t('staff.signIn.noAccount.body')}</p>
        <p class="note">{t('staff.signIn.newPc')}</p>
      </section>
      <p>
        <a href="/paper-form" data-testid="staff-paper-form-link">
          {t('staff.paperForm.link')}
        </a>
      </p>
    </div>
  );
}
