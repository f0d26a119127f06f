import { useState } from 'preact/hooks';
import type { EntryPoint } from '../../api/entry-points';
import { EntryGate } from '../../components/EntryGate';
import { Logo } from '../../components/Logo';
import { Text } from '../../components/Text';
import { WhatToHaveReady } from '../../components/WhatToHaveReady';
import { lang, t, tIn } from '../../i18n';
import { qrImagePath } from '../../lib/entry-code';
import { nameIn } from '../../lib/names';
import { usePageTitle } from '../../lib/page';
import type { Params } from '../../router';

/**
 * `/poster/:code`: the A4 poster of an entry point, for the network office and participating
 * facilities to print and put up. On screen: a short explanation, a print button and the
 * sheet; printed (see the `@media print` rules in styles.css): the sheet alone, black on
 * white, on one A4 page. The sheet is always Japanese with English underneath.
 */
export function Poster({ params }: { params: Params }) {
  return (
    <EntryGate code={params['code'] ?? ''} title={t('poster.title')}>
      {(entry) => <PosterPage entry={entry} />}
    </EntryGate>
  );
}

/** Network names longer than this (in characters) are set smaller, to stay on one line. */
const LONG_NAME = 14;

function PosterPage({ entry }: { entry: EntryPoint }) {
  const [qrFailed, setQrFailed] = useState(false);
  const network = nameIn(entry.network, lang.value);
  usePageTitle(`${t('poster.title')}: ${network.text}`);
  return (
    <div class="poster-page" data-testid="poster-page">
      <section class="poster-tools no-print" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          {t('poster.title')}
        </h1>
        <p>{t('poster.help')}</p>
        {qrFailed && (
          <p class="alert" role="alert" data-testid="poster-qr-failed">
            {t('poster.qrFailed')}
          </p>
        )}
        <button
          type="button"
          class="button"
          data-testid="poster-print"
          onClick={() => window.print()}
        >
          {t('poster.print')}
        </button>
      </section>
      <PosterSheet entry={entry} onQrError={() => setQrFailed(true)} />
    </div>
  );
}

function PosterSheet({ entry, onQrError }: { entry: EntryPoint; onQrError: () => void }) {
  const { network, facility } = entry;
  const qrAlt = t('poster.qrAlt', { network: nameIn(network, lang.value).text, url: entry.url });
  return (
    <article class="poster" lang="ja" aria-label={t('poster.label')} data-testid="poster">
      <header class="poster__head">
        <h2
          class={`poster__network${[...network.name].length > LONG_NAME ? ' poster__network--long' : ''}`}
          data-testid="poster-network"
        >
          {network.name}
        </h2>
        {(network.nameEn || network.demo) && (
          <p class="poster__network-en">
            {network.nameEn && <span lang="en">{network.nameEn}</span>}
            {network.demo && (
              <span class="badge poster__badge">
                <Text k="entry.demo" both />
              </span>
            )}
          </p>
        )}
        {facility && (
          <p class="poster__facility" data-testid="poster-facility">
            <Text
              k="poster.facility"
              both
              params={{ name: facility.name }}
              paramsEn={{ name: facility.nameEn ?? facility.name }}
            />
          </p>
        )}
      </header>

      <p class="poster__headline">
        <Text k="poster.headline" both />
      </p>
      <p class="poster__lead">
        <Text k="poster.lead" both />
      </p>

      <div class="poster__main">
        <figure class="poster__qr">
          <img
            class="poster__qr-image"
            src={qrImagePath(entry.code)}
            alt={qrAlt}
            width={333}
            height={333}
            data-testid="poster-qr"
            onError={onQrError}
          />
          <figcaption class="poster__qr-caption">
            <span class="poster__code">
              <span class="poster__code-label">
                {tIn('ja', 'poster.code')} / <span lang="en">{tIn('en', 'poster.code')}</span>
              </span>{' '}
              <span class="code" translate={false} lang="en" data-testid="poster-code">
                {entry.code}
              </span>
            </span>
          </figcaption>
        </figure>

        <section class="poster__steps" aria-labelledby="poster-steps-title">
          <h3 id="poster-steps-title" class="poster__section-title">
            <Text k="poster.steps" both />
          </h3>
          <ol class="poster__step-list">
            {(['poster.step1', 'poster.step2', 'poster.step3'] as const).map((key, i) => (
              <li key={key} class="poster__step">
                <span class="poster__step-number" aria-hidden="true">
                  {i + 1}
                </span>
                <span class="poster__step-text">
                  <Text k={key} both />
                </span>
              </li>
            ))}
          </ol>
          <p class="poster__url">
            <Text k="poster.typeUrl" both />
            <span class="poster__url-text" translate={false} lang="en">
              {entry.url}
            </span>
          </p>
        </section>
      </div>

      <section class="poster__ready" aria-labelledby="poster-ready-title">
        <h3 id="poster-ready-title" class="poster__section-title">
          <Text k="ready.title" both />
        </h3>
        <WhatToHaveReady both />
      </section>

      <ul class="poster__points">
        <li>
          <Text k="poster.free" both />
        </li>
        <li>
          <Text k="poster.withdraw" both />
        </li>
        <li>
          <Text k="poster.consent" both />
        </li>
      </ul>

      <footer class="poster__foot">
        <p class="poster__ask">
          <Text k="poster.ask" both />
        </p>
        <p class="poster__brand">
          <Logo size={32} />
          <span>{tIn('ja', 'app.fullName')}</span>
        </p>
      </footer>
    </article>
  );
}
