import { useEffect, useRef, useState } from 'preact/hooks';
import {
  addMyPasskey,
  myPasskeyOptions,
  recoverAccount,
  requestSignInCode,
} from '../../api/account';
import type { ApiFailure } from '../../api/client';
import { CodeField, ErrorSummary, TextField, fieldId } from '../../components/Form';
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
import {
  birthDateForServer,
  type BirthDateParts,
  type Calendar,
  defaultCalendar,
} from '../../lib/birth-date';
import { lang } from '../../i18n/lang';
import { checkInsurerNumber, tidyDigits } from '../../lib/insurance';
import { usePageTitle } from '../../lib/page';
import { createPasskey, platformPasskeysAvailable, type PasskeyProblem } from '../../lib/passkeys';
import { serverFieldErrors, useForm } from '../../lib/use-form';
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
    calendar: defaultCalendar(lang.value),
    year: '',
    month: '',
    day: '',
  });
  const [flow, setFlow] = useState<string | null>(null);
  const [resendAt, setResendAt] = useState<string | null>(null);
  const form = useForm();
  const { errors } = form;

  const sendCode = async (event?: Event) => {
    event?.preventDefault();
    if (!form.start()) return;
    const local: Record<string, string> = {};
    if (!email.trim()) local['email'] = t('check.required');
    const birthProblem = birthDateProblem(birth);
    if (birthProblem) local['birthDate'] = birthProblem;
    if (Object.keys(local).length > 0) return form.refuse(local);
    const result = await form.send(() =>
      requestSignInCode(
        email,
        birthDateForServer(birth),
        phase === 'verify' ? (flow ?? undefined) : undefined,
      ),
    );
    if (result.ok) {
      form.setErrors({});
      setFlow(result.data.flow);
      setResendAt(result.data.resendAvailableAt);
      setPhase('verify');
      return;
    }
    const fields = serverFieldErrors(result.error, preciseFieldMessage);
    if (fields) form.refuse(fields);
    else form.fail(result.error);
  };

  const recover = async (event: Event) => {
    event.preventDefault();
    if (!form.start()) return;
    const local: Record<string, string> = {};
    const code = tidyDigits(otp);
    if (!/^\d{6}$/.test(code))
      local['code'] = code === '' ? t('check.code.required') : t('check.code.format');
    const insurer = insurerMessage(checkInsurerNumber(insurance.insurerNumber), undefined);
    if (insurer) local['insurerNumber'] = insurer;
    if (!insurance.number.trim()) local['number'] = t('check.required');
    if (Object.keys(local).length > 0) return form.refuse(local);
    const result = await form.send(() =>
      recoverAccount({
        email,
        code,
        flow: flow ?? '',
        insurerNumber: insurance.insurerNumber,
        symbol: insurance.symbol,
        number: insurance.number,
        ...(insurance.branch.trim() ? { branch: insurance.branch } : {}),
        birthDate: birthDateForServer(birth),
      }),
    );
    if (result.ok) {
      form.setErrors({});
      setPhase('passkey');
      return;
    }
    const fields = serverFieldErrors(result.error, preciseFieldMessage);
    if (fields) form.refuse(fields);
    else form.refuse({}, result.error);
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
      <div ref={form.ref}>
        <ErrorSummary form={FORM} errors={errors} labels={labels} />
        <Problem error={form.problem} testId="recover-problem" />
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
                form.clear('email');
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
                form.clear('birthDate');
              }}
            />
            <button
              type="submit"
              class="button button--wide"
              disabled={form.sending}
              data-testid="recover-send"
            >
              {form.sending ? t('common.sending') : t('signIn.email.send')}
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
                form.clear('code');
              }}
            />
            <ResendButton
              at={resendAt}
              busy={form.sending}
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
                form.clear(field);
              }}
            />
            <button
              type="submit"
              class="button button--wide"
              disabled={form.sending}
              data-testid="recover-submit"
            >
              {form.sending ? t('common.sending') : t('recover.submit')}
            </button>
            <p>
              <button
                type="button"
                class="button button--link"
                onClick={() => {
                  setPhase('email');
                  form.setErrors({});
                  form.setProblem(null);
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
