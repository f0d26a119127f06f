import { getPeople, type PersonActedFor } from '../api/proxies';
import { formatDate, t } from '../i18n';
import { startActing } from '../lib/acting-for';
import { levelKey, PEOPLE_PATH, PROXIES_PATH, relationshipKey } from '../lib/proxies';
import { useSignedInLoad } from '../lib/use-signed-in-load';
import { ErrorAlert } from './ErrorAlert';

/**
 * On the person's own page: the family members they may act for (from `GET /me/people`), each
 * with the button that opens that person's page, and the ways to register a family member or
 * to ask family to act for oneself.
 */
export function FamilySection() {
  const { state, reload } = useSignedInLoad((signal) => getPeople(signal));
  return (
    <section class="card" aria-labelledby="family-title" data-testid="family">
      <h2 id="family-title">{t('family.title')}</h2>
      {state.status === 'loading' && (
        <p class="muted">
          <span class="spinner" aria-hidden="true" />
          {t('me.loading')}
        </p>
      )}
      {state.status === 'error' && (
        <ErrorAlert
          code={state.error.code}
          requestId={state.error.requestId}
          retryLabel={t('me.retry')}
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
                <PersonItem key={p.linkId} person={p} />
              ))}
            </ul>
          </>
        ))}
      <ul class="summary__actions">
        <li>
          <a class="button button--secondary button--wide" href={PEOPLE_PATH} data-testid="family-register">
            {t('family.register')}
          </a>
        </li>
        <li>
          <a class="button button--secondary button--wide" href={PROXIES_PATH} data-testid="family-proxies">
            {t('family.proxies')}
          </a>
        </li>
      </ul>
    </section>
  );
}

function PersonItem({ person: p }: { person: PersonActedFor }) {
  const act = () => {
    startActing(p);
    window.scrollTo(0, 0);
  };
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
      </p>
      <button type="button" class="button button--wide" onClick={act} data-testid="family-act">
        {t('family.act', { name: p.name })}
      </button>
    </li>
  );
}
