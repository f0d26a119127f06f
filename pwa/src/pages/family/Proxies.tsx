import { ShareButton } from '../../components/ShareButton';
import { useState } from 'preact/hooks';
import { getAccessAlerts, setAccessAlerts } from '../../api/access';
import type { ApiFailure } from '../../api/client';
import {
  cancelInvitation,
  createInvitation,
  getMyProxies,
  confirmProxy,
  revokeProxy,
  type InvitationCreated,
  type InvitationItem,
  type MyProxies,
  type ProxyItem,
} from '../../api/proxies';
import { RadioGroup } from '../../components/Form';
import { ConfirmBox } from '../../components/ConfirmBox';
import { PageLoading } from '../../components/Loading';
import { Problem } from '../../components/Problem';
import { SelfOnly } from '../../components/SelfOnly';
import { formatDate, t, type MessageKey } from '../../i18n/resident';
import type { ProxyLevel } from '../../lib/acting-for';
import { usePageTitle } from '../../lib/page';
import { actionKey, levelKey, relationshipKey, svgDataUrl } from '../../lib/proxies';
import { useSignedInLoad } from '../../lib/use-signed-in-load';

/**
 * `/me/proxies`: the person's own proxies (family who act for them) — relationship, level,
 * status, since when, and what each did (newest first) — with a way to end each one; and
 * invitations: make one (view only, or view and handle procedures) and show its code, QR code
 * and link to hand to a family member; the open ones can be cancelled. At most `limit`. And
 * whether the proxies who handle procedures are mailed when a facility looks at the person's
 * information.
 */
export function Proxies() {
  usePageTitle(t('proxies.title'));
  return (
    <SelfOnly title={t('proxies.title')}>
      <ProxiesLoaded />
    </SelfOnly>
  );
}

function ProxiesLoaded() {
  const { state, reload } = useSignedInLoad((signal) => getMyProxies(signal));
  if (state.status !== 'ok') {
    return (
      <PageLoading
        title={t('proxies.title')}
        error={state.status === 'error' ? state.error : null}
        onRetry={reload}
        testId="proxies"
      />
    );
  }
  return <ProxiesPage data={state.data} reload={reload} />;
}

function ProxiesPage({ data, reload }: { data: MyProxies; reload: () => void }) {
  const [proxies, setProxies] = useState(data.proxies);
  const [invitations, setInvitations] = useState(data.invitations);
  const active = proxies.filter((p) => p.status === 'active').length;
  const open = invitations.filter((i) => i.status === 'open').length;
  return (
    <div data-testid="proxies">
      <section class="intro" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          {t('proxies.title')}
        </h1>
        <p>{t('proxies.lead')}</p>
        <p data-testid="proxies-limit">
          {t('proxies.limit', { limit: data.limit, count: active + open })}
        </p>
      </section>

      <section class="card" aria-labelledby="proxies-list-title">
        <h2 id="proxies-list-title">{t('proxies.list.title')}</h2>
        {proxies.length === 0 ? (
          <p data-testid="proxies-none">{t('proxies.none')}</p>
        ) : (
          <ul class="proxy-list" data-testid="proxy-list">
            {proxies.map((p) => (
              <ProxyEntry
                key={p.linkId}
                proxy={p}
                onChanged={(changed) =>
                  setProxies((list) => list.map((x) => (x.linkId === changed.linkId ? changed : x)))
                }
                reload={reload}
              />
            ))}
          </ul>
        )}
      </section>

      <AccessAlertsSection />

      <InvitationSection
        invitations={invitations}
        full={active + open >= data.limit}
        onCreated={(item) => setInvitations((list) => [item, ...list])}
        onCancelled={(id) =>
          setInvitations((list) =>
            list.map((i) => (i.id === id ? { ...i, status: 'cancelled' as const } : i)),
          )
        }
      />

      <a class="button button--secondary button--wide" href="/me">
        {t('card.back')}
      </a>
    </div>
  );
}

function ProxyEntry({
  proxy: p,
  onChanged,
  reload,
}: {
  proxy: ProxyItem;
  onChanged: (p: ProxyItem) => void;
  reload: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [revoked, setRevoked] = useState(false);
  const [approved, setApproved] = useState(false);
  const approve = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await confirmProxy(p.linkId);
    setBusy(false);
    if (result.ok) {
      setApproved(true);
      onChanged(result.data);
    } else setError(result.error);
  };
  const revoke = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await revokeProxy(p.linkId);
    setBusy(false);
    if (result.ok) {
      setConfirming(false);
      setRevoked(true);
      onChanged(result.data);
    } else setError(result.error);
  };
  const titleId = `proxy-${p.linkId}-name`;
  return (
    <li
      class={`proxy${p.status === 'revoked' ? ' proxy--revoked' : ''}`}
      data-status={p.status}
      data-testid="proxy"
    >
      <span class="proxy__name" id={titleId}>
        {t('family.person', { name: p.name })}
      </span>
      <p class="proxy__meta">
        {t('proxies.meta', {
          relationship: t(relationshipKey(p.relationship)),
          level: t(levelKey(p.level)),
        })}
        <br />
        <span data-testid="proxy-status">
          {p.status === 'active'
            ? t('proxies.status.active', { date: formatDate(p.since) })
            : t('proxies.status.revoked', { date: formatDate(p.revokedAt ?? p.since) })}
        </span>
        <br />
        {t(`proxies.via.${p.via}` as MessageKey)}
        {p.status === 'active' && (
          <>
            <br />
            <span data-testid="proxy-standing" data-standing={p.standing}>
              {p.standing === 'confirmed'
                ? t('proxies.standing.confirmed', {
                    basis: p.basis ? t(`proxies.basis.${p.basis}` as MessageKey) : '',
                    date: p.reviewOn ? formatDate(p.reviewOn) : '',
                  })
                : t(`proxies.standing.${p.standing}` as MessageKey, {
                    date: p.reviewOn ? formatDate(p.reviewOn) : '',
                  })}
            </span>
          </>
        )}
      </p>
      <div aria-live="polite">
        {approved && (
          <p class="field__ok" data-testid="proxy-approved">
            {t('proxies.approved', {
              name: p.name,
              date: p.reviewOn ? formatDate(p.reviewOn) : '',
            })}
          </p>
        )}
        {revoked && (
          <p class="field__ok" data-testid="proxy-revoked">
            {t('proxies.revoked', { name: p.name })}
          </p>
        )}
      </div>
      {p.history.length > 0 && (
        <details class="proxy__history">
          <summary>{t('proxies.history', { count: p.history.length })}</summary>
          <ol data-testid="proxy-history">
            {p.history.map((h, i) => (
              <li key={i} data-action={h.action}>
                {formatDate(h.at, true)} {t(actionKey(h.action))}
              </li>
            ))}
          </ol>
        </details>
      )}
      <Problem error={error} testId="proxy-problem">
        {error?.code === 'proxy_already_revoked' && (
          <button type="button" class="button" onClick={reload}>
            {t('screen.retry')}
          </button>
        )}
      </Problem>
      {p.status === 'active' && p.standing !== 'confirmed' && !confirming && (
        <button
          type="button"
          class="button button--wide"
          disabled={busy}
          onClick={() => void approve()}
          data-testid="proxy-approve"
        >
          {t('proxies.approve', { name: p.name })}
        </button>
      )}
      {p.status === 'active' && !confirming && (
        <button
          type="button"
          class="button button--danger button--wide"
          onClick={() => setConfirming(true)}
          data-testid="proxy-revoke"
        >
          {t('proxies.revoke', { name: p.name })}
        </button>
      )}
      {p.status === 'active' && confirming && (
        <ConfirmBox
          id={`${titleId}-confirm`}
          title={t('proxies.confirm.title', { name: p.name })}
          yes={t('proxies.confirm.yes')}
          no={t('proxies.confirm.no')}
          busy={busy}
          onYes={() => void revoke()}
          onNo={() => setConfirming(false)}
          testId="proxy-confirm"
          yesTestId="proxy-revoke-confirm"
        >
          <p>{t('proxies.confirm.body')}</p>
        </ConfirmBox>
      )}
    </li>
  );
}

function InvitationSection({
  invitations,
  full,
  onCreated,
  onCancelled,
}: {
  invitations: readonly InvitationItem[];
  full: boolean;
  onCreated: (item: InvitationItem) => void;
  onCancelled: (id: string) => void;
}) {
  const [level, setLevel] = useState<ProxyLevel | ''>('');
  const [levelError, setLevelError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [created, setCreated] = useState<InvitationCreated | null>(null);
  const create = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setError(null);
    if (!level) {
      setLevelError(t('check.choose'));
      return;
    }
    setBusy(true);
    const result = await createInvitation(level);
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setCreated(result.data);
    onCreated({
      id: result.data.id,
      level: result.data.level,
      createdAt: new Date().toISOString(),
      expiresAt: result.data.expiresAt,
      status: 'open',
    });
  };
  return (
    <section class="card" aria-labelledby="invite-title" data-testid="invitations">
      <h2 id="invite-title">{t('proxies.invite.title')}</h2>
      <p>{t('proxies.invite.lead')}</p>
      {created ? (
        <div data-testid="invitation-created">
          <p class="field__ok" role="status">
            {t('proxies.invite.created')}
          </p>
          <p>{t('proxies.invite.give')}</p>
          <p class="done__label">{t('proxies.invite.code')}</p>
          <p class="invite-code" data-testid="invitation-code" translate={false}>
            {created.code}
          </p>
          <img
            class="invite-qr"
            src={svgDataUrl(created.qrSvg)}
            alt={t('proxies.invite.qrAlt', { code: created.code })}
            data-testid="invitation-qr"
          />
          <ShareButton
            title={t('proxies.invite.shareTitle')}
            text={t('proxies.invite.shareText', { code: created.code })}
            url={created.url}
          />
          <p class="invite-url">
            {t('proxies.invite.link')}{' '}
            <a href={created.url} data-testid="invitation-url">
              {created.url}
            </a>
          </p>
          <p data-testid="invitation-expires">
            {t('proxies.invite.expires', { date: formatDate(created.expiresAt, true) })}
            <br />
            {t('invite.level', { level: t(levelKey(created.level)) })}
          </p>
          <button
            type="button"
            class="button button--secondary button--wide"
            onClick={() => setCreated(null)}
          >
            {t('proxies.invite.another')}
          </button>
        </div>
      ) : full ? (
        <p data-testid="invitations-full">{t('proxies.invite.full')}</p>
      ) : (
        <form noValidate onSubmit={create} data-testid="invitation-form">
          <RadioGroup<ProxyLevel>
            id="invite-level"
            legend={t('proxies.invite.level')}
            error={levelError}
            options={(['view', 'manage'] as const).map((l) => ({
              value: l,
              label: t(levelKey(l)),
              detail: t(`proxy.level.${l}.detail` as MessageKey),
            }))}
            value={level}
            onValue={(v) => {
              setLevel(v);
              setLevelError(undefined);
            }}
          />
          <Problem error={error} testId="invitation-problem" />
          <button
            type="submit"
            class="button button--wide"
            disabled={busy}
            data-testid="invitation-create"
          >
            {busy ? t('common.sending') : t('proxies.invite.create')}
          </button>
        </form>
      )}
      {invitations.length > 0 && (
        <>
          <h3 class="invitation-list__title">{t('proxies.invitations.title')}</h3>
          <ul class="invitation-list" data-testid="invitation-list">
            {invitations.map((i) => (
              <InvitationEntry key={i.id} invitation={i} onCancelled={onCancelled} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function InvitationEntry({
  invitation: i,
  onCancelled,
}: {
  invitation: InvitationItem;
  onCancelled: (id: string) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const cancel = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await cancelInvitation(i.id);
    setBusy(false);
    if (result.ok) onCancelled(i.id);
    else setError(result.error);
  };
  return (
    <li class="invitation" data-status={i.status} data-testid="invitation">
      <p class="invitation__meta">
        <strong>{t(`proxies.invitation.${i.status}` as MessageKey)}</strong>
        {' · '}
        {t(levelKey(i.level))}
        <br />
        {t('proxies.invitation.dates', {
          created: formatDate(i.createdAt),
          expires: formatDate(i.expiresAt),
        })}
      </p>
      <Problem error={error} testId="invitation-cancel-problem" />
      {i.status === 'open' && (
        <button
          type="button"
          class="button button--secondary button--wide"
          disabled={busy}
          onClick={cancel}
          data-testid="invitation-cancel"
        >
          {busy ? t('common.sending') : t('proxies.invitation.cancel')}
        </button>
      )}
    </li>
  );
}

/**
 * Whether the person's proxies who handle procedures are mailed when a facility looks (the
 * person always is). The switch shows the server's answer; a refused change goes back.
 */
function AccessAlertsSection() {
  const { state, reload } = useSignedInLoad((signal) => getAccessAlerts(signal));
  const [on, setOn] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [saved, setSaved] = useState(false);
  const current = on ?? (state.status === 'ok' ? state.data.toProxies : false);

  const change = async (next: boolean) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    setOn(next);
    const result = await setAccessAlerts(next);
    setBusy(false);
    if (result.ok) {
      setOn(result.data.toProxies);
      setSaved(true);
    } else {
      setOn(!next);
      setError(result.error);
    }
  };

  return (
    <section class="card" aria-labelledby="alerts-title" data-testid="access-alerts">
      <h2 id="alerts-title">{t('proxies.alerts.title')}</h2>
      <p>{t('proxies.alerts.lead')}</p>
      {state.status === 'loading' && (
        <p class="muted">
          <span class="spinner" aria-hidden="true" />
          {t('screen.loading')}
        </p>
      )}
      {state.status === 'error' && (
        <Problem error={state.error} testId="access-alerts-error">
          <button type="button" class="button" onClick={reload}>
            {t('screen.retry')}
          </button>
        </Problem>
      )}
      {state.status === 'ok' && (
        <>
          <label class="check">
            <input
              type="checkbox"
              checked={current}
              disabled={busy}
              onChange={(e) => void change((e.currentTarget as HTMLInputElement).checked)}
              aria-describedby="alerts-help"
              data-testid="access-alerts-to-proxies"
            />
            <span>{t('proxies.alerts.label')}</span>
          </label>
          <p class="muted" id="alerts-help">
            {t('proxies.alerts.help')}
          </p>
          <div aria-live="polite">
            {saved && (
              <p class="field__ok" data-testid="access-alerts-saved">
                {t(current ? 'proxies.alerts.on' : 'proxies.alerts.off')}
              </p>
            )}
          </div>
          <Problem error={error} testId="access-alerts-problem" />
        </>
      )}
    </section>
  );
}
