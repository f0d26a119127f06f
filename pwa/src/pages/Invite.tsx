import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiFailure } from '../api/client';
import { acceptInvitation, lookUpInvitation, type InvitationView } from '../api/proxies';
import { ErrorSummary, RadioGroup, TextField, useFocusFirstError } from '../components/Form';
import { Problem } from '../components/Problem';
import { formatDate, t, type MessageKey } from '../i18n';
import { RELATIONSHIPS, stopActing, type Relationship } from '../lib/acting-for';
import { usePageTitle } from '../lib/page';
import { levelKey, relationshipKey, signInPath, tidyCode } from '../lib/proxies';
import { navigate } from '../router';

type Phase =
  | { readonly kind: 'enter' }
  | { readonly kind: 'looking' }
  | { readonly kind: 'found'; readonly code: string; readonly invitation: InvitationView };

/**
 * `/invite#CODE`: accepting an invitation to act for someone. The code comes in the address's
 * fragment (never sent to the server with the page) or is typed. Not signed in: off to sign in,
 * and back here afterwards. Shows who invites and what the proxy may do, asks how the invitee
 * is related, and accepts; then the person's page, where the inviter is in "Acting for family".
 */
export function Invite() {
  usePageTitle(t('invite.title'));
  const initial = tidyCode(location.hash);
  const [code, setCode] = useState(initial);
  const [phase, setPhase] = useState<Phase>(initial ? { kind: 'looking' } : { kind: 'enter' });
  const [error, setError] = useState<ApiFailure | null>(null);
  const [codeError, setCodeError] = useState<string | undefined>(undefined);
  const [relationship, setRelationship] = useState<Relationship | ''>('');
  const [relationshipError, setRelationshipError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const ref = useRef<HTMLDivElement>(null);
  useFocusFirstError(ref, attempt);

  const look = async (value: string) => {
    setError(null);
    setPhase({ kind: 'looking' });
    const result = await lookUpInvitation(value);
    if (result.ok) {
      setPhase({ kind: 'found', code: value, invitation: result.data });
      return;
    }
    if (result.error.code === 'unauthorized') {
      navigate(signInPath(`/invite#${encodeURIComponent(value)}`), { replace: true });
      return;
    }
    setError(result.error);
    setPhase({ kind: 'enter' });
    setAttempt((n) => n + 1);
  };

  useEffect(() => {
    if (initial) void look(initial);
  }, []);

  const submitCode = (event: Event) => {
    event.preventDefault();
    const value = tidyCode(code);
    if (!value) {
      setCodeError(t('check.required'));
      setAttempt((n) => n + 1);
      return;
    }
    setCodeError(undefined);
    history.replaceState(null, '', `/invite#${encodeURIComponent(value)}`);
    void look(value);
  };

  const accept = async (event: Event) => {
    event.preventDefault();
    if (phase.kind !== 'found' || busy) return;
    setError(null);
    if (!relationship) {
      setRelationshipError(t('check.choose'));
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    const result = await acceptInvitation(phase.code, relationship);
    setBusy(false);
    if (result.ok) {
      // The person's own page, where the inviter is now in "Acting for family".
      stopActing();
      navigate('/me', { replace: true });
      return;
    }
    if (result.error.code === 'unauthorized') {
      navigate(signInPath(`/invite#${encodeURIComponent(phase.code)}`), { replace: true });
      return;
    }
    if (result.error.code === 'validation_failed' && result.error.fields?.some((f) => f.field === 'relationship')) {
      setRelationshipError(t('check.choose'));
    } else setError(result.error);
    setAttempt((n) => n + 1);
  };

  return (
    <section class="flow" aria-labelledby="page-title" data-testid="invite">
      <p class="eyebrow">{t('family.title')}</p>
      <h1 id="page-title" tabIndex={-1}>
        {t('invite.title')}
      </h1>
      <div ref={ref}>
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
            {t('me.loading')}
          </p>
        )}
        {phase.kind === 'enter' && (
          <form class="card" noValidate onSubmit={submitCode} data-testid="invite-code-form">
            <p>{t('invite.enter.lead')}</p>
            <TextField
              id="invite-code"
              label={t('invite.code')}
              hint={t('invite.code.hint')}
              error={codeError}
              value={code}
              onValue={(v) => {
                setCode(v);
                setCodeError(undefined);
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
              errors={relationshipError ? { relationship: relationshipError } : {}}
              labels={{ relationship: t('person.relationship') }}
            />
            <h2 data-testid="invite-inviter">{t('invite.from', { name: phase.invitation.inviterName })}</h2>
            <p>
              {t('invite.level', { level: t(levelKey(phase.invitation.level)) })}
              <br />
              <span class="muted">{t(`proxy.level.${phase.invitation.level}.detail` as MessageKey)}</span>
            </p>
            <p class="muted">{t('invite.expires', { date: formatDate(phase.invitation.expiresAt) })}</p>
            <RadioGroup<Relationship>
              id="invite-relationship"
              legend={t('invite.relationship', { name: phase.invitation.inviterName })}
              hint={t('person.relationship.hint')}
              error={relationshipError}
              options={RELATIONSHIPS.map((r) => ({ value: r, label: t(relationshipKey(r)) }))}
              value={relationship}
              onValue={(v) => {
                setRelationship(v);
                setRelationshipError(undefined);
              }}
            />
            <p class="note">{t('invite.acceptNote', { name: phase.invitation.inviterName })}</p>
            <button type="submit" class="button button--wide" disabled={busy} data-testid="invite-accept">
              {busy ? t('common.sending') : t('invite.accept')}
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
