import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiFailure } from '../api/client';
import { getPeople, stepDown, type PersonActedFor } from '../api/proxies';
import { formatDate, t, type MessageKey } from '../i18n/resident';
import { actingFor, startActing, stopActing } from '../lib/acting-for';
import { levelKey, PEOPLE_PATH, PROXIES_PATH, relationshipKey } from '../lib/proxies';
import { useSignedInLoad } from '../lib/use-signed-in-load';
import { ConfirmBox } from './ConfirmBox';
import { ErrorAlert } from './ErrorAlert';
import { Problem } from './Problem';

/**
 * On the person's own page: the family members they may act for (from `GET /me/people`), each
 * with the button that opens that person's page and, secondary, a way to stop acting for them
 * (after a confirmation); and the ways to register a family member or to ask family to act for
 * oneself.
 */
export function FamilySection() {
  const { state, reload } = useSignedInLoad((signal) => getPeople(signal));
  const [stopped, setStopped] = useState<string | null>(null);
  const notice = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    // The button pressed is gone with the person: the focus goes to what happened.
    if (stopped) notice.current?.focus();
  }, [stopped]);
  const onStopped = (person: PersonActedFor) => {
    if (actingFor.value?.linkId === person.linkId) stopActing();
    setStopped(person.name);
    reload();
  };
  return (
    <section class="card" aria-labelledby="family-title" data-testid="family">
      <h2 id="family-title">{t('family.title')}</h2>
      <div aria-live="polite">
        {stopped && (
          <p class="field__ok" tabIndex={-1} ref={notice} data-testid="family-stopped">
            {t('family.stopped', { name: stopped })}
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
          testId="family-error"
        />
      )}
      {state.status === 'ok' &&
        (state.data.people.length === 0 ? (
          <p data-testid="family-none">{t('family.none')}</p>
        ) : (
          <>
            <p>{t('family.lead')}</p>
            <ul class="people-list" data-testid="family-people">
              {state.data.people.map((p) => (
                <PersonItem key={p.linkId} person={p} onStopped={onStopped} reload={reload} />
              ))}
            </ul>
          </>
        ))}
      <ul class="summary__actions">
        <li>
          <a
            class="button button--secondary button--wide"
            href={PEOPLE_PATH}
            data-testid="family-register"
          >
            {t('family.register')}
          </a>
        </li>
        <li>
          <a
            class="button button--secondary button--wide"
            href={PROXIES_PATH}
            data-testid="family-proxies"
          >
            {t('family.proxies')}
          </a>
        </li>
      </ul>
    </section>
  );
}

function PersonItem({
  person: p,
  onStopped,
  reload,
}: {
  person: PersonActedFor;
  onStopped: (p: PersonActedFor) => void;
  reload: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const act = () => {
    startActing(p);
    window.scrollTo(0, 0);
  };
  const stop = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await stepDown(p.linkId);
    setBusy(false);
    if (result.ok) onStopped(p);
    else setError(result.error);
  };
  const confirmId = `family-${p.linkId}-confirm`;
  return (
    <li class="person" data-testid="family-person" data-link={p.linkId}>
      <span class="person__name">{t('family.person', { name: p.name })}</span>
      <p class="person__meta">
        {t('family.meta', {
          relationship: t(relationshipKey(p.relationship)),
          level: t(levelKey(p.level)),
          date: formatDate(p.since),
        })}
        <br />
        {p.claimed ? t('family.claimed') : t('family.notClaimed')}
        <br />
        <span data-testid="family-standing" data-standing={p.standing}>
          {p.standing === 'confirmed'
            ? p.reviewOn
              ? t('family.standing.reviewOn', { date: formatDate(p.reviewOn) })
              : ''
            : t(`family.standing.${p.standing}` as MessageKey, {
                date: p.reviewOn ? formatDate(p.reviewOn) : '',
              })}
        </span>
      </p>
      <button type="button" class="button button--wide" onClick={act} data-testid="family-act">
        {t('family.act', { name: p.name })}
      </button>
      <Problem error={error} testId="family-stop-problem">
        {error && ['proxy_already_revoked', 'not_found'].includes(error.code) && (
          <button type="button" class="button" onClick={reload}>
            {t('screen.retry')}
          </button>
        )}
      </Problem>
      {!confirming ? (
        <button
          type="button"
          class="button button--secondary button--wide"
          onClick={() => setConfirming(true)}
          data-testid="family-stop"
        >
          {t('family.stop')}
        </button>
      ) : (
        <ConfirmBox
          id={confirmId}
          title={t('family.stop.title', { name: p.name })}
          yes={t('family.stop.yes')}
          no={t('family.stop.no')}
          busy={busy}
          onYes={() => void stop()}
          onNo={() => setConfirming(false)}
          testId="family-stop-confirm"
          yesTestId="family-stop-yes"
        >
          <p>{t('family.stop.body', { name: p.name })}</p>
        </ConfirmBox>
      )}
    </li>
  );
}
