import { useEffect, useRef, useState } from 'preact/hooks';
import {
  requestSignInCode,
  signInPasskeyOptions,
  signInWithEmailCode,
  signInWithPasskey,
} from '../../api/account';
import type { ApiFailure } from '../../api/client';
import { CodeField, ErrorSummary, TextField, fieldId } from '../../components/Form';
import {
  BirthDateField,
  birthDateProblem,
  preciseFieldMessage,
} from '../../components/InsuranceFields';
import { PasskeyProblemText } from '../../components/PasskeyProblemText';
import { Problem } from '../../components/Problem';
import { ResendButton } from '../../components/ResendButton';
import { t, te } from '../../i18n';
import {
  birthDateForServer,
  type BirthDateParts,
  type Calendar,
  defaultCalendar,
} from '../../lib/birth-date';
import { lang } from '../../i18n/lang';
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
import { serverFieldErrors, useForm } from '../../lib/use-form';
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
    calendar: defaultCalendar(lang.value),
    year: '',
    month: '',
    day: '',
  });
  const [flow, setFlow] = useState<string | null>(null);
  const [otp, setOtp] = useState('');
  const [phase, setPhase] = useState<'email' | 'code'>('email');
  const [resendAt, setResendAt] = useState<string | null>(null);
  const form = useForm<ApiFailure, 'passkey' | 'send' | 'code'>();
  const { errors, sending } = form;
  const [passkeyProblem, setPasskeyProblem] = useState<PasskeyProblem | 'rejected' | null>(null);
  const [passkeyRequired, setPasskeyRequired] = useState(false);
  const codeRef = useRef<HTMLDivElement>(null);
  const conditional = useRef<AbortController | null>(null);
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
    else form.setProblem(result.error);
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
    const ok = await form.send(
      () => finishPasskey(options.data.ceremony, got.credential),
      'passkey',
    );
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
    if (!form.start()) return;
    conditional.current?.abort();
    conditional.current = null;
    setPasskeyProblem(null);
    // Whether the email field offers the passkeys again (not after the server failed to answer).
    const again = await form.send(async () => {
      const options = await signInPasskeyOptions();
      if (!options.ok) {
        form.setProblem(options.error);
        return false;
      }
      const got = await getPasskey(options.data);
      if (!got.ok) {
        setPasskeyProblem(got.problem);
        return true;
      }
      return !(await finishPasskey(options.data.ceremony, got.credential));
    }, 'passkey');
    if (again) void startAutofill();
  };

  const sendCode = async (event?: Event) => {
    event?.preventDefault();
    if (!form.start()) return;
    setPasskeyRequired(false);
    const local: Record<string, string> = {};
    if (!email.trim()) local['email'] = t('check.required');
    const birthProblem = birthDateProblem(birth);
    if (birthProblem) local['birthDate'] = birthProblem;
    if (Object.keys(local).length > 0) return form.refuse(local);
    const result = await form.send(
      () =>
        requestSignInCode(
          email,
          birthDateForServer(birth),
          phase === 'code' ? (flow ?? undefined) : undefined,
        ),
      'send',
    );
    if (result.ok) {
      form.setErrors({});
      setFlow(result.data.flow);
      setResendAt(result.data.resendAvailableAt);
      setOtp('');
      setPhase('code');
      return;
    }
    const fields = serverFieldErrors(result.error, preciseFieldMessage);
    if (fields) form.refuse(fields);
    else form.fail(result.error);
  };

  useEffect(() => {
    if (phase === 'code') codeRef.current?.querySelector('input')?.focus();
  }, [phase]);

  const signInWithCode = async (event: Event) => {
    event.preventDefault();
    if (!form.start()) return;
    setPasskeyRequired(false);
    const value = tidyDigits(otp);
    if (!/^\d{6}$/.test(value))
      return form.refuse({
        code: value === '' ? t('check.code.required') : t('check.code.format'),
      });
    const result = await form.send(() => signInWithEmailCode(email, value, flow ?? ''), 'code');
    if (result.ok) {
      signedIn();
      return;
    }
    const fields = serverFieldErrors(result.error);
    if (result.error.code === 'passkey_required') {
      setPasskeyRequired(true);
      form.refuse({});
    } else if (fields) form.refuse(fields);
    else form.fail(result.error);
  };

  return (
    <div class="flow" data-testid="sign-in">
      <section class="intro" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          {t('signIn.title')}
        </h1>
      </section>
      <div ref={form.ref}>
        <ErrorSummary
          form={FORM}
          errors={errors}
          labels={{
            email: t('signIn.email'),
            birthDate: t('details.birthDate'),
            code: t('signIn.code'),
          }}
        />
        <Problem error={form.problem} testId="sign-in-problem" />
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
                disabled={sending !== false}
                onClick={passkey}
                data-testid="sign-in-passkey"
              >
                {sending === 'passkey' ? t('signIn.passkey.working') : t('signIn.passkey')}
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
                  form.clear('email');
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
                  form.clear('birthDate');
                }}
              />
              <button
                type="submit"
                class="button button--wide"
                disabled={sending !== false}
                data-testid="sign-in-send"
              >
                {sending === 'send' ? t('common.sending') : t('signIn.email.send')}
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
                    if (errors['code']) form.setErrors({});
                  }}
                />
              </div>
              <button
                type="submit"
                class="button button--wide"
                disabled={sending !== false}
                data-testid="sign-in-code-submit"
              >
                {sending === 'code' ? t('common.sending') : t('signIn.submit')}
              </button>
              <ResendButton
                at={resendAt}
                busy={sending !== false}
                onResend={() => void sendCode()}
                testId="sign-in-resend"
              />
              <p>
                <button
                  type="button"
                  class="button button--link"
                  onClick={() => {
                    setPhase('email');
                    form.setErrors({});
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
