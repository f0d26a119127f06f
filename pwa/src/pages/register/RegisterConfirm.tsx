import { signal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiFailure } from '../../api/client';
import {
  completeRegistration,
  registrationPasskeyOptions,
  resendCode,
  verifyEmail,
  type RegistrationDone,
} from '../../api/registration';
import {
  CodeField,
  ErrorSummary,
  fieldId,
  messagesFrom,
  useFocusFirstError,
} from '../../components/Form';
import { PasskeyProblemText } from '../../components/PasskeyProblemText';
import { Problem } from '../../components/Problem';
import { ResendButton } from '../../components/ResendButton';
import { Steps } from '../../components/Steps';
import { lang, t } from '../../i18n';
import { compactCode } from '../../lib/entry-code';
import { tidyDigits } from '../../lib/insurance';
import { nameIn } from '../../lib/names';
import { usePageTitle } from '../../lib/page';
import { createPasskey, platformPasskeysAvailable, type PasskeyProblem } from '../../lib/passkeys';
import { onSignOut } from '../../lib/session';
import {
  clearDraft,
  loadDraft,
  registrationPath,
  saveDraft,
  type RegistrationDraft,
} from '../../lib/registration-draft';
import { navigate, type Params } from '../../router';
import { useRegistrationDraft } from './RegisterDetails';

/**
 * The registration just completed, for the done screen. Kept in memory only: the draft (with
 * the insurance numbers) is removed from the phone the moment the registration completes.
 */
export const lastRegistration = signal<RegistrationDone | null>(null);
/** The details were of the account at the address just confirmed: signed in to it, nothing new made. */
export const wasRegisteredAlready = signal(false);
onSignOut(() => {
  lastRegistration.value = null;
  wasRegisteredAlready.value = false;
});

const FORM = 'verify';

/**
 * Screen 3 of 4 (`/r/:code/confirm`): (a) the one-time code mailed to the address given, then
 * (b) a passkey on this phone — or, when the phone cannot make one or the person prefers not
 * to, carrying on without (sign-in by email code later).
 */
export function RegisterConfirm({ params }: { params: Params }) {
  const code = compactCode(params['code'] ?? '');
  const draft = useRegistrationDraft(code, (d) => d.sent);
  if (!draft) return null;
  return <Confirm code={code} draft={draft} />;
}

type Trouble =
  | { readonly kind: 'error'; readonly error: ApiFailure }
  | { readonly kind: 'expired' }
  | { readonly kind: 'done' }
  | { readonly kind: 'registered' };

function Confirm({ code, draft }: { code: string; draft: RegistrationDraft }) {
  usePageTitle(t('verify.title'));
  const [verified, setVerified] = useState(Boolean(draft.emailVerified));
  const [emailMasked] = useState(draft.emailMasked ?? '');
  const [resendAt, setResendAt] = useState(draft.resendAvailableAt ?? null);
  const [otp, setOtp] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState<null | 'verify' | 'resend' | 'passkey' | 'skip'>(null);
  const [resent, setResent] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLDivElement>(null);
  useFocusFirstError(formRef, attempt);
  const network = draft.network ? nameIn(draft.network, lang.value) : null;

  const failed = (error: ApiFailure) => {
    if (error.status === 404) setTrouble({ kind: 'expired' });
    else if (error.code === 'person_registered') {
      // Registered before, with another address: nothing was made; the way back in is sign-in.
      clearDraft();
      setVerified(false);
      setTrouble({ kind: 'registered' });
    } else if (error.code === 'conflict') {
      clearDraft();
      setTrouble({ kind: 'done' });
    } else setTrouble({ kind: 'error', error });
    setAttempt((n) => n + 1);
  };

  const verify = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setTrouble(null);
    setResent(false);
    const value = tidyDigits(otp);
    if (!/^\d{6}$/.test(value)) {
      setErrors({ code: value === '' ? t('check.code.required') : t('check.code.format') });
      setAttempt((n) => n + 1);
      return;
    }
    setBusy('verify');
    const result = await verifyEmail(draft.key, value);
    if (result.ok && result.data.next === 'sign_in') {
      // The account at this very address: completing signs in to it; no passkey is made here.
      const done = await completeRegistration(draft.key);
      setBusy(null);
      if (done.ok) {
        wasRegisteredAlready.value = true;
        finish(done.data);
      } else failed(done.error);
      return;
    }
    setBusy(null);
    if (result.ok) {
      setErrors({});
      saveDraft({ ...(loadDraft() ?? draft), emailVerified: true });
      setVerified(true);
      return;
    }
    if (result.error.code === 'validation_failed' && result.error.fields?.length) {
      setErrors(messagesFrom(result.error.fields));
      setAttempt((n) => n + 1);
    } else failed(result.error);
  };

  const resend = async () => {
    if (busy) return;
    setTrouble(null);
    setResent(false);
    setBusy('resend');
    const result = await resendCode(draft.key);
    setBusy(null);
    if (result.ok) {
      setResendAt(result.data.resendAvailableAt);
      saveDraft({ ...(loadDraft() ?? draft), resendAvailableAt: result.data.resendAvailableAt });
      setErrors({});
      setOtp('');
      setResent(true);
    } else failed(result.error);
  };

  const finish = (done: RegistrationDone) => {
    lastRegistration.value = done;
    clearDraft();
    navigate(registrationPath(code, 'done'), { replace: true });
  };

  return (
    <section class="flow" aria-labelledby="page-title" data-testid="registration-confirm">
      <Steps current={3} />
      {network && (
        <p class="eyebrow" lang={network.lang}>
          {network.text}
        </p>
      )}
      <h1 id="page-title" tabIndex={-1}>
        {t('verify.title')}
      </h1>
      <div ref={formRef}>
        <ErrorSummary form={FORM} errors={errors} labels={{ code: t('verify.code') }} />
        {trouble?.kind === 'error' && <Problem error={trouble.error} testId="confirm-problem" />}
        {trouble?.kind === 'expired' && (
          <Problem message={t('errors.expired')} testId="confirm-problem">
            <button
              type="button"
              class="button"
              onClick={() => {
                clearDraft();
                navigate(registrationPath(code));
              }}
            >
              {t('errors.restart')}
            </button>
          </Problem>
        )}
        {trouble?.kind === 'registered' && (
          <div class="alert" role="alert" data-testid="confirm-registered">
            <h2 class="alert__title">{t('verify.registered.title')}</h2>
            <p>{t('verify.registered.lead')}</p>
            <p>
              <a class="button" href="/sign-in">
                {t('signIn.title')}
              </a>
            </p>
            <p>
              <a class="link-target" href="/recover">
                {t('signIn.cantSignIn')}
              </a>
            </p>
            <p class="note">{t('recover.ask')}</p>
          </div>
        )}
        {trouble?.kind === 'done' && (
          <Problem message={t('errors.alreadyDone')} testId="confirm-problem">
            <a class="button" href="/sign-in">
              {t('signIn.title')}
            </a>
          </Problem>
        )}

        {trouble?.kind === 'registered' ? null : !verified ? (
          <form class="card" noValidate onSubmit={verify} data-testid="verify-form">
            <h2>{t('verify.email.title')}</h2>
            <p data-testid="verify-sent">{t('verify.sent', { email: emailMasked })}</p>
            <p>{t('verify.open')}</p>
            <CodeField
              id={fieldId(FORM, 'code')}
              label={t('verify.code')}
              error={errors['code']}
              value={otp}
              onValue={(v) => {
                setOtp(v);
                if (errors['code']) setErrors({});
              }}
            />
            <button
              type="submit"
              class="button button--wide"
              disabled={busy !== null}
              data-testid="verify-submit"
            >
              {busy === 'verify' ? t('common.sending') : t('verify.submit')}
            </button>
            <div class="resend" aria-live="polite">
              {resent && (
                <p class="field__ok" data-testid="verify-resent">
                  {t('verify.resent')}
                </p>
              )}
            </div>
            <ResendButton
              at={resendAt}
              busy={busy !== null}
              onResend={resend}
              testId="verify-resend"
            />
            <p class="note">{t('verify.noMail')}</p>
            <p>
              <a class="link-target" href={registrationPath(code, 'details')}>
                {t('verify.fixEmail')}
              </a>
            </p>
          </form>
        ) : (
          <PasskeyStep
            draft={draft}
            busy={busy}
            setBusy={setBusy}
            onDone={finish}
            onError={(error) => {
              if (
                error.code === 'validation_failed' &&
                error.fields?.some((f) => f.field === 'code')
              ) {
                // The server does not know the address as confirmed: confirm it again.
                saveDraft({ ...(loadDraft() ?? draft), emailVerified: false });
                setVerified(false);
                setErrors(messagesFrom(error.fields.filter((f) => f.field === 'code')));
                setAttempt((n) => n + 1);
              } else failed(error);
            }}
          />
        )}
      </div>
    </section>
  );
}

/** (b) of screen 3: make a passkey on this phone, or carry on without one. */
function PasskeyStep({
  draft,
  busy,
  setBusy,
  onDone,
  onError,
}: {
  draft: RegistrationDraft;
  busy: null | string;
  setBusy: (busy: null | 'passkey' | 'skip') => void;
  onDone: (done: RegistrationDone) => void;
  onError: (error: ApiFailure) => void;
}) {
  const [supported, setSupported] = useState<boolean | null>(null);
  const [problem, setProblem] = useState<PasskeyProblem | 'rejected' | null>(null);
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
    setProblem(null);
    setBusy('passkey');
    const options = await registrationPasskeyOptions(draft.key);
    if (!options.ok) {
      setBusy(null);
      onError(options.error);
      return;
    }
    const made = await createPasskey(options.data);
    if (!made.ok) {
      setBusy(null);
      setProblem(made.problem);
      return;
    }
    const done = await completeRegistration(draft.key, made.credential);
    setBusy(null);
    if (done.ok) onDone(done.data);
    else if (
      done.error.code === 'validation_failed' &&
      done.error.fields?.some((f) => f.field === 'credential')
    ) {
      setProblem('rejected');
    } else onError(done.error);
  };

  const skip = async () => {
    if (busy) return;
    setProblem(null);
    setBusy('skip');
    const done = await completeRegistration(draft.key);
    setBusy(null);
    if (done.ok) onDone(done.data);
    else onError(done.error);
  };

  return (
    <div class="card" data-testid="passkey-step">
      <p class="field__ok" data-testid="verify-done">
        {t('verify.done')}
      </p>
      <h2 ref={heading} tabIndex={-1}>
        {t('passkey.title')}
      </h2>
      {supported === false ? (
        <p data-testid="passkey-unsupported">{t('passkey.unsupported')}</p>
      ) : (
        <>
          <p>{t('passkey.lead')}</p>
          {problem && <PasskeyProblemText problem={problem} />}
          <button
            type="button"
            class="button button--wide"
            disabled={busy !== null || supported === null}
            onClick={create}
            data-testid="passkey-create"
          >
            {busy === 'passkey'
              ? t('passkey.creating')
              : problem
                ? t('passkey.retry')
                : t('passkey.create')}
          </button>
        </>
      )}
      <button
        type="button"
        class={
          supported === false ? 'button button--wide' : 'button button--secondary button--wide'
        }
        disabled={busy !== null}
        onClick={skip}
        data-testid="passkey-skip"
      >
        {busy === 'skip' ? t('common.sending') : t('passkey.skip')}
      </button>
    </div>
  );
}
