import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiFailure, ApiResult } from '../../api/client';
import {
  agreeToConsent,
  getMyConsents,
  type Agreed,
  type ConsentDocument,
  type ConsentOverview,
  type NetworkName,
} from '../../api/consents';
import { getConsent } from '../../api/registration';
import { ConsentText } from '../../components/ConsentText';
import { FieldError } from '../../components/Form';
import { PageLoading } from '../../components/Loading';
import { Problem } from '../../components/Problem';
import { formatDate, lang, t } from '../../i18n/resident';
import {
  CONSENTS_PATH,
  joinMode,
  membershipOf,
  networkNameIn,
  versionPath,
  type JoinMode,
} from '../../lib/consents';
import { nameIn } from '../../lib/names';
import { usePageTitle } from '../../lib/page';
import { useSignedInLoad } from '../../lib/use-signed-in-load';
import { navigate, type Params } from '../../router';

interface JoinData {
  readonly overview: ConsentOverview;
  /** The document in force, or null when the network has none (no online joining). */
  readonly doc: ConsentDocument | null;
}

async function loadJoin(code: string, signal: AbortSignal): Promise<ApiResult<JoinData>> {
  const [overview, doc] = await Promise.all([getMyConsents(signal), getConsent(code, signal)]);
  if (!overview.ok) return overview;
  if (!doc.ok && doc.error.code !== 'not_found') return doc;
  return { ok: true, data: { overview: overview.data, doc: doc.ok ? doc.data : null } };
}

/**
 * `/me/consents/:network/join`: agreeing to a network's consent document in force — to join,
 * to join again after withdrawing (a new consent: nothing from the gap is shared), or to renew
 * when a newer version asks for it. The document (summary, full text one tap away), an explicit
 * checkbox, and the button that agrees to exactly that version. If a newer version came into
 * force meanwhile, the page loads it and says so. The result says what was recorded and that
 * only data from now on is shared.
 */
export function ConsentJoin({ params }: { params: Params }) {
  const code = params['network'] ?? '';
  const { state, reload } = useSignedInLoad((signal) => loadJoin(code, signal), [code]);
  // Set when the server said the document changed: shown above the newer one once loaded.
  const [replaced, setReplaced] = useState(false);
  const mode = state.status === 'ok' ? joinMode(state.data.overview, code) : 'join';
  usePageTitle(t(TITLES[mode === 'current' ? 'join' : mode]));
  if (state.status !== 'ok') {
    return (
      <PageLoading
        title={t('join.title.join')}
        error={state.status === 'error' ? state.error : null}
        onRetry={reload}
        testId="join"
      />
    );
  }
  const { overview, doc } = state.data;
  const network = networkNameIn(overview, code) ?? { code, name: code };
  if (!doc) return <NoDocument network={network} />;
  if (mode === 'current') return <UpToDate network={network} overview={overview} />;
  return (
    <Agree
      key={doc.version}
      network={network}
      overview={overview}
      doc={doc}
      mode={mode}
      replaced={replaced}
      onReplaced={() => {
        setReplaced(true);
        reload();
      }}
    />
  );
}

function NoDocument({ network }: { network: NetworkName }) {
  const name = nameIn(network, lang.value);
  return (
    <section class="card" aria-labelledby="page-title" data-testid="join-unavailable">
      <p class="eyebrow" lang={name.lang}>
        {name.text}
      </p>
      <h1 id="page-title" tabIndex={-1}>
        {t('join.unavailable.title')}
      </h1>
      <p>{t('consent.unavailable')}</p>
      <a class="button button--wide" href={CONSENTS_PATH}>
        {t('consents.back')}
      </a>
    </section>
  );
}

function UpToDate({ network, overview }: { network: NetworkName; overview: ConsentOverview }) {
  const name = nameIn(network, lang.value);
  const membership = membershipOf(overview, network.code);
  return (
    <section class="card" aria-labelledby="page-title" data-testid="join-current">
      <p class="eyebrow" lang={name.lang}>
        {name.text}
      </p>
      <h1 id="page-title" tabIndex={-1}>
        {t('join.current.title')}
      </h1>
      {membership && <p>{t('join.current.body', { version: membership.agreedVersion })}</p>}
      {membership && (
        <a class="link-target" href={versionPath(network.code, membership.agreedVersion)}>
          {t('history.read', { version: membership.agreedVersion })}
        </a>
      )}
      <a class="button button--wide" href={CONSENTS_PATH}>
        {t('consents.back')}
      </a>
    </section>
  );
}

const TITLES: Readonly<
  Record<Exclude<JoinMode, 'current'>, 'join.title.join' | 'join.title.rejoin' | 'join.title.renew'>
> = {
  join: 'join.title.join',
  rejoin: 'join.title.rejoin',
  renew: 'join.title.renew',
};

const BUTTONS: Readonly<
  Record<
    Exclude<JoinMode, 'current'>,
    'join.button.join' | 'join.button.rejoin' | 'join.button.renew'
  >
> = {
  join: 'join.button.join',
  rejoin: 'join.button.rejoin',
  renew: 'join.button.renew',
};

function Agree({
  network,
  overview,
  doc,
  mode,
  replaced,
  onReplaced,
}: {
  network: NetworkName;
  overview: ConsentOverview;
  doc: ConsentDocument;
  mode: Exclude<JoinMode, 'current'>;
  replaced: boolean;
  onReplaced: () => void;
}) {
  const name = nameIn(network, lang.value);
  const membership = membershipOf(overview, network.code);
  const [agreed, setAgreed] = useState(false);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [done, setDone] = useState<Agreed | null>(null);
  const box = useRef<HTMLInputElement>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setError(null);
    if (!agreed) {
      setMissing(true);
      box.current?.focus();
      return;
    }
    setBusy(true);
    const result = await agreeToConsent(network.code, doc.version);
    setBusy(false);
    if (result.ok) setDone(result.data);
    else if (result.error.code === 'unauthorized') navigate('/sign-in', { replace: true });
    else if (result.error.code === 'consent_version_stale') onReplaced();
    else setError(result.error);
  };

  if (done) return <AgreedScreen result={done} network={network} mode={mode} />;

  return (
    <div data-testid="join" data-mode={mode}>
      <section class="intro" aria-labelledby="page-title">
        <p class="eyebrow" lang={name.lang}>
          {name.text}
        </p>
        <h1 id="page-title" tabIndex={-1}>
          {t(TITLES[mode])}
        </h1>
        {mode === 'renew' && membership && (
          <p data-testid="join-stands">
            {t('join.renew.stands', { version: membership.agreedVersion })}
          </p>
        )}
        {mode === 'rejoin' && membership?.withdrawnAt && (
          <p data-testid="join-gap">
            {t('join.rejoin.gap', { date: formatDate(membership.withdrawnAt, true) })}
          </p>
        )}
        {mode === 'join' && <p>{t('join.join.lead')}</p>}
      </section>

      {replaced && (
        <p class="alert alert--info" role="status" data-testid="join-replaced">
          {t('join.replaced', { version: doc.version })}
        </p>
      )}

      <section class="card">
        <ConsentText doc={doc} />
      </section>

      <form
        class="card"
        onSubmit={submit}
        noValidate
        aria-labelledby="join-agree-title"
        data-testid="join-form"
      >
        <h2 id="join-agree-title">{t('join.agree.title')}</h2>
        <ul class="points">
          <li>{t('entry.about.fromJoining')}</li>
          <li>{t('entry.about.withdraw')}</li>
        </ul>
        <div class={`field${missing && !agreed ? ' field--error' : ''}`}>
          <FieldError
            id="join-agree"
            message={missing && !agreed ? t('join.agree.missing') : undefined}
          />
          <label class="check check--agree" for="join-agree">
            <input
              ref={box}
              type="checkbox"
              id="join-agree"
              checked={agreed}
              aria-invalid={missing && !agreed ? 'true' : undefined}
              aria-describedby={missing && !agreed ? 'join-agree-error' : undefined}
              onChange={(e) => setAgreed((e.currentTarget as HTMLInputElement).checked)}
              data-testid="join-agree"
            />
            <span>{t('join.agree.label', { version: doc.version })}</span>
          </label>
        </div>
        <Problem error={error} testId="join-problem">
          {error?.code === 'already_joined' && (
            <a class="button" href={CONSENTS_PATH}>
              {t('consents.back')}
            </a>
          )}
        </Problem>
        <button type="submit" class="button button--wide" disabled={busy} data-testid="join-submit">
          {busy ? t('common.sending') : t(BUTTONS[mode])}
        </button>
        <a class="button button--secondary button--wide" href={CONSENTS_PATH}>
          {t('join.cancel')}
        </a>
      </form>
    </div>
  );
}

function AgreedScreen({
  result,
  network,
  mode,
}: {
  result: Agreed;
  network: NetworkName;
  mode: Exclude<JoinMode, 'current'>;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const renewed = result.outcome === 'renewed';
  usePageTitle(renewed ? t('join.done.renewed') : t('join.done.joined'));
  const name = nameIn(network, lang.value);
  return (
    <div data-testid="join-done" data-outcome={result.outcome}>
      <section class="card done" aria-labelledby="page-title">
        <svg class="done__icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
          <circle cx="24" cy="24" r="22" fill="#0b7a4b" />
          <path
            d="M14 25l7 7 13-15"
            fill="none"
            stroke="#ffffff"
            stroke-width="5"
            stroke-linecap="round"
            stroke-linejoin="round"
          />
        </svg>
        <h1 id="page-title" tabIndex={-1} ref={heading}>
          {renewed ? t('join.done.renewed') : t('join.done.joined')}
        </h1>
        <p class="network__name" lang={name.lang}>
          {name.text}
        </p>
        <p class="receipt-time" data-testid="join-time">
          {t('join.done.at', { date: formatDate(result.at, 'seconds'), version: result.version })}
        </p>
        {result.receiptMailed && <p data-testid="join-mailed">{t('withdraw.done.mailed')}</p>}
      </section>
      <section class="card" aria-labelledby="join-next-title">
        <h2 id="join-next-title">{t('done.next.title')}</h2>
        <ul class="points">
          {renewed ? (
            <li>{t('join.done.continues')}</li>
          ) : (
            <>
              <li data-testid="join-from-now">{t('join.done.fromNow')}</li>
              {mode === 'rejoin' && <li>{t('join.done.gap')}</li>}
            </>
          )}
          <li>{t('entry.about.withdraw')}</li>
        </ul>
        <a class="button button--wide" href={CONSENTS_PATH} data-testid="join-to-consents">
          {t('consents.back')}
        </a>
        <a class="button button--secondary button--wide" href="/me">
          {t('card.back')}
        </a>
      </section>
    </div>
  );
}
