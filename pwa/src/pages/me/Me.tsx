import { useEffect, useState } from 'preact/hooks';
import { addMyPasskey, getMe, myPasskeyOptions, type Me as MeData } from '../../api/account';
import type { ApiFailure } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasskeyProblemText } from '../../components/PasskeyProblemText';
import { ReconsentNotice } from '../../components/ReconsentNotice';
import { Problem } from '../../components/Problem';
import { HealthSummaryView, type Visibility } from '../../components/Summary';
import { FamilySection } from '../../components/FamilySection';
import { InsuranceSection, LateElderlyReminder, useMyInsurance } from './Insurance';
import { RegistrationQrSection } from '../../components/RegistrationQrView';
import { getMyProxies, setRecordVisibility } from '../../api/proxies';
import { actingConfirmed, actingFor, can, proxyEnded } from '../../lib/acting-for';
import { getMySummary } from '../../api/health';
import { formatDate, lang, t, te, type ErrorCode } from '../../i18n/resident';
import { ACCESS_PATH, awaitingReconsent, CONSENTS_PATH, MY_DATA_PATH } from '../../lib/consents';
import { nameIn } from '../../lib/names';
import { browserOnline } from '../../lib/online';
import { usePageTitle } from '../../lib/page';
import { loadOfflineCard } from '../../lib/offline-card';
import { loadMySummaryAhead, useMySummary } from '../../lib/use-summary';
import { createPasskey, platformPasskeysAvailable, type PasskeyProblem } from '../../lib/passkeys';
import { signOutHere } from '../../lib/session';
import { navigate } from '../../router';

type State =
  | { readonly status: 'loading' }
  | { readonly status: 'ok'; readonly me: MeData }
  | { readonly status: 'error'; readonly code: ErrorCode; readonly requestId?: string | undefined };

/**
 * `/me`: the signed-in person's own page — at the top, when a network's newer consent document
 * asks them to agree again, a box that leads there; then the registration number, name, the
 * registration QR to show at a facility's desk (not to a proxy who only views), the networks
 * joined with the way to the consent page, to who has looked and to the person's own data, the
 * medication and allergy summary with its safety flags, links to the emergency card, the print
 * view and the FHIR download, a card offering a passkey when the account has none, and
 * sign-out. Not signed in: off to `/sign-in`.
 */
export function Me() {
  usePageTitle(t('me.title'));
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    getMe(controller.signal).then(
      (result) => {
        if (result.ok) setState({ status: 'ok', me: result.data });
        else if (result.error.code === 'unauthorized') navigate('/sign-in', { replace: true });
        else
          setState({ status: 'error', code: result.error.code, requestId: result.error.requestId });
      },
      () => {
        // Aborted: the page went away.
      },
    );
    // The summary below is asked for at the same time (not after this answer), except on the
    // page of a link nobody has confirmed, which shows none.
    const acting = actingFor.value;
    if (!acting || acting.standing === 'confirmed') loadMySummaryAhead();
    return () => controller.abort();
  }, [attempt]);

  const online = browserOnline.value;
  useEffect(() => {
    if (online && state.status === 'error') setAttempt((n) => n + 1);
  }, [online]);

  if (state.status !== 'ok') {
    return (
      <section class="card" aria-labelledby="page-title" aria-busy={state.status === 'loading'}>
        <h1 id="page-title" tabIndex={-1}>
          {t('me.title')}
        </h1>
        {state.status === 'loading' ? (
          <p class="muted" data-testid="me-loading">
            <span class="spinner" aria-hidden="true" />
            {t('screen.loading')}
          </p>
        ) : (
          <>
            <ErrorAlert
              code={state.code}
              requestId={state.requestId}
              retryLabel={t('screen.retry')}
              onRetry={() => setAttempt((n) => n + 1)}
              testId="me-error"
            />
            {/* Without a connection, the emergency card kept on this phone still opens. */}
            {state.code === 'network' && loadOfflineCard() && (
              <p class="me__card">
                <a class="button button--wide" href="/me/card" data-testid="me-offline-card">
                  {t('summary.actions.card')}
                </a>
              </p>
            )}
          </>
        )}
      </section>
    );
  }
  return <MePage me={state.me} />;
}

function MePage({ me: initial }: { me: MeData }) {
  const [me, setMe] = useState(initial);
  const acting = actingFor.value;
  if (acting && acting.standing !== 'confirmed') return <PendingProxyPage me={me} />;
  return <OwnPage me={me} setMe={setMe} initial={initial} />;
}

/**
 * Acting through a link nobody has confirmed yet (or past its review date): whose page it is,
 * that their registration is done, and how the link gets confirmed; nothing medical.
 */
function PendingProxyPage({ me }: { me: MeData }) {
  const acting = actingFor.value;
  const review = acting?.standing === 'review_due';
  // Whether it has been confirmed since this tab last heard: the server answers the summary
  // only on a confirmed link (a refusal keeps this page; see the acting-for middleware).
  useEffect(() => {
    const link = acting?.linkId;
    if (!link) return;
    const controller = new AbortController();
    getMySummary(controller.signal).then(
      (result) => {
        if (result.ok) actingConfirmed(link);
      },
      () => {
        // Aborted: the page went away.
      },
    );
    return () => controller.abort();
  }, [acting?.linkId]);
  return (
    <div data-testid="me" data-acting="true">
      <section class="intro" aria-labelledby="page-title">
        <p class="eyebrow">{t('me.acting.eyebrow')}</p>
        <h1 id="page-title" tabIndex={-1} data-testid="me-name">
          {t('me.acting.greeting', { name: me.name })}
        </h1>
      </section>
      <section class="alert" aria-labelledby="pending-title" data-testid="proxy-pending">
        <h2 id="pending-title" class="alert__title">
          {t(review ? 'family.pending.review.title' : 'family.pending.title', { name: me.name })}
        </h2>
        <p>{t('family.pending.body', { name: me.name })}</p>
        <ul class="points">
          <li>{t('family.pending.person', { name: me.name })}</li>
          <li>{t('family.pending.desk')}</li>
          <li>{t('family.pending.office')}</li>
        </ul>
      </section>
      <section class="card" aria-labelledby="me-number-title">
        <h2 id="me-number-title">{t('me.number')}</h2>
        <p class="reg-number" data-testid="me-registration-number" translate={false}>
          {me.registrationNumber}
        </p>
      </section>
      <SignOut />
    </div>
  );
}

function OwnPage({
  me,
  setMe,
  initial,
}: {
  me: MeData;
  setMe: (me: MeData) => void;
  initial: MeData;
}) {
  const acting = actingFor.value;
  // Offered when the account has no passkey; stays (saying it worked) once one is added. Never
  // while acting for someone: passkeys are the person's own.
  const [offerPasskey] = useState(initial.passkeys === 0 && can('self'));
  const insurance = useMyInsurance();
  return (
    <div data-testid="me" data-acting={acting ? 'true' : 'false'}>
      {!acting && <ProxyEndedNotice />}
      <section class="intro" aria-labelledby="page-title">
        <p class="eyebrow">{acting ? t('me.acting.eyebrow') : t('me.title')}</p>
        <h1 id="page-title" tabIndex={-1} data-testid="me-name">
          {acting
            ? t('me.acting.greeting', { name: me.name })
            : t('me.greeting', { name: me.name })}
        </h1>
        {acting && acting.level === 'view' && (
          <p data-testid="me-view-only">{t('me.acting.viewOnly')}</p>
        )}
        <p class="me__card">
          <a class="button button--wide" href="/me/card" data-testid="open-card">
            {t('summary.actions.card')}
          </a>
        </p>
      </section>

      <ReconsentNotice
        networks={awaitingReconsent(me.networks).map((n) => ({
          network: n,
          agreedVersion: n.consentVersion,
        }))}
      />

      {insurance?.lateElderlyFrom && <LateElderlyReminder birthday={insurance.lateElderlyFrom} />}

      <SummarySection />

      <section class="card" aria-labelledby="me-number-title">
        <h2 id="me-number-title">{t('me.number')}</h2>
        <p class="reg-number" data-testid="me-registration-number" translate={false}>
          {me.registrationNumber}
        </p>
        <p class="muted">
          {t('me.email')}: <span data-testid="me-email">{me.emailMasked}</span>
        </p>
      </section>

      {can('manage') && <RegistrationQrSection />}

      {offerPasskey && <AddPasskeyCard onAdded={(passkeys) => setMe({ ...me, passkeys })} />}

      <section class="card" aria-labelledby="me-networks-title">
        <h2 id="me-networks-title">{t('me.networks')}</h2>
        {me.networks.length === 0 ? (
          <p>{t('me.noNetworks')}</p>
        ) : (
          <ul class="network-list" data-testid="me-networks">
            {me.networks.map((n) => {
              const name = nameIn(n, lang.value);
              return (
                <li key={n.code} class="network">
                  <span class="network__name" lang={name.lang}>
                    {name.text}
                  </span>
                  <p class="network__meta">
                    {t('me.joined', { date: formatDate(n.joinedAt), version: n.consentVersion })}
                  </p>
                </li>
              );
            })}
          </ul>
        )}
        <ul class="summary__actions">
          <li>
            <a
              class="button button--secondary button--wide"
              href={CONSENTS_PATH}
              data-testid="me-consents"
            >
              {t('me.links.consents')}
            </a>
          </li>
          <li>
            <a
              class="button button--secondary button--wide"
              href={ACCESS_PATH}
              data-testid="me-access"
            >
              {t('me.links.access')}
            </a>
          </li>
          {can('manage') && (
            <li>
              <a
                class="button button--secondary button--wide"
                href={MY_DATA_PATH}
                data-testid="me-data"
              >
                {t('me.links.data')}
              </a>
            </li>
          )}
        </ul>
      </section>

      <InsuranceSection insurance={insurance} />

      {!acting && <FamilySection />}

      <SignOut />
    </div>
  );
}

/**
 * Said on the person's own page when the server ended acting for someone (they revoked it):
 * whose it was, and what to do now.
 */
function ProxyEndedNotice() {
  const ended = proxyEnded.value;
  if (!ended) return null;
  return (
    <div class="alert" role="alert" data-testid="proxy-ended">
      <h2 class="alert__title">{t('me.proxyEnded.title', { name: ended.name })}</h2>
      <p>{t('me.proxyEnded.body', { name: ended.name })}</p>
      <button
        type="button"
        class="button button--secondary"
        onClick={() => (proxyEnded.value = null)}
      >
        {t('me.proxyEnded.close')}
      </button>
    </div>
  );
}

/** Whether the person has a proxy or an open invitation now; false until known. */
function useHasProxies(): boolean {
  const [has, setHas] = useState(false);
  useEffect(() => {
    if (!can('self')) return;
    const controller = new AbortController();
    getMyProxies(controller.signal).then(
      (r) => {
        if (r.ok)
          setHas(
            r.data.proxies.some((p) => p.status === 'active') ||
              r.data.invitations.some((i) => i.status === 'open'),
          );
      },
      () => {
        // Aborted: the page went away.
      },
    );
    return () => controller.abort();
  }, []);
  return has;
}

/** Hiding records from proxies: what the person changed on this page, over the server's answer. */
function useVisibility(): Visibility {
  const [changed, setChanged] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [failed, setFailed] = useState<string | null>(null);
  return {
    hidden: (id, fromServer) => changed.get(id) ?? fromServer === true,
    busy,
    failed,
    onToggle: (id, hide) => {
      setFailed(null);
      setChanged((m) => new Map(m).set(id, hide));
      setBusy((b) => new Set(b).add(id));
      void setRecordVisibility(id, hide).then((result) => {
        setBusy((b) => {
          const next = new Set(b);
          next.delete(id);
          return next;
        });
        if (result.ok) setChanged((m) => new Map(m).set(id, result.data.hiddenFromProxies));
        else {
          setChanged((m) => new Map(m).set(id, !hide));
          setFailed(te(result.error.code));
        }
      });
    },
  };
}

/**
 * The medication and allergy summary, loaded on its own so the page shows at once. Hiding a
 * record from proxies is offered only to the person themselves, and only while they have a proxy
 * or an open invitation (or have hidden something: it stays shown as hidden, and can be shown
 * again).
 */
function SummarySection() {
  const { summary, error, retry } = useMySummary();
  const visibility = useVisibility();
  const proxies = useHasProxies();
  if (summary) {
    const anyHidden =
      summary.current.some((m) => m.hiddenFromProxies) ||
      summary.allergies.some((a) => a.hiddenFromProxies) ||
      summary.history.some((m) => m.hiddenFromProxies);
    const offer = can('self') && (proxies || anyHidden);
    return <HealthSummaryView summary={summary} visibility={offer ? visibility : undefined} />;
  }
  return (
    <section
      class="card"
      aria-labelledby="me-summary-title"
      aria-busy={!error}
      data-testid="me-summary"
    >
      <h2 id="me-summary-title">{t('me.summary.title')}</h2>
      {error ? (
        <ErrorAlert
          code={error.code}
          requestId={error.requestId}
          retryLabel={t('screen.retry')}
          onRetry={retry}
          testId="summary-error"
        />
      ) : (
        <p class="muted">
          <span class="spinner" aria-hidden="true" />
          {t('screen.loading')}
        </p>
      )}
    </section>
  );
}

/** Offered when the account has no passkey (it signs in by email code). */
function AddPasskeyCard({ onAdded }: { onAdded: (passkeys: number) => void }) {
  const [supported, setSupported] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<PasskeyProblem | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [added, setAdded] = useState(false);
  useEffect(() => {
    let live = true;
    void platformPasskeysAvailable().then((ok) => {
      if (live) setSupported(ok);
    });
    return () => {
      live = false;
    };
  }, []);
  if (!supported && !added) return null;

  const add = async () => {
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
    if (!saved.ok) {
      setError(saved.error);
      return;
    }
    setAdded(true);
    onAdded(saved.data.passkeys);
  };

  return (
    <section class="card card--offer" aria-labelledby="me-passkey-title" data-testid="me-passkey">
      <h2 id="me-passkey-title">{t('me.passkey.title')}</h2>
      <div aria-live="polite">
        {added && (
          <p class="field__ok" data-testid="me-passkey-added">
            {t('me.passkey.added')}
          </p>
        )}
      </div>
      {!added && (
        <>
          <p>{t('me.passkey.lead')}</p>
          {problem && <PasskeyProblemText problem={problem} />}
          <Problem error={error} testId="me-passkey-problem" />
          <button
            type="button"
            class="button button--wide"
            disabled={busy}
            onClick={add}
            data-testid="me-passkey-add"
          >
            {busy ? t('passkey.creating') : t('me.passkey.add')}
          </button>
        </>
      )}
    </section>
  );
}

function SignOut() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const signOut = async (everywhere: boolean) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await signOutHere(everywhere);
    setBusy(false);
    if (result.ok) navigate('/sign-in', { replace: true });
    else setError(result.error);
  };
  return (
    <section class="sign-out">
      <Problem error={error} testId="sign-out-problem" />
      <button
        type="button"
        class="button button--secondary button--wide"
        disabled={busy}
        onClick={() => void signOut(false)}
        data-testid="sign-out"
      >
        {busy ? t('signOut.working') : t('me.signOut')}
      </button>
      {!actingFor.value && (
        <>
          <p class="muted">{t('me.signOutEverywhere.help')}</p>
          <button
            type="button"
            class="button button--secondary button--wide"
            disabled={busy}
            onClick={() => void signOut(true)}
            data-testid="sign-out-everywhere"
          >
            {t('me.signOutEverywhere')}
          </button>
        </>
      )}
    </section>
  );
}
