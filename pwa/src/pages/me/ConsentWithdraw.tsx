import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiFailure } from '../../api/client';
import {
  getMyConsents,
  withdrawConsent,
  type Membership,
  type Withdrawn,
} from '../../api/consents';
import { PageLoading } from '../../components/Loading';
import { Problem } from '../../components/Problem';
import { formatDate, lang, t } from '../../i18n/resident';
import { CONSENTS_PATH, membershipOf, MY_DATA_PATH } from '../../lib/consents';
import { nameIn } from '../../lib/names';
import { usePageTitle } from '../../lib/page';
import { useSignedInLoad } from '../../lib/use-signed-in-load';
import { navigate, type Params } from '../../router';

/**
 * `/me/consents/:network/withdraw`: one page that says what withdrawing changes (sharing
 * stops now; facilities can no longer see or send data through this network), what stays and
 * why (the access record the law requires; the person's own data, to download or erase), and
 * that re-joining later never shares data from the gap. The button withdraws exactly the
 * consent this page showed; then the receipt, with the exact time.
 */
export function ConsentWithdraw({ params }: { params: Params }) {
  const code = params['network'] ?? '';
  usePageTitle(t('withdraw.title'));
  const { state, reload } = useSignedInLoad((signal) => getMyConsents(signal), [code]);
  if (state.status !== 'ok') {
    return (
      <PageLoading
        title={t('withdraw.title')}
        error={state.status === 'error' ? state.error : null}
        onRetry={reload}
        testId="withdraw"
      />
    );
  }
  const membership = membershipOf(state.data, code);
  if (!membership || membership.state !== 'joined') return <NotJoined membership={membership} />;
  return <Confirm key={membership.consentId} membership={membership} onStale={reload} />;
}

function NotJoined({ membership }: { membership: Membership | undefined }) {
  const name = membership ? nameIn(membership.network, lang.value) : null;
  return (
    <section class="card" aria-labelledby="page-title" data-testid="withdraw-not-joined">
      <h1 id="page-title" tabIndex={-1}>
        {t('withdraw.notJoined.title')}
      </h1>
      {name && (
        <p class="network__name" lang={name.lang}>
          {name.text}
        </p>
      )}
      <p>{t('withdraw.notJoined.body')}</p>
      <a class="button button--wide" href={CONSENTS_PATH}>
        {t('consents.back')}
      </a>
    </section>
  );
}

/** Codes after which this page's consent is not the one to act on any more. */
const STALE = new Set(['consent_changed', 'already_withdrawn', 'not_joined']);

function Confirm({ membership, onStale }: { membership: Membership; onStale: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [done, setDone] = useState<Withdrawn | null>(null);
  const name = nameIn(membership.network, lang.value);

  const withdraw = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await withdrawConsent(membership.network.code, membership.consentId);
    setBusy(false);
    if (result.ok) setDone(result.data);
    else if (result.error.code === 'unauthorized') navigate('/sign-in', { replace: true });
    else setError(result.error);
  };

  if (done) return <Receipt receipt={done} />;

  const stale = error !== null && STALE.has(error.code);
  return (
    <div data-testid="withdraw">
      <section class="intro" aria-labelledby="page-title">
        <p class="eyebrow" lang={name.lang}>
          {name.text}
        </p>
        <h1 id="page-title" tabIndex={-1}>
          {t('withdraw.title')}
        </h1>
        <p>{t('withdraw.lead')}</p>
      </section>

      <section class="card" aria-labelledby="withdraw-changes-title">
        <h2 id="withdraw-changes-title">{t('withdraw.changes.title')}</h2>
        <ul class="points">
          <li>{t('withdraw.changes.now')}</li>
          <li>{t('withdraw.changes.facilities')}</li>
          <li>{t('withdraw.changes.mail')}</li>
        </ul>
      </section>

      <section class="card" aria-labelledby="withdraw-stays-title">
        <h2 id="withdraw-stays-title">{t('withdraw.stays.title')}</h2>
        <ul class="points">
          <li>{t('withdraw.stays.record')}</li>
          <li>{t('withdraw.stays.data')}</li>
        </ul>
        <a class="button button--secondary button--wide" href={MY_DATA_PATH}>
          {t('me.links.data')}
        </a>
      </section>

      <section class="card" aria-labelledby="withdraw-later-title">
        <h2 id="withdraw-later-title">{t('withdraw.later.title')}</h2>
        <p>{t('withdraw.later.body')}</p>
      </section>

      <section class="card" aria-labelledby="withdraw-confirm-title">
        <h2 id="withdraw-confirm-title">{t('withdraw.confirm.title')}</h2>
        <p class="consent__note">
          {t('withdraw.confirm.note', {
            version: membership.agreedVersion,
            date: formatDate(membership.joinedAt),
          })}
        </p>
        <Problem error={error} testId="withdraw-problem">
          {stale &&
            (error?.code === 'consent_changed' ? (
              <button type="button" class="button" onClick={onStale} data-testid="withdraw-reload">
                {t('withdraw.reload')}
              </button>
            ) : (
              <a class="button" href={CONSENTS_PATH}>
                {t('consents.back')}
              </a>
            ))}
        </Problem>
        {!stale && (
          <button
            type="button"
            class="button button--danger button--wide"
            disabled={busy}
            onClick={withdraw}
            data-testid="withdraw-confirm"
          >
            {busy ? t('withdraw.confirm.busy') : t('withdraw.confirm.button')}
          </button>
        )}
        <a
          class="button button--secondary button--wide"
          href={CONSENTS_PATH}
          data-testid="withdraw-cancel"
        >
          {t('withdraw.cancel')}
        </a>
      </section>
    </div>
  );
}

function Receipt({ receipt }: { receipt: Withdrawn }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  usePageTitle(t('withdraw.done.title'));
  const name = nameIn(receipt.network, lang.value);
  return (
    <div data-testid="withdraw-receipt">
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
          {t('withdraw.done.title')}
        </h1>
        <p class="network__name" lang={name.lang}>
          {name.text}
        </p>
        <p class="receipt-time" data-testid="withdraw-time">
          {t('withdraw.done.at', { date: formatDate(receipt.at, 'seconds') })}
        </p>
      </section>
      <section class="card" aria-labelledby="withdraw-next-title">
        <h2 id="withdraw-next-title">{t('withdraw.done.next')}</h2>
        <ul class="points">
          <li>{t('withdraw.done.stopped')}</li>
          <li data-testid="withdraw-mail">
            {receipt.receiptMailed ? t('withdraw.done.mailed') : t('withdraw.done.notMailed')}
          </li>
          <li>{t('withdraw.later.body')}</li>
        </ul>
        <a class="button button--wide" href={CONSENTS_PATH} data-testid="withdraw-to-consents">
          {t('consents.back')}
        </a>
        <a class="button button--secondary button--wide" href={MY_DATA_PATH}>
          {t('me.links.data')}
        </a>
        <a class="button button--secondary button--wide" href="/me">
          {t('card.back')}
        </a>
      </section>
    </div>
  );
}
