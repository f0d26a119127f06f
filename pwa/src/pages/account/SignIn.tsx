import { useEffect, useRef, useState } from 'preact/hooks';
import {
  requestSignInCode,
  signInPasskeyOptions,
  signInWithEmailCode,
  signInWithPasskey,
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
  birthDateProblem,
  preciseFieldMessage,
} from '../../components/InsuranceFields';
import { PasskeyProblemText } from '../../components/PasskeyProblemText';
import { Problem } from '../../components/Problem';
import { ResendButton } from '../../components/ResendButton';
import { t, te } from '../../i18n';
import { birthDateForServer, type BirthDateParts, type Calendar } from '../../lib/birth-date';
import { tidyDigits } from '../../lib/insurance';
import { usePageTitle } from '../../lib/page';
import {
  conditionalMediationAvailable,
  getPasskey,
  passkeysSupported,
  type CredentialJson,
  type PasskeyProblem,
} from '../../lib/passkeys';
import { safeReturnPath } from '../../lib/proxies';
import { navigate } from '../../router';

const FORM = 'signin';

/**
 * `/sign-in`: a passkey (a button, and the browser's autofill list on the email field when it
 * offers passkeys there), or a code mailed to the registered address when the date of birth typed
 * with it is the registration's; the code works only with the token this page got when it asked
 * (a stranger's request cannot void or use it). An account that has a
 * passkey must use it (the server answers `passkey_required`); a person who lost their phone
 * goes to `/recover`.
 */
export function SignIn() {
  usePageTitle(t('signIn.title'));
  const [email, setEmail] = useState('');
  const [birth, setBirth] = useState<BirthDateParts>({
    calendar: 'S',
    year: '',
    month: '',
    day: '',
  });
  const [flow, setFlow] = useState<string | null>(null);
  const [otp, setOtp] = useState('');
  const [phase, setPhase] = useState<'email' | 'code'>('email');
  const [resendAt, setResendAt] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiFailure | null>(null);
  const [passkeyProblem, setPasskeyProblem] = useState<PasskeyProblem | 'rejected' | null>(null);
  const [passkeyRequired, setPasskeyRequired] = useState(false);
  const [busy, setBusy] = useState<null | 'passkey' | 'send' | 'code'>(null);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLDivElement>(null);
  const codeRef = useRef<HTMLDivElement>(null);
  const conditional = useRef<AbortController | null>(null);
  useFocusFirstError(formRef, attempt);
  const supported = passkeysSupported();

  // Back to where sign-in was asked for (e.g. an invitation), on this site only; else /me.
  const signedIn = () =>
    navigate(safeReturnPath(new URLSearchParams(location.search).get('next')) ?? '/me', {
      replace: true,
    });

  const finishPasskey = async (ceremony: string, credential: CredentialJson) => {
    const result = await signInWithPasskey(ceremony, credential);
    if (result.ok) {
      signedIn();
      return true;
    }
    if (result.error.code === 'validation_failed') setPasskeyProblem('rejected');
    else setError(result.error);
    return false;
  };

  /** Offer the passkeys in the email field's autofill list, if the browser can. */
  const startAutofill = async () => {
    if (!(await conditionalMediationAvailable())) return;
    conditional.current?.abort();
    const controller = new AbortController();
    conditional.current = controller;
    let options;
    try {
      options = await signInPasskeyOptions(controller.signal);
    } catch {
      return; // aborted
    }
    if (!options.ok || controller.signal.aborted) return; // the button still works
    const got = await getPasskey(options.data, { conditional: true, signal: controller.signal });
    if (controller.signal.aborted || conditional.current !== controller) return;
    conditional.current = null;
    if (!got.ok) return; // nothing picked, or the browser gave up: the button still works
    setBusy('passkey');
    const ok = await finishPasskey(options.data.ceremony, got.credential);
    setBusy(null);
    if (!ok) void startAutofill();
  };

  useEffect(() => {
    void startAutofill();
    return () => {
      conditional.current?.abort();
      conditional.current = null;
    };
  }, []);

  const passkey = async () => {
    if (busy) return;
    conditional.current?.abort();
    conditional.current = null;
    setError(null);
    setPasskeyProblem(null);
    setBusy('passkey');
    const options = await signInPasskeyOptions();
    if (!options.ok) {
      setBusy(null);
      setError(options.error);
      return;
    }
    const got = await getPasskey(options.data);
    if (!got.ok) {
      setBusy(null);
      setPasskeyProblem(got.problem);
      void startAutofill();
      return;
    }
    const ok = await finishPasskey(options.data.ceremony, got.credential);
    setBusy(null);
    if (!ok) void startAutofill();
  };

  const sendCode = async (event?: Event) => {
    event?.preventDefault();
    if (busy) return;
    setError(null);
    setPasskeyRequired(false);
    const local: Record<string, string> = {};
    if (!email.trim()) local['email'] = t('check.required');
    const birthProblem = birthDateProblem(birth);
    if (birthProblem) local['birthDate'] = birthProblem;
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setAttempt((n) => n + 1);
      return;
    }
    setBusy('send');
    const result = await requestSignInCode(
      email,
      birthDateForServer(birth),
      phase === 'code' ? (flow ?? undefined) : undefined,
    );
    setBusy(null);
    if (result.ok) {
      setErrors({});
      setFlow(result.data.flow);
      setResendAt(result.data.resendAvailableAt);
      setOtp('');
      setPhase('code');
      return;
    }
    if (result.error.code === 'validation_failed' && result.error.fields?.length) {
      setErrors(messagesFrom(result.error.fields, preciseFieldMessage));
    } else setError(result.error);
    setAttempt((n) => n + 1);
  };

  useEffect(() => {
    if (phase === 'code') codeRef.current?.querySelector('input')?.focus();
  }, [phase]);

  const signInWithCode = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setError(null);
    setPasskeyRequired(false);
    const value = tidyDigits(otp);
    if (!/^\d{6}$/.test(value)) {
      setErrors({ code: value === '' ? t('check.code.required') : t('check.code.format') });
      setAttempt((n) => n + 1);
      return;
    }
    setBusy('code');
    const result = await signInWithEmailCode(email, value, flow ?? '');
    setBusy(null);
    if (result.ok) {
      signedIn();
      return;
    }
    if (result.error.code === 'passkey_required') {
      setErrors({});
      setPasskeyRequired(true);
    } else if (result.error.code === 'validation_failed' && result.error.fields?.length) {
      setErrors(messagesFrom(result.error.fields));
    } else setError(result.error);
    setAttempt((n) => n + 1);
  };

  return (
    <div class="flow" data-testid="sign-in">
      <section class="intro" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          {t('signIn.title')}
        </h1>
      </section>
      <div ref={formRef}>
        <ErrorSummary
          form={FORM}
          errors={errors}
          labels={{
            email: t('signIn.email'),
            birthDate: t('details.birthDate'),
            code: t('signIn.code'),
          }}
        />
        <Problem error={error} testId="sign-in-problem" />
        {passkeyRequired && (
          <div class="alert" role="alert" data-testid="passkey-required">
            <h2 class="alert__title">{t('signIn.passkeyRequired.title')}</h2>
            <p>{te('passkey_required')}</p>
            <p>
              <a class="link-target" href="/recover">
                {t('signIn.cantSignIn')}
              </a>
            </p>
          </div>
        )}

        <section class="card" aria-labelledby="passkey-title">
          <h2 id="passkey-title">{t('signIn.passkey.title')}</h2>
          {supported ? (
            <>
              <p>{t('signIn.passkey.lead')}</p>
              {passkeyProblem && <PasskeyProblemText problem={passkeyProblem} context="signIn" />}
              <button
                type="button"
                class="button button--wide"
                disabled={busy !== null}
                onClick={passkey}
                data-testid="sign-in-passkey"
              >
                {busy === 'passkey' ? t('signIn.passkey.working') : t('signIn.passkey')}
              </button>
            </>
          ) : (
            <p data-testid="sign-in-no-passkeys">{t('signIn.passkey.unsupported')}</p>
          )}
        </section>

        <section class="card" aria-labelledby="email-title">
          <h2 id="email-title">{t('signIn.email.title')}</h2>
          {phase === 'email' ? (
            <form noValidate onSubmit={sendCode} data-testid="sign-in-email-form">
              <p>{t('signIn.email.lead')}</p>
              <TextField
                id={fieldId(FORM, 'email')}
                label={t('signIn.email')}
                error={errors['email']}
                value={email}
                onValue={(v) => {
                  setEmail(v);
                  if (errors['email']) setErrors(({ email: _, ...rest }) => rest);
                }}
                type="email"
                inputMode="email"
                autoComplete="username webauthn"
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
                  if (errors['birthDate']) setErrors(({ birthDate: _, ...rest }) => rest);
                }}
              />
              <button
                type="submit"
                class="button button--wide"
                disabled={busy !== null}
                data-testid="sign-in-send"
              >
                {busy === 'send' ? t('common.sending') : t('signIn.email.send')}
              </button>
            </form>
          ) : (
            <form noValidate onSubmit={signInWithCode} data-testid="sign-in-code-form">
              <p data-testid="sign-in-sent">{t('signIn.email.sent', { email: email.trim() })}</p>
              <div ref={codeRef}>
                <CodeField
                  id={fieldId(FORM, 'code')}
                  label={t('signIn.code')}
                  error={errors['code']}
                  value={otp}
                  onValue={(v) => {
                    setOtp(v);
                    if (errors['code']) setErrors({});
                  }}
                />
              </div>
              <button
                type="submit"
                class="button button--wide"
                disabled={busy !== null}
                data-testid="sign-in-code-submit"
              >
                {busy === 'code' ? t('common.sending') : t('signIn.submit')}
              </button>
              <ResendButton
                at={resendAt}
                busy={busy !== null}
                onResend={() => void sendCode()}
                testId="sign-in-resend"
              />
              <p>
                <button
                  type="button"
                  class="button button--link"
                  onClick={() => {
                    setPhase('email');
                    setErrors({});
                    setPasskeyRequired(false);
                  }}
                >
                  {t('signIn.otherEmail')}
                </button>
              </p>
            </form>
          )}
        </section>

        <section class="card" aria-labelledby="help-title">
          <h2 id="help-title">{t('signIn.help.title')}</h2>
          <p>
            <a class="link-target" href="/recover" data-testid="sign-in-recover">
              {t('signIn.cantSignIn')}
            </a>
          </p>
          <p class="note">{t('signIn.notRegistered')}</p>
        </section>
      </div>
    </div>
  );
}
