import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiFailure } from '../api/client';
import { claimPasskeyOptions, completeClaim } from '../api/proxies';
import { ErrorSummary, useFocusFirstError } from '../components/Form';
import { BirthDateField, birthDateMessage, type BirthPart } from '../components/InsuranceFields';
import { PasskeyProblemText } from '../components/PasskeyProblemText';
import { Problem } from '../components/Problem';
import { t } from '../i18n';
import { resetActing } from '../lib/acting-for';
import { birthDateForServer, type BirthDateParts } from '../lib/birth-date';
import { usePageTitle } from '../lib/page';
import { createPasskey, platformPasskeysAvailable, type PasskeyProblem } from '../lib/passkeys';
import { tidyCode } from '../lib/proxies';
import { navigate } from '../router';

const FORM = 'claim';

/**
 * `/claim#CODE`: for a person whom family registered, starting to sign in themselves. The mailed
 * link carries a one-time code in its fragment; the person confirms their date of birth and
 * makes a passkey on this phone, and is signed in. From then on they can see who acts for them
 * and end it (`/me/proxies`).
 */
export function Claim() {
  usePageTitle(t('claim.title'));
  const [code] = useState(() => tidyCode(location.hash));
  const [parts, setParts] = useState<BirthDateParts>({ calendar: 'S', year: '', month: '', day: '' });
  const [birthError, setBirthError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [problem, setProblem] = useState<PasskeyProblem | 'rejected' | null>(null);
  const [supported, setSupported] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const ref = useRef<HTMLFormElement>(null);
  useFocusFirstError(ref, attempt);

  useEffect(() => {
    let live = true;
    void platformPasskeysAvailable().then((ok) => {
      if (live) setSupported(ok);
    });
    return () => {
      live = false;
    };
  }, []);

  if (!code) {
    return (
      <section class="card" aria-labelledby="page-title" data-testid="claim-no-code">
        <h1 id="page-title" tabIndex={-1}>
          {t('claim.title')}
        </h1>
        <p>{t('claim.noCode')}</p>
        <a class="button button--secondary button--wide" href="/">
          {t('notFound.home')}
        </a>
      </section>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setError(null);
    setProblem(null);
    const missing = !parts.year.trim() || !parts.month.trim() || !parts.day.trim();
    const message = missing ? t('check.birth.required') : birthDateMessage(parts);
    if (message) {
      setBirthError(message);
      setAttempt((n) => n + 1);
      return;
    }
    const birthDate = birthDateForServer(parts);
    setBusy(true);
    const options = await claimPasskeyOptions(code, birthDate);
    if (!options.ok) {
      setBusy(false);
      setError(options.error);
      setAttempt((n) => n + 1);
      return;
    }
    const made = await createPasskey(options.data);
    if (!made.ok) {
      setBusy(false);
      setProblem(made.problem);
      return;
    }
    const done = await completeClaim(code, birthDate, made.credential);
    setBusy(false);
    if (!done.ok) {
      if (done.error.code === 'validation_failed' && done.error.fields?.some((f) => f.field === 'credential')) {
        setProblem('rejected');
      } else setError(done.error);
      setAttempt((n) => n + 1);
      return;
    }
    // A new session, as this person: nothing of an earlier one's acting-for state stays.
    resetActing();
    navigate('/me', { replace: true });
  };

  return (
    <section class="flow" aria-labelledby="page-title" data-testid="claim">
      <h1 id="page-title" tabIndex={-1}>
        {t('claim.title')}
      </h1>
      <div class="card">
        <p>{t('claim.lead')}</p>
        <ul class="points">
          <li>{t('claim.point.passkey')}</li>
          <li>{t('claim.point.proxies')}</li>
        </ul>
      </div>
      <form ref={ref} class="card" noValidate onSubmit={submit} data-testid="claim-form">
        <ErrorSummary
          form={FORM}
          errors={birthError ? { birthDate: birthError } : {}}
          labels={{ birthDate: t('details.birthDate') }}
        />
        <Problem error={error} testId="claim-problem" />
        <h2>{t('claim.birth.title')}</h2>
        <BirthDateField
          form={FORM}
          parts={parts}
          error={birthError}
          readBackKey="claim.birth.readBack"
          onChange={(part: BirthPart, value) => {
            setParts((p) => ({ ...p, [part]: value }));
            setBirthError(undefined);
          }}
        />
        <h2>{t('passkey.title')}</h2>
        {supported === false ? (
          <p data-testid="claim-no-passkeys">{t('claim.unsupported')}</p>
        ) : (
          <>
            <p>{t('passkey.lead')}</p>
            {problem && <PasskeyProblemText problem={problem} />}
            <button
              type="submit"
              class="button button--wide"
              disabled={busy || supported === null}
              data-testid="claim-submit"
            >
              {busy ? t('passkey.creating') : t('claim.submit')}
            </button>
          </>
        )}
      </form>
    </section>
  );
}
