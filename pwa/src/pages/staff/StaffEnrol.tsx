import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiFailure } from '../../api/client';
import { completeEnrolment, enrolmentOptions, type EnrolmentOptions } from '../../api/staff';
import { Problem } from '../../components/Problem';
import { t, type MessageKey } from '../../i18n/staff';
import { usePageTitle } from '../../lib/page';
import { createPasskey, passkeysSupported, type PasskeyProblem } from '../../lib/passkeys';
import { tidyCode } from '../../lib/proxies';
import { requireVerificationToCreate } from '../../lib/staff-passkeys';
import { staffHome, staffMe } from '../../lib/staff-session';
import { navigate } from '../../router';

type Phase =
  | { readonly kind: 'loading' }
  | { readonly kind: 'invalid'; readonly error: ApiFailure | null }
  | { readonly kind: 'ready'; readonly options: EnrolmentOptions };

/**
 * `/staff/enrol#CODE`: a new staff member's one-time link from the network office. Shows whom
 * the link is for (name, role, facility) so the wrong person does not enrol, makes a passkey on
 * this PC (or a security key) with user verification, and signs in.
 */
export function StaffEnrol() {
  usePageTitle(t('staff.enrol.title'));
  const [code] = useState(() => tidyCode(location.hash));
  const [phase, setPhase] = useState<Phase>(
    code ? { kind: 'loading' } : { kind: 'invalid', error: null },
  );
  const [error, setError] = useState<ApiFailure | null>(null);
  const [problem, setProblem] = useState<PasskeyProblem | 'rejected' | null>(null);
  const [busy, setBusy] = useState(false);
  const tried = useRef(false);

  const load = async () => {
    setPhase({ kind: 'loading' });
    const result = await enrolmentOptions(code);
    if (result.ok) setPhase({ kind: 'ready', options: result.data });
    else setPhase({ kind: 'invalid', error: result.error });
  };

  useEffect(() => {
    if (code) void load();
  }, []);

  const enrol = async () => {
    if (busy || phase.kind !== 'ready') return;
    setBusy(true);
    setError(null);
    setProblem(null);
    // A second attempt needs fresh options: a ceremony is used once.
    let options = phase.options;
    if (tried.current) {
      const fresh = await enrolmentOptions(code);
      if (!fresh.ok) {
        setBusy(false);
        setPhase({ kind: 'invalid', error: fresh.error });
        return;
      }
      options = fresh.data;
    }
    tried.current = true;
    const made = await createPasskey(requireVerificationToCreate(options));
    if (!made.ok) {
      setBusy(false);
      setProblem(made.problem);
      return;
    }
    const done = await completeEnrolment(code, made.credential);
    setBusy(false);
    if (!done.ok) {
      if (
        done.error.code === 'validation_failed' &&
        done.error.fields?.some((f) => f.field === 'credential')
      ) {
        setProblem('rejected');
      } else setError(done.error);
      return;
    }
    staffMe.value = done.data;
    history.replaceState(null, '', '/staff/enrol'); // the code is used: keep it out of the history
    navigate(staffHome(done.data), { replace: true });
  };

  return (
    <div class="flow staff-flow" data-testid="staff-enrol">
      <h1 id="page-title" tabIndex={-1}>
        {t('staff.enrol.title')}
      </h1>
      {phase.kind === 'loading' && (
        <p class="muted">
          <span class="spinner" aria-hidden="true" />
          {t('screen.loading')}
        </p>
      )}
      {phase.kind === 'invalid' && (
        <div class="alert" role="alert" data-testid="staff-enrol-invalid">
          <p>
            {phase.error &&
            phase.error.code !== 'enrolment_invalid' &&
            phase.error.code !== 'validation_failed'
              ? t('staff.enrol.failed')
              : t('staff.enrol.invalid')}
          </p>
          {phase.error &&
            phase.error.code !== 'enrolment_invalid' &&
            phase.error.code !== 'validation_failed' && (
              <button type="button" class="button" onClick={() => void load()}>
                {t('screen.retry')}
              </button>
            )}
        </div>
      )}
      {phase.kind === 'ready' && (
        <section class="card" aria-labelledby="staff-enrol-who" data-testid="staff-enrol-ready">
          <h2 id="staff-enrol-who">{t('staff.enrol.for')}</h2>
          <dl class="facts">
            <div>
              <dt>{t('staff.enrol.name')}</dt>
              <dd data-testid="staff-enrol-name">{phase.options.staff.name}</dd>
            </div>
            <div>
              <dt>{t('staff.enrol.role')}</dt>
              <dd data-testid="staff-enrol-role">
                {t(`staff.role.${phase.options.staff.role}` as MessageKey)}
              </dd>
            </div>
            <div>
              <dt>{t('staff.enrol.facility')}</dt>
              <dd data-testid="staff-enrol-facility">{phase.options.staff.facility.name}</dd>
            </div>
          </dl>
          <p class="note">{t('staff.enrol.notYou')}</p>
          <Problem error={error} testId="staff-enrol-problem" />
          {passkeysSupported() ? (
            <>
              <p>{t('staff.enrol.lead')}</p>
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
                onClick={enrol}
                data-testid="staff-enrol-create"
              >
                {busy ? t('passkey.creating') : t('staff.enrol.create')}
              </button>
            </>
          ) : (
            <p>{t('staff.signIn.unsupported')}</p>
          )}
        </section>
      )}
    </div>
  );
}
