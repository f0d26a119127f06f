import { getConsentVersion } from '../../api/consents';
import { ConsentText } from '../../components/ConsentText';
import { PageLoading } from '../../components/Loading';
import { t } from '../../i18n/resident';
import { CONSENTS_PATH } from '../../lib/consents';
import { usePageTitle } from '../../lib/page';
import { useSignedInLoad } from '../../lib/use-signed-in-load';
import type { Params } from '../../router';

/**
 * `/me/consents/:network/versions/:version`: the text of a consent document exactly as it was
 * shown when the person agreed to that version, in full.
 */
export function ConsentVersion({ params }: { params: Params }) {
  const code = params['network'] ?? '';
  const version = Number(params['version']);
  usePageTitle(t('version.title'));
  const { state, reload } = useSignedInLoad(
    (signal) =>
      Number.isInteger(version) && version > 0
        ? getConsentVersion(code, version, signal)
        : Promise.resolve({
            ok: false as const,
            error: { code: 'not_found' as const, status: 404 },
          }),
    [code, version],
  );
  if (state.status !== 'ok') {
    return (
      <PageLoading
        title={t('version.title')}
        error={state.status === 'error' ? state.error : null}
        onRetry={reload}
        testId="version"
      />
    );
  }
  return (
    <div data-testid="consent-version-page">
      <section class="intro" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          {t('version.title')}
        </h1>
        <p>{t('version.lead', { version: state.data.version })}</p>
      </section>
      <section class="card">
        <ConsentText doc={state.data} open />
      </section>
      <a
        class="button button--secondary button--wide"
        href={CONSENTS_PATH}
        data-testid="version-back"
      >
        {t('consents.back')}
      </a>
    </div>
  );
}
