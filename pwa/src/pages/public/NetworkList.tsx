import { useEffect, useState } from 'preact/hooks';
import { listNetworks, type NetworkSummary } from '../../api/networks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatNumber, lang, t, type ErrorCode } from '../../i18n';
import { browserOnline } from '../../lib/online';

type State =
  | { readonly status: 'loading' }
  | { readonly status: 'ok'; readonly networks: readonly NetworkSummary[] }
  | { readonly status: 'error'; readonly code: ErrorCode; readonly requestId?: string };

/** The public list of networks, with loading, empty and error states. */
export function NetworkList() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    listNetworks(controller.signal).then(
      (result) => {
        setState(
          result.ok
            ? { status: 'ok', networks: result.data }
            : { status: 'error', code: result.error.code, requestId: result.error.requestId },
        );
      },
      () => {
        // Aborted because the screen went away: nothing to show.
      },
    );
    return () => controller.abort();
  }, [attempt]);

  // When the connection comes back after a failure, try again without waiting for a tap.
  const online = browserOnline.value;
  useEffect(() => {
    if (online && state.status === 'error') setAttempt((n) => n + 1);
    // Only a change of connection should trigger this, not every state change.
  }, [online]);

  return (
    <section class="card" aria-labelledby="networks-title" aria-busy={state.status === 'loading'}>
      <h2 id="networks-title">{t('networks.title')}</h2>
      {state.status === 'loading' && (
        <p class="muted" data-testid="networks-loading">
          <span class="spinner" aria-hidden="true" />
          {t('networks.loading')}
        </p>
      )}
      {state.status === 'error' && (
        <ErrorAlert
          code={state.code}
          requestId={state.requestId}
          retryLabel={t('networks.retry')}
          onRetry={() => setAttempt((n) => n + 1)}
          testId="networks-error"
        />
      )}
      {state.status === 'ok' && state.networks.length === 0 && (
        <p data-testid="networks-empty">{t('networks.empty')}</p>
      )}
      {state.status === 'ok' && state.networks.length > 0 && (
        <>
          <ul class="network-list" data-testid="networks">
            {state.networks.map((n) => (
              <NetworkItem key={n.code} network={n} />
            ))}
          </ul>
          {state.networks.some((n) => n.demo) && <p class="note">{t('networks.demoNote')}</p>}
        </>
      )}
    </section>
  );
}

function NetworkItem({ network }: { network: NetworkSummary }) {
  const english = lang.value === 'en';
  const name = english && network.nameEn ? network.nameEn : network.name;
  return (
    <li class="network" lang={english && network.nameEn ? 'en' : 'ja'}>
      <div class="network__head">
        <span class="network__name">{name}</span>
        {network.demo && (
          <span class="badge" lang={lang.value}>
            {t('networks.demo')}
          </span>
        )}
      </div>
      <p class="network__meta" lang={lang.value}>
        {t('networks.facilities', { count: formatNumber(network.facilityCount) })}
      </p>
    </li>
  );
}
