import { signal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiFailure, ApiResult } from '../../api/client';
import {
  completeRegistration,
  registrationPasskeyOptions,
  resendCode,
  verifyEmail,
  type PasskeyOptions,
  type RegistrationDone,
} from '../../api/registration';
import { CodeField, ErrorSummary, fieldId, messagesFrom } from '../../components/Form';
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
import { serverFieldErrors, useForm, type Form } from '../../lib/use-form';
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

/** What this screen sends: the code, another code, the passkey, or carrying on without one. */
type Sending = 'verify' | 'resend' | 'passkey' | 'skip';

function Confirm({ code, draft }: { code: string; draft: RegistrationDraft }) {
  usePageTitle(t('verify.title'));
  const [verified, setVerified] = useState(Boolean(draft.emailVerified));
  const [emailMasked] = useState(draft.emailMasked ?? '');
  const [resendAt, setResendAt] = useState(draft.resendAvailableAt ?? null);
  const [otp, setOtp] = useState('');
  const form = useForm<Trouble, Sending>();
  const { errors, problem: trouble, sending } = form;
  const [resent, setResent] = useState(false);
  const network = draft.network ? nameIn(draft.network, lang.value) : null;

  const failed = (error: ApiFailure) => {
    if (error.status === 404) form.fail({ kind: 'expired' });
    else if (error.code === 'person_registered') {
      // Registered before, with another address: nothing was made; the way back in is sign-in.
      clearDraft();
      setVerified(false);
      form.fail({ kind: 'registered' });
    } else if (error.code === 'conflict') {
      clearDraft();
      form.fail({ kind: 'done' });
    } else form.fail({ kind: 'error', error });
  };

  const verify = async (event: Event) => {
    event.preventDefault();
    if (!form.start()) return;
    setResent(false);
    const value = tidyDigits(otp);
    if (!/^\d{6}$/.test(value))
      return form.refuse({
        code: value === '' ? t('check.code.required') : t('check.code.format'),
      });
    await form.send(async () => {
      const result = await verifyEmail(draft.key, value);
      if (result.ok && result.data.next === 'sign_in') {
        // The account at this very address: completing signs in to it; no passkey is made here.
        const done = await completeRegistration(draft.key);
        if (done.ok) {
          wasRegisteredAlready.value = true;
          finish(done.data);
        } else failed(done.error);
        return;
      }
      if (result.ok) {
        form.setErrors({});
        saveDraft({ ...(loadDraft() ?? draft), emailVerified: true });
        setVerified(true);
        return;
      }
      const fields = serverFieldErrors(result.error);
      if (fields) form.refuse(fields);
      else failed(result.error);
    }, 'verify');
  };

  const resend = async () => {
    if (!form.start()) return;
    setResent(false);
    const result = await form.send(() => resendCode(draft.key), 'resend');
    if (result.ok) {
      setResendAt(result.data.resendAvailableAt);
      saveDraft({ ...(loadDraft() ?? draft), resendAvailableAt: result.data.resendAvailableAt });
      form.setErrors({});
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
      <div ref={form.ref}>
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
                if (errors['code']) form.setErrors({});
              }}
            />
            <button
              type="submit"
              class="button button--wide"
              disabled={sending !== false}
              data-testid="verify-submit"
            >
              {sending === 'verify' ? t('common.sending') : t('verify.submit')}
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
              busy={sending !== false}
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
            form={form}
            onDone={finish}
            onError={(error) => {
              if (
                error.code === 'validation_failed' &&
                error.fields?.some((f) => f.field === 'code')
              ) {
                // The server does not know the address as confirmed: confirm it again.
                saveDraft({ ...(loadDraft() ?? draft), emailVerified: false });
                setVerified(false);
                form.refuse(messagesFrom(error.fields.filter((f) => f.field === 'code')));
              } else failed(error);
            }}
          />
        )}
      </div>
    </section>
  );
}

/**
 * How long passkey options asked for ahead stay usable: the server keeps a ceremony five minutes
 * (`passkey::CEREMONY_TTL`); a minute is left for the prompt itself.
 */
const OPTIONS_KEPT_MS = 4 * 60_000;

/** (b) of screen 3: make a passkey on this phone, or carry on without one. */
function PasskeyStep({
  draft,
  form,
  onDone,
  onError,
}: {
  draft: RegistrationDraft;
  /** The screen's form: what is being sent, shared with the code's form. */
  form: Form<Trouble, Sending>;
  onDone: (done: RegistrationDone) => void;
  onError: (error: ApiFailure) => void;
}) {
  const busy = form.sending !== false;
  const [supported, setSupported] = useState<boolean | null>(null);
  const [problem, setProblem] = useState<PasskeyProblem | 'rejected' | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // The passkey's options are asked for as soon as this step shows, so that the tap goes
  // straight to the phone's passkey prompt: one round trip less on a slow network, and the
  // prompt opens while the tap still counts as the person's own action.
  const ahead = useRef<{
    readonly at: number;
    readonly answer: Promise<ApiResult<PasskeyOptions>>;
  } | null>(null);
  useEffect(() => {
    heading.current?.focus();
    let live = true;
    void platformPasskeysAvailable().then((ok) => {
      if (!live) return;
      setSupported(ok);
      if (ok) ahead.current = { at: Date.now(), answer: registrationPasskeyOptions(draft.key) };
    });
    return () => {
      live = false;
    };
  }, []);

  const create = async () => {
    if (busy) return;
    setProblem(null);
    await form.send(async () => {
      // Options are used once; ones asked for ahead only while the server still keeps them.
      const taken = ahead.current;
      ahead.current = null;
      let options = taken && Date.now() - taken.at < OPTIONS_KEPT_MS ? await taken.answer : null;
      if (!options?.ok) options = await registrationPasskeyOptions(draft.key);
      if (!options.ok) {
        onError(options.error);
        return;
      }
      const made = await createPasskey(options.data);
      if (!made.ok) {
        setProblem(made.problem);
        return;
      }
      const done = await completeRegistration(draft.key, made.credential);
      if (done.ok) onDone(done.data);
      else if (
        done.error.code === 'validation_failed' &&
        done.error.fields?.some((f) => f.field === 'credential')
      ) {
        setProblem('rejected');
      } else onError(done.error);
    }, 'passkey');
  };

  const skip = async () => {
    if (busy) return;
    setProblem(null);
    const done = await form.send(() => completeRegistration(draft.key), 'skip');
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
            disabled={busy || supported === null}
            onClick={create}
            data-testid="passkey-create"
          >
            {form.sending === 'passkey'
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
        disabled={busy}
        onClick={skip}
        data-testid="passkey-skip"
      >
        {form.sending === 'skip' ? t('common.sending') : t('passkey.skip')}
      </button>
    </div>
  );
}
