import { lang, t } from '../i18n/resident';
import { joinPath } from '../lib/consents';
import { nameIn } from '../lib/names';

export interface Reconsent {
  readonly network: { readonly code: string; readonly name: string; readonly nameEn?: string };
  /** The version the person agreed to, which stands until they agree to the new one. */
  readonly agreedVersion: number;
}

/**
 * The prominent box shown when a network's newer consent document asks the person to agree
 * again: what to do (read it and agree), and that the earlier consent stands until then.
 */
export function ReconsentNotice({ networks }: { networks: readonly Reconsent[] }) {
  if (networks.length === 0) return null;
  return (
    <section class="card card--notice" aria-labelledby="reconsent-title" data-testid="reconsent">
      <h2 id="reconsent-title">{t('reconsent.title')}</h2>
      <p>{t('reconsent.lead')}</p>
      <ul class="reconsent-list">
        {networks.map(({ network, agreedVersion }) => {
          const name = nameIn(network, lang.value);
          return (
            <li key={network.code}>
              <p class="network__name" lang={name.lang}>
                {name.text}
              </p>
              <p>{t('reconsent.stands', { version: agreedVersion })}</p>
              <a
                class="button button--wide"
                href={joinPath(network.code)}
                data-testid={`reconsent-${network.code}`}
              >
                {t('reconsent.read')}
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
