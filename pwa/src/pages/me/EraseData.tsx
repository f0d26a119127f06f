import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiFailure } from '../../api/client';
import { getMyConsents } from '../../api/consents';
import {
  eraseMedicalData,
  EXPORT_ALL_FHIR_URL,
  EXPORT_ALL_URL,
  type Erased,
} from '../../api/my-data';
import { getMe } from '../../api/account';
import { PageLoading } from '../../components/Loading';
import { Problem } from '../../components/Problem';
import { formatNumber, t } from '../../i18n/resident';
import { anyConsentInForce, CONSENTS_PATH, MY_DATA_PATH } from '../../lib/consents';
import { clearOwnOfflineCard } from '../../lib/offline-card';
import { usePageTitle } from '../../lib/page';
import { useSignedInLoad } from '../../lib/use-signed-in-load';
import { navigate } from '../../router';

/**
 * `/me/data/erase`: erasing the medication and allergy data, possible only when no consent is
 * in force anywhere. The page says what is erased, what stays (the registration, the consent
 * history, and the access record reduced to what the law requires) and that it cannot be
 * undone; after erasing it also removes the emergency card kept on this phone, and shows the
 * counts.
 */
export function EraseData() {
  usePageTitle(t('erase.title'));
  const { state, reload } = useSignedInLoad((signal) => getMyConsents(signal));
  if (state.status !== 'ok') {
    return (
      <PageLoading
        title={t('erase.title')}
        error={state.status === 'error' ? state.error : null}
        onRetry={reload}
        testId="erase"
      />
    );
  }
  if (anyConsentInForce(state.data)) return <StillJoined />;
  return <Confirm />;
}

function StillJoined() {
  return (
    <section class="card" aria-labelledby="page-title" data-testid="erase-joined">
      <h1 id="page-title" tabIndex={-1}>
        {t('erase.title')}
      </h1>
      <p>{t('data.erase.joined')}</p>
      <a class="button button--wide" href={CONSENTS_PATH}>
        {t('me.links.consents')}
      </a>
      <a class="button button--secondary button--wide" href={MY_DATA_PATH}>
        {t('erase.back')}
      </a>
    </section>
  );
}

function Confirm() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [done, setDone] = useState<Erased | null>(null);

  const erase = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await eraseMedicalData();
    setBusy(false);
    if (result.ok) {
      // The emergency card kept on this phone holds the same data: it goes too, when it is this
      // person's (not one kept by someone else who uses this phone).
      const me = await getMe();
      if (me.ok) clearOwnOfflineCard(me.data.registrationNumber);
      setDone(result.data);
    } else if (result.error.code === 'unauthorized') navigate('/sign-in', { replace: true });
    else setError(result.error);
  };

  if (done) return <ErasedScreen erased={done} />;

  return (
    <div data-testid="erase">
      <section class="intro" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          {t('erase.title')}
        </h1>
        <p>{t('erase.lead')}</p>
      </section>

      <section class="card" aria-labelledby="erase-what-title">
        <h2 id="erase-what-title">{t('erase.what.title')}</h2>
        <ul class="points">
          <li>{t('erase.what.medicines')}</li>
          <li>{t('erase.what.allergies')}</li>
          <li>{t('erase.what.visits')}</li>
          <li>{t('erase.what.card')}</li>
        </ul>
      </section>

      <section class="card" aria-labelledby="erase-stays-title">
        <h2 id="erase-stays-title">{t('erase.stays.title')}</h2>
        <ul class="points">
          <li data-testid="erase-record">{t('erase.stays.record')}</li>
          <li>{t('erase.stays.account')}</li>
        </ul>
      </section>

      <section class="card" aria-labelledby="erase-confirm-title">
        <h2 id="erase-confirm-title">{t('erase.confirm.title')}</h2>
        <p class="consent__note">{t('erase.confirm.undo')}</p>
        <ul class="summary__actions">
          <li>
            <a class="button button--secondary button--wide" href={EXPORT_ALL_URL} download>
              {t('data.download.json')}
            </a>
          </li>
          <li>
            <a class="button button--secondary button--wide" href={EXPORT_ALL_FHIR_URL} download>
              {t('data.download.fhir')}
            </a>
          </li>
        </ul>
        <Problem error={error} testId="erase-problem">
          {error?.code === 'still_joined' && (
            <a class="button" href={CONSENTS_PATH}>
              {t('me.links.consents')}
            </a>
          )}
        </Problem>
        <button
          type="button"
          class="button button--danger button--wide"
          disabled={busy}
          onClick={erase}
          data-testid="erase-confirm"
        >
          {busy ? t('erase.confirm.busy') : t('erase.confirm.button')}
        </button>
        <a class="button button--secondary button--wide" href={MY_DATA_PATH}>
          {t('erase.cancel')}
        </a>
      </section>
    </div>
  );
}

function ErasedScreen({ erased }: { erased: Erased }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  usePageTitle(t('erase.done.title'));
  return (
    <div data-testid="erase-done">
      <section class="card" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1} ref={heading}>
          {t('erase.done.title')}
        </h1>
        <ul class="erase-counts" data-testid="erase-counts">
          <li>{t('erase.done.medicines', { count: formatNumber(erased.medications) })}</li>
          <li>{t('erase.done.allergies', { count: formatNumber(erased.allergies) })}</li>
          <li>{t('erase.done.visits', { count: formatNumber(erased.visits) })}</li>
        </ul>
        <p>{t('erase.done.card')}</p>
        <p>{t('erase.stays.record')}</p>
        <a class="button button--wide" href={MY_DATA_PATH}>
          {t('erase.back')}
        </a>
        <a class="button button--secondary button--wide" href="/me">
          {t('card.back')}
        </a>
      </section>
    </div>
  );
}
