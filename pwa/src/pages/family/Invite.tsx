import { useEffect, useState } from 'preact/hooks';
import type { ApiFailure } from '../../api/client';
import { acceptInvitation, lookUpInvitation, type InvitationView } from '../../api/proxies';
import { ErrorSummary, RadioGroup, TextField } from '../../components/Form';
import { Problem } from '../../components/Problem';
import { formatDate, t, type MessageKey } from '../../i18n/resident';
import { RELATIONSHIPS, stopActing, type Relationship } from '../../lib/acting-for';
import { usePageTitle } from '../../lib/page';
import { compactCode } from '../../lib/entry-code';
import {
  clearPendingInvitation,
  INVITATION_GONE,
  invitationPath,
  savePendingInvitation,
} from '../../lib/pending-invitation';
import { levelKey, relationshipKey, signInPath, tidyCode } from '../../lib/proxies';
import { registrationPath } from '../../lib/registration-draft';
import { useForm } from '../../lib/use-form';
import { navigate } from '../../router';

type Phase =
  | { readonly kind: 'enter' }
  | { readonly kind: 'looking' }
  | { readonly kind: 'signedOut'; readonly code: string }
  | { readonly kind: 'found'; readonly code: string; readonly invitation: InvitationView };

/** The poster's entry point an invitee without an account registers through (`?r=`), if any. */
function entryFromAddress(): string | null {
  const raw = new URLSearchParams(location.search).get('r');
  const code = raw ? compactCode(raw) : '';
  return /^[0-9A-Z*~$=]{1,32}$/.test(code) ? code : null;
}

/** Refused for good (used, expired, not found): a kept invitation is of no more use. */
function forgetIfGone(error: ApiFailure): void {
  if ((INVITATION_GONE as readonly string[]).includes(error.code)) clearPendingInvitation();
}

/**
 * `/invite?r=ENTRY#CODE`: accepting an invitation to act for someone. The code comes in the
 * address's fragment (never sent to the server with the page) or is typed. Not signed in: sign
 * in and come back here, or — new here — register first through the poster's entry point `r`
 * (the invitation is kept in this tab meanwhile; the registration's done screen leads back).
 * Shows who invites and what the proxy may do, asks how the invitee is related, and accepts;
 * then the person's page, where the inviter is in "Acting for family".
 */
export function Invite() {
  usePageTitle(t('invite.title'));
  const initial = tidyCode(location.hash);
  const [code, setCode] = useState(initial);
  const [phase, setPhase] = useState<Phase>(initial ? { kind: 'looking' } : { kind: 'enter' });
  const [relationship, setRelationship] = useState<Relationship | ''>('');
  // The code's error while it is asked for; the relationship's once the invitation is found.
  const form = useForm();
  const { errors, problem: error } = form;

  const look = async (value: string) => {
    form.setProblem(null);
    setPhase({ kind: 'looking' });
    const result = await lookUpInvitation(value);
    if (result.ok) {
      setPhase({ kind: 'found', code: value, invitation: result.data });
      return;
    }
    if (result.error.code === 'unauthorized') {
      setPhase({ kind: 'signedOut', code: value });
      return;
    }
    forgetIfGone(result.error);
    setPhase({ kind: 'enter' });
    form.fail(result.error);
  };

  useEffect(() => {
    if (initial) void look(initial);
  }, []);

  const submitCode = (event: Event) => {
    event.preventDefault();
    const value = tidyCode(code);
    if (!value) return form.refuse({ code: t('check.required') });
    form.clear('code');
    history.replaceState(
      null,
      '',
      `${location.pathname}${location.search}#${encodeURIComponent(value)}`,
    );
    void look(value);
  };

  const accept = async (event: Event) => {
    event.preventDefault();
    if (phase.kind !== 'found' || !form.start()) return;
    if (!relationship) return form.refuse({ relationship: t('check.choose') });
    const result = await form.send(() => acceptInvitation(phase.code, relationship));
    if (result.ok) {
      // The person's own page, where the inviter is now in "Acting for family".
      clearPendingInvitation();
      stopActing();
      navigate('/me', { replace: true });
      return;
    }
    if (result.error.code === 'unauthorized') {
      setPhase({ kind: 'signedOut', code: phase.code });
      return;
    }
    forgetIfGone(result.error);
    if (
      result.error.code === 'validation_failed' &&
      result.error.fields?.some((f) => f.field === 'relationship')
    ) {
      form.refuse({ relationship: t('check.choose') });
    } else form.fail(result.error);
  };

  return (
    <section class="flow" aria-labelledby="page-title" data-testid="invite">
      <p class="eyebrow">{t('family.title')}</p>
      <h1 id="page-title" tabIndex={-1}>
        {t('invite.title')}
      </h1>
      <div ref={form.ref}>
        <Problem error={error} testId="invite-problem">
          {error && ['proxy_exists', 'proxy_self', 'proxy_limit'].includes(error.code) && (
            <a class="button" href="/me">
              {t('done.toMe')}
            </a>
          )}
        </Problem>
        {phase.kind === 'looking' && (
          <p class="muted" data-testid="invite-loading">
            <span class="spinner" aria-hidden="true" />
            {t('screen.loading')}
          </p>
        )}
        {phase.kind === 'signedOut' && <SignedOut code={phase.code} entry={entryFromAddress()} />}
        {phase.kind === 'enter' && (
          <form class="card" noValidate onSubmit={submitCode} data-testid="invite-code-form">
            <p>{t('invite.enter.lead')}</p>
            <TextField
              id="invite-code"
              label={t('invite.code')}
              hint={t('invite.code.hint')}
              error={errors['code']}
              value={code}
              onValue={(v) => {
                setCode(v);
                form.clear('code');
              }}
              autoComplete="off"
              autoCapitalize="characters"
              spellcheck={false}
            />
            <button type="submit" class="button button--wide" data-testid="invite-look">
              {t('invite.look')}
            </button>
          </form>
        )}
        {phase.kind === 'found' && (
          <form class="card" noValidate onSubmit={accept} data-testid="invite-found">
            <ErrorSummary
              form="invite"
              errors={errors}
              labels={{ relationship: t('person.relationship') }}
            />
            <h2 data-testid="invite-inviter">
              {t('invite.from', { name: phase.invitation.inviterName })}
            </h2>
            <p>
              {t('invite.level', { level: t(levelKey(phase.invitation.level)) })}
              <br />
              <span class="muted">
                {t(`proxy.level.${phase.invitation.level}.detail` as MessageKey)}
              </span>
            </p>
            <p class="muted">
              {t('invite.expires', { date: formatDate(phase.invitation.expiresAt) })}
            </p>
            <RadioGroup<Relationship>
              id="invite-relationship"
              legend={t('invite.relationship', { name: phase.invitation.inviterName })}
              hint={t('person.relationship.hint')}
              error={errors['relationship']}
              options={RELATIONSHIPS.map((r) => ({ value: r, label: t(relationshipKey(r)) }))}
              value={relationship}
              onValue={(v) => {
                setRelationship(v);
                form.clear('relationship');
              }}
            />
            <p class="note">{t('invite.acceptNote', { name: phase.invitation.inviterName })}</p>
            <button
              type="submit"
              class="button button--wide"
              disabled={form.sending}
              data-testid="invite-accept"
            >
              {form.sending ? t('common.sending') : t('invite.accept')}
            </button>
          </form>
        )}
      </div>
      <p class="flow__back">
        <a href="/me">{t('card.back')}</a>
      </p>
    </section>
  );
}

/**
 * Not signed in: sign in and accept (back here afterwards), or — new here — register first
 * through the poster the inviter came by, with the invitation kept for afterwards. Without a
 * poster in the link: register by scanning one at a participating facility, then open it again.
 */
function SignedOut({ code, entry }: { code: string; entry: string | null }) {
  const register = () => {
    if (!entry) return;
    savePendingInvitation(code);
    navigate(registrationPath(entry));
  };
  return (
    <div data-testid="invite-signed-out">
      <div class="card">
        <h2>{t('invite.signedOut.title')}</h2>
        <p>{t('invite.signedOut.lead')}</p>
        <a
          class="button button--wide"
          href={signInPath(invitationPath(code))}
          data-testid="invite-sign-in"
        >
          {t('invite.signIn')}
        </a>
      </div>
      <div class="card">
        <h2>{t('invite.new.title')}</h2>
        {entry ? (
          <>
            <p>{t('invite.new.lead')}</p>
            <button
              type="button"
              class="button button--secondary button--wide"
              onClick={register}
              data-testid="invite-register"
            >
              {t('invite.register')}
            </button>
          </>
        ) : (
          <p data-testid="invite-no-entry">{t('invite.new.noEntry')}</p>
        )}
      </div>
    </div>
  );
}
