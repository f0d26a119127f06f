import { useEffect, useRef, useState } from 'preact/hooks';
import {
  addMyPasskey,
  myPasskeyOptions,
  recoverAccount,
  requestSignInCode,
} from '../../api/account';
import type { ApiFailure } from '../../api/client';
import {
  CodeField,
  ErrorSummary,
  TextField,
  fieldId,
  messagesFrom,
  useFocusFirstError,
} from '../../components/Form';
import {
  BirthDateField,
  InsuranceFields,
  birthDateProblem,
  insurerMessage,
  preciseFieldMessage,
  type InsuranceValues,
} from '../../components/InsuranceFields';
import { PasskeyProblemText } from '../../components/PasskeyProblemText';
import { Problem } from '../../components/Problem';
import { ResendButton } from '../../components/ResendButton';
import { t } from '../../i18n';
import { birthDateForServer, type BirthDateParts, type Calendar } from '../../lib/birth-date';
import { checkInsurerNumber, tidyDigits } from '../../lib/insurance';
import { usePageTitle } from '../../lib/page';
import { createPasskey, platformPasskeysAvailable, type PasskeyProblem } from '../../lib/passkeys';
import { navigate } from '../../router';

const FORM = 'recover';

/**
 * `/recover`: for a person who cannot sign in (new phone, passkey gone). A code mailed to the
 * registered address (asked for with the date of birth given at registration), plus the insurance
 * details given at registration,
 * sign them in; then they are asked at once to make a passkey on this phone. Nothing typed
 * here is stored on the phone.
 */
export function Recover() {
  usePageTitle(t('recover.title'));
  const [phase, setPhase] = useState<'email' | 'verify' | 'passkey'>('email');
  const [email, setEmail] = useState('');
  const [otp, setOtp] = useState('');
  const [insurance, setInsurance] = useState<InsuranceValues>({
    insurerNumber: '',
    symbol: '',
    number: '',
    branch: '',
  });
  const [birth, setBirth] = useState<BirthDateParts>({
    calendar: 'S',
    year: '',
    month: '',
    day: '',
  });
  const [flow, setFlow] = useState<string | null>(null);
  const [resendAt, setResendAt] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLDivElement>(null);
  useFocusFirstError(formRef, attempt);

  const refuse = (next: Record<string, string>) => {
    setErrors(next);
    setAttempt((n) => n + 1);
  };
  const clearError = (...fields: string[]) =>
    setErrors((current) => {
      if (!fields.some((f) => f in current)) return current;
      const next = { ...current };
      for (const f of fields) delete next[f];
      return next;
    });

  const sendCode = async (event?: Event) => {
    event?.preventDefault();
    if (busy) return;
    setError(null);
    const local: Record<string, string> = {};
    if (!email.trim()) local['email'] = t('check.required');
    const birthProblem = birthDateProblem(birth);
    if (birthProblem) local['birthDate'] = birthProblem;
    if (Object.keys(local).length > 0) {
      refuse(local);
      return;
    }
    setBusy(true);
    const result = await requestSignInCode(
      email,
      birthDateForServer(birth),
      phase === 'verify' ? (flow ?? undefined) : undefined,
    );
    setBusy(false);
    if (result.ok) {
      setErrors({});
      setFlow(result.data.flow);
      setResendAt(result.data.resendAvailableAt);
      setPhase('verify');
      return;
    }
    if (result.error.code === 'validation_failed' && result.error.fields?.length) {
      refuse(messagesFrom(result.error.fields, preciseFieldMessage));
    } else {
      setError(result.error);
      setAttempt((n) => n + 1);
    }
  };

  const recover = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setError(null);
    const local: Record<string, string> = {};
    const code = tidyDigits(otp);
    if (!/^\d{6}$/.test(code))
      local['code'] = code === '' ? t('check.code.required') : t('check.code.format');
    const insurer = insurerMessage(checkInsurerNumber(insurance.insurerNumber), undefined);
    if (insurer) local['insurerNumber'] = insurer;
    if (!insurance.number.trim()) local['number'] = t('check.required');
    if (Object.keys(local).length > 0) {
      refuse(local);
      return;
    }
    setBusy(true);
    const result = await recoverAccount({
      email,
      code,
      flow: flow ?? '',
      insurerNumber: insurance.insurerNumber,
      symbol: insurance.symbol,
      number: insurance.number,
      ...(insurance.branch.trim() ? { branch: insurance.branch } : {}),
      birthDate: birthDateForServer(birth),
    });
    setBusy(false);
    if (result.ok) {
      setErrors({});
      setPhase('passkey');
      return;
    }
    if (result.error.code === 'validation_failed' && result.error.fields?.length) {
      refuse(messagesFrom(result.error.fields, preciseFieldMessage));
    } else {
      setErrors({});
      setError(result.error);
      setAttempt((n) => n + 1);
    }
  };

  const labels = {
    email: t('signIn.email'),
    code: t('signIn.code'),
    insurerNumber: t('details.insurerNumber'),
    symbol: t('details.symbol'),
    number: t('details.number'),
    branch: t('details.branch'),
    birthDate: t('details.birthDate'),
  };

  if (phase === 'passkey') return <RecoveredPasskey />;

  return (
    <div class="flow" data-testid="recover">
      <section class="intro" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          {t('recover.title')}
        </h1>
        <p>{t('recover.lead')}</p>
      </section>
      <div ref={formRef}>
        <ErrorSummary form={FORM} errors={errors} labels={labels} />
        <Problem error={error} testId="recover-problem" />
        {phase === 'email' ? (
          <form class="card" noValidate onSubmit={sendCode} data-testid="recover-email-form">
            <h2>{t('recover.step1')}</h2>
            <TextField
              id={fieldId(FORM, 'email')}
              label={t('signIn.email')}
              hint={t('recover.email.hint')}
              error={errors['email']}
              value={email}
              onValue={(v) => {
                setEmail(v);
                clearError('email');
              }}
              type="email"
              inputMode="email"
              autoComplete="email"
              autoCapitalize="off"
              spellcheck={false}
            />
            <BirthDateField
              form={FORM}
              parts={birth}
              error={errors['birthDate']}
              onChange={(part, value) => {
                setBirth((current) =>
                  part === 'calendar'
                    ? { ...current, calendar: value as Calendar }
                    : { ...current, [part]: value },
                );
                clearError('birthDate');
              }}
            />
            <button
              type="submit"
              class="button button--wide"
              disabled={busy}
              data-testid="recover-send"
            >
              {busy ? t('common.sending') : t('signIn.email.send')}
            </button>
          </form>
        ) : (
          <form class="card" noValidate onSubmit={recover} data-testid="recover-form">
            <h2>{t('recover.step2')}</h2>
            <p data-testid="recover-sent">{t('signIn.email.sent', { email: email.trim() })}</p>
            <CodeField
              id={fieldId(FORM, 'code')}
              label={t('signIn.code')}
              error={errors['code']}
              value={otp}
              onValue={(v) => {
                setOtp(v);
                clearError('code');
              }}
            />
            <ResendButton
              at={resendAt}
              busy={busy}
              onResend={() => void sendCode()}
              testId="recover-resend"
            />
            <h3>{t('recover.details')}</h3>
            <p>{t('recover.details.lead')}</p>
            <InsuranceFields
              form={FORM}
              values={insurance}
              errors={errors}
              onChange={(field, value) => {
                setInsurance((current) => ({ ...current, [field]: value }));
                clearError(field);
              }}
            />
            <button
              type="submit"
              class="button button--wide"
              disabled={busy}
              data-testid="recover-submit"
            >
              {busy ? t('common.sending') : t('recover.submit')}
            </button>
            <p>
              <button
                type="button"
                class="button button--link"
                onClick={() => {
                  setPhase('email');
                  setErrors({});
                  setError(null);
                }}
              >
                {t('signIn.otherEmail')}
              </button>
            </p>
          </form>
        )}
        <p class="note">{t('recover.ask')}</p>
      </div>
    </div>
  );
}

/** Signed in again: make a passkey on this phone now (or later, from the person's page). */
function RecoveredPasskey() {
  const [supported, setSupported] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<PasskeyProblem | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    let live = true;
    void platformPasskeysAvailable().then((ok) => {
      if (live) setSupported(ok);
    });
    return () => {
      live = false;
    };
  }, []);

  const create = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setError(null);
    const options = await myPasskeyOptions();
    if (!options.ok) {
      setBusy(false);
      setError(options.error);
      return;
    }
    const made = await createPasskey(options.data);
    if (!made.ok) {
      setBusy(false);
      setProblem(made.problem);
      return;
    }
    const saved = await addMyPasskey(made.credential);
    setBusy(false);
    if (saved.ok) navigate('/me', { replace: true });
    else setError(saved.error);
  };

  return (
    <section class="card flow" aria-labelledby="page-title" data-testid="recover-passkey">
      <p class="field__ok">{t('recover.signedIn')}</p>
      <h1 id="page-title" tabIndex={-1} ref={heading}>
        {t('recover.passkey.title')}
      </h1>
      {supported === false ? (
        <p>{t('passkey.unsupported')}</p>
      ) : (
        <>
          <p>{t('recover.passkey.lead')}</p>
          {problem && <PasskeyProblemText problem={problem} />}
          <Problem error={error} testId="recover-passkey-problem" />
          <button
            type="button"
            class="button button--wide"
            disabled={busy || supported === null}
            onClick={create}
            data-testid="recover-passkey-create"
          >
            {busy ? t('passkey.creating') : problem ? t('passkey.retry') : t('passkey.create')}
          </button>
        </>
      )}
      <p>
        <a
          class={
            supported === false ? 'button button--wide' : 'button button--secondary button--wide'
          }
          href="/me"
          data-testid="recover-later"
        >
          {supported === false ? t('done.toMe') : t('recover.later')}
        </a>
      </p>
    </section>
  );
}
