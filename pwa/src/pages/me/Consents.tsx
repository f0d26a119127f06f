import {
  getMyConsents,
  type ConsentOverview,
  type HistoryItem,
  type Membership,
} from '../../api/consents';
import { PageLoading } from '../../components/Loading';
import { ReconsentNotice } from '../../components/ReconsentNotice';
import { lang, t } from '../../i18n/resident';
import {
  awaitingReconsent,
  historyRows,
  joinPath,
  kindText,
  membershipText,
  MY_DATA_PATH,
  versionPath,
  withdrawPath,
} from '../../lib/consents';
import { nameIn } from '../../lib/names';
import { can } from '../../lib/acting-for';
import { usePageTitle } from '../../lib/page';
import { useSignedInLoad } from '../../lib/use-signed-in-load';

/**
 * `/me/consents`: the person's consents — each network's state with the way to withdraw (or
 * to join again), the networks they can join, and the whole history newest first, each step
 * with when, which document version (and the way to read it), by whom and how.
 */
export function Consents() {
  usePageTitle(t('consents.title'));
  const { state, reload } = useSignedInLoad((signal) => getMyConsents(signal));
  if (state.status !== 'ok') {
    return (
      <PageLoading
        title={t('consents.title')}
        error={state.status === 'error' ? state.error : null}
        onRetry={reload}
        testId="consents"
      />
    );
  }
  return <ConsentsPage overview={state.data} />;
}

function ConsentsPage({ overview }: { overview: ConsentOverview }) {
  const members = new Set(overview.memberships.map((m) => m.network.code));
  const joinable = new Set(overview.joinable.map((j) => j.network.code));
  const others = overview.joinable.filter((j) => !members.has(j.network.code));
  const renew = awaitingReconsent(overview.memberships).map((m) => ({
    network: m.network,
    agreedVersion: m.agreedVersion,
  }));
  return (
    <div data-testid="consents">
      <section class="intro" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          {t('consents.title')}
        </h1>
        <p>{t('consents.lead')}</p>
      </section>

      <ReconsentNotice networks={can('manage') ? renew : []} />

      <section class="card" aria-labelledby="consents-networks-title">
        <h2 id="consents-networks-title">{t('consents.networks')}</h2>
        {overview.memberships.length === 0 ? (
          <p data-testid="consents-none">{t('consents.none')}</p>
        ) : (
          <ul class="network-list" data-testid="memberships">
            {overview.memberships.map((m) => (
              <MembershipItem
                key={m.network.code}
                membership={m}
                canRejoin={joinable.has(m.network.code)}
                canChange={can('manage')}
              />
            ))}
          </ul>
        )}
      </section>

      {others.length > 0 && can('manage') && (
        <section class="card" aria-labelledby="consents-joinable-title" data-testid="joinable">
          <h2 id="consents-joinable-title">{t('consents.joinable')}</h2>
          <p>{t('consents.joinable.lead')}</p>
          <ul class="network-list">
            {others.map((j) => {
              const name = nameIn(j.network, lang.value);
              return (
                <li key={j.network.code} class="network" data-network={j.network.code}>
                  <span class="network__name" lang={name.lang}>
                    {name.text}
                  </span>
                  <a
                    class="button button--wide"
                    href={joinPath(j.network.code)}
                    data-testid={`join-${j.network.code}`}
                  >
                    {t('consents.join')}
                  </a>
                </li>
              );
            })}
          </ul>
        </section>
      )}

      <section class="card" aria-labelledby="consents-history-title">
        <h2 id="consents-history-title">{t('consents.history')}</h2>
        <p class="muted">{t('consents.history.lead')}</p>
        <ol class="history-list" data-testid="history">
          {overview.history.map((item) => (
            <HistoryEntry
              key={`${item.consentId}-${item.kind}-${item.at}`}
              item={item}
              history={overview.history}
            />
          ))}
        </ol>
      </section>

      <nav class="page-links" aria-label={t('consents.more')}>
        {can('manage') && (
          <a
            class="button button--secondary button--wide"
            href={MY_DATA_PATH}
            data-testid="to-my-data"
          >
            {t('me.links.data')}
          </a>
        )}
        <a class="button button--secondary button--wide" href="/me">
          {t('card.back')}
        </a>
      </nav>
    </div>
  );
}

function MembershipItem({
  membership: m,
  canRejoin,
  canChange,
}: {
  membership: Membership;
  canRejoin: boolean;
  /** False for a view-only proxy: the page shows the state but no buttons that would be refused. */
  canChange: boolean;
}) {
  const name = nameIn(m.network, lang.value);
  const code = m.network.code;
  return (
    <li class="network" data-network={code} data-state={m.state} data-testid={`membership-${code}`}>
      <span class="network__name" lang={name.lang}>
        {name.text}
      </span>
      <p class={`status status--${m.state}`} data-testid="membership-state">
        {membershipText(m)}
      </p>
      {m.state === 'joined' && m.reconsentVersion !== undefined && (
        <p class="network__meta">
          {t('consents.state.newVersion', { version: m.reconsentVersion })}
        </p>
      )}
      {!canChange ? null : m.state === 'joined' ? (
        <a
          class="button button--danger button--wide"
          href={withdrawPath(code)}
          data-testid={`withdraw-${code}`}
        >
          {t('consents.withdraw')}
        </a>
      ) : (
        canRejoin && (
          <a class="button button--wide" href={joinPath(code)} data-testid={`rejoin-${code}`}>
            {t('consents.rejoin')}
          </a>
        )
      )}
    </li>
  );
}

function HistoryEntry({ item, history }: { item: HistoryItem; history: readonly HistoryItem[] }) {
  const name = nameIn(item.network, lang.value);
  return (
    <li
      class={`history-item history-item--${item.kind}`}
      data-kind={item.kind}
      data-testid="history-item"
    >
      <h3 class="history-item__title">
        {kindText(item, history)}
        <span class="history-item__network" lang={name.lang}>
          {name.text}
        </span>
      </h3>
      <dl class="history-item__rows">
        {historyRows(item).map((row) => (
          <div key={row.label} class="history-item__row">
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
      {item.version !== undefined && (
        <a
          class="link-target"
          href={versionPath(item.network.code, item.version)}
          data-testid="history-read"
        >
          {t('history.read', { version: item.version })}
        </a>
      )}
    </li>
  );
}
