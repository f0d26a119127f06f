import { useEffect, useRef, useState } from 'preact/hooks';
import {
  endCareRelationship,
  getAccessRecord,
  getCareRelationships,
  getRegistrationQr,
  type AccessEntry,
  type AccessPage,
  type CareRelationship,
} from '../../api/access';
import type { ApiFailure } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/Loading';
import { Problem } from '../../components/Problem';
import { ConfirmBox } from '../../components/ConfirmBox';
import { formatDate, lang, t } from '../../i18n/access';
import {
  entryWords,
  facilityName,
  newAccessEntries,
  relationshipWords,
} from '../../lib/access-record';
import { actingFor, can } from '../../lib/acting-for';
import { keepQrOnCard } from '../../lib/offline-card';
import { nameIn } from '../../lib/names';
import { usePageTitle } from '../../lib/page';
import { useSignedInLoad } from '../../lib/use-signed-in-load';
import { navigate } from '../../router';

// The page's text comes with it; `app.tsx` fetches its English before showing it.
export { loadAccessLang } from '../../i18n/access';

const when = (iso: string) => formatDate(iso, true);

/**
 * `/me/access`: who has looked at the person's information — newest first, each entry in plain
 * words (the facility in the reader's language and the profession, never a staff member's name:
 * the page says the network office gives it on request), refused looks and emergency accesses
 * with their reason and review, and "show older" for the rest. Above it, for the person and
 * proxies who handle procedures, the facilities that may look now, each with a way to stop it
 * after a plain warning of what that means.
 */
export function AccessRecord() {
  usePageTitle(t('access.title'));
  const { state, reload } = useSignedInLoad((signal) => getAccessRecord(undefined, signal));
  if (state.status !== 'ok') {
    return (
      <PageLoading
        title={t('access.title')}
        error={state.status === 'error' ? state.error : null}
        onRetry={reload}
        testId="access"
      />
    );
  }
  return (
    <div data-testid="access">
      <section class="intro" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          {t('access.title')}
        </h1>
        <p>{t('access.lead')}</p>
        <p class="note" data-testid="access-names">
          {t('access.names')}
        </p>
      </section>
      {can('manage') && <FacilitiesSection />}
      <EntriesSection first={state.data} />
      <a class="button button--secondary button--wide" href="/me">
        {t('access.back')}
      </a>
    </div>
  );
}

/** The record itself, with older pages added below on request. */
function EntriesSection({ first }: { first: AccessPage }) {
  const [items, setItems] = useState<readonly AccessEntry[]>(first.items);
  const [next, setNext] = useState<string | undefined>(first.next);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [added, setAdded] = useState<number | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const focusAfter = useRef<string | null>(null);

  useEffect(() => {
    const id = focusAfter.current;
    if (!id || loading) return;
    focusAfter.current = null;
    // The button stays while there is more; once everything is shown, the first entry added.
    if (button.current) button.current.focus({ preventScroll: true });
    else
      list.current
        ?.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"]`)
        ?.focus({ preventScroll: true });
  }, [items, loading]);

  const older = async () => {
    if (loading || !next) return;
    setLoading(true);
    setError(null);
    let result: Awaited<ReturnType<typeof getAccessRecord>>;
    try {
      result = await getAccessRecord(next);
    } finally {
      setLoading(false);
    }
    if (!result.ok) {
      if (result.error.code === 'unauthorized') navigate('/sign-in', { replace: true });
      else setError(result.error);
      return;
    }
    const page = newAccessEntries(items, result.data.items);
    focusAfter.current = page[0]?.id ?? null;
    setItems([...items, ...page]);
    setNext(page.length > 0 ? result.data.next : undefined);
    setAdded(page.length);
  };

  const language = lang.value;
  return (
    <section class="card" aria-labelledby="access-list-title" data-testid="access-entries">
      <h2 id="access-list-title">{t('access.list.title')}</h2>
      {first.check && (
        <p
          class={first.check.intact ? 'muted' : 'alert alert--info'}
          data-testid="access-check"
          data-intact={String(first.check.intact)}
        >
          {t(first.check.intact ? 'access.check.intact' : 'access.check.broken', {
            at: when(first.check.checkedAt),
          })}
        </p>
      )}
      {items.length === 0 ? (
        <p class="empty-state" data-testid="access-none">
          {t('access.list.none')}
        </p>
      ) : (
        <ol class="access-list" ref={list} aria-busy={loading}>
          {items.map((entry) => {
            const words = entryWords(entry, language, when);
            return (
              <li
                key={entry.id}
                class={`access-entry access-entry--${words.tone}`}
                data-id={entry.id}
                data-action={entry.action}
                data-testid="access-entry"
                tabIndex={-1}
              >
                <time class="access-entry__at" dateTime={entry.at}>
                  {when(entry.at)}
                </time>
                <span class="access-entry__text">{words.text}</span>
                {words.details.length > 0 && (
                  <ul class="access-entry__details">
                    {words.details.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <p class="visually-hidden" aria-live="polite">
        {added === null ? '' : t('access.list.added', { count: added })}
      </p>
      {error ? (
        <ErrorAlert
          code={error.code}
          requestId={error.requestId}
          retryLabel={t('screen.retry')}
          onRetry={() => void older()}
          testId="access-older-error"
        />
      ) : next ? (
        <button
          type="button"
          ref={button}
          class="button button--secondary button--wide"
          disabled={loading}
          onClick={() => void older()}
          data-testid="access-older"
        >
          {loading ? t('access.list.loading') : t('access.list.older')}
        </button>
      ) : (
        added !== null && <p class="muted">{t('access.list.end')}</p>
      )}
    </section>
  );
}

/**
 * The facilities that may look now. Only the person and proxies who handle procedures see it:
 * a proxy who only views is refused by the server (and the section is left out). Stopping one
 * renews the person's registration QR on the server and closes that facility's emergency
 * accesses too: the list is loaded again, a card kept on this phone takes the new QR, and the
 * focus goes to the confirmation.
 */
function FacilitiesSection() {
  const { state, reload } = useSignedInLoad((signal) => getCareRelationships(signal));
  // Whom a proxy acts for is named in the confirmation (it is not the reader's QR).
  const [stopped, setStopped] = useState<{
    readonly facility: string;
    readonly name: string | null;
    readonly n: number;
  } | null>(null);
  const stoppedText = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (stopped) stoppedText.current?.focus();
  }, [stopped]);
  if (state.status === 'error' && state.error.code === 'proxy_not_allowed') return null;

  const onStopped = (facility: string) => {
    setStopped((s) => ({ facility, name: actingFor.value?.name ?? null, n: (s?.n ?? 0) + 1 }));
    reload();
    // The old QR no longer works: a card kept on this phone shows the new one (only the
    // person's own card, never while acting for someone).
    if (!actingFor.value)
      void getRegistrationQr().then((r) => {
        if (r.ok && !actingFor.value) keepQrOnCard(r.data);
      });
  };

  return (
    <section class="card" aria-labelledby="access-facilities-title" data-testid="access-facilities">
      <h2 id="access-facilities-title">{t('access.facilities.title')}</h2>
      <p>{t('access.facilities.lead')}</p>
      <div aria-live="polite">
        {stopped && (
          <p
            class="field__ok"
            tabIndex={-1}
            ref={stoppedText}
            data-testid="access-facility-stopped"
          >
            {stopped.name
              ? t('access.facility.stoppedFor', { facility: stopped.facility, name: stopped.name })
              : t('access.facility.stopped', { facility: stopped.facility })}
          </p>
        )}
      </div>
      {state.status === 'loading' && (
        <p class="muted">
          <span class="spinner" aria-hidden="true" />
          {t('screen.loading')}
        </p>
      )}
      {state.status === 'error' && (
        <ErrorAlert
          code={state.error.code}
          requestId={state.error.requestId}
          retryLabel={t('screen.retry')}
          onRetry={reload}
          testId="access-facilities-error"
        />
      )}
      {state.status === 'ok' && <FacilityList items={state.data.items} onStopped={onStopped} />}
    </section>
  );
}

function FacilityList({
  items,
  onStopped,
}: {
  items: readonly CareRelationship[];
  onStopped: (facility: string) => void;
}) {
  return items.length === 0 ? (
    <p class="empty-state" data-testid="access-facilities-none">
      {t('access.facilities.none')}
    </p>
  ) : (
    <ul class="proxy-list">
      {items.map((item) => (
        <FacilityEntry
          key={item.id}
          item={item}
          onStopped={() => onStopped(facilityName(item.facility, lang.value))}
        />
      ))}
    </ul>
  );
}

function FacilityEntry({ item, onStopped }: { item: CareRelationship; onStopped: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const name = nameIn(item.facility, lang.value);
  // Acting for someone: the confirmation names them (their QR is renewed, not the reader's).
  const person = actingFor.value?.name ?? null;
  const words = relationshipWords(item, lang.value, when);
  const titleId = `facility-${item.id}`;
  const confirmTitle = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (confirming) confirmTitle.current?.focus();
  }, [confirming]);

  const stop = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await endCareRelationship(item.id);
    setBusy(false);
    // Already ended elsewhere: it is gone all the same.
    if (result.ok || result.error.code === 'not_found') onStopped();
    else setError(result.error);
  };

  return (
    <li class="proxy" data-testid="access-facility">
      <span class="proxy__name" id={titleId} lang={name.lang}>
        {name.text}
      </span>
      <p class="proxy__meta">
        {words.since}
        {words.viewed && (
          <>
            <br />
            {words.viewed}
          </>
        )}
      </p>
      <Problem error={error} testId="access-facility-problem" />
      {!confirming ? (
        <button
          type="button"
          class="button button--secondary button--wide"
          onClick={() => setConfirming(true)}
          aria-describedby={titleId}
          data-testid="access-facility-stop"
        >
          {t('access.facility.stop')}
        </button>
      ) : (
        <ConfirmBox
          id={`${titleId}-confirm`}
          titleRef={confirmTitle}
          title={
            person
              ? t('access.facility.confirm.titleFor', { facility: name.text, name: person })
              : t('access.facility.confirm.title', { facility: name.text })
          }
          yes={t('access.facility.confirm.yes')}
          no={t('access.facility.confirm.no')}
          busy={busy}
          onYes={() => void stop()}
          onNo={() => setConfirming(false)}
          testId="access-facility-confirm"
          yesTestId="access-facility-stop-confirm"
        >
          <p>
            {person
              ? t('access.facility.confirm.bodyFor', { name: person })
              : t('access.facility.confirm.body')}
          </p>
          <p>
            {person
              ? t('access.facility.confirm.emergencyFor', { name: person })
              : t('access.facility.confirm.emergency')}
          </p>
        </ConfirmBox>
      )}
    </li>
  );
}
