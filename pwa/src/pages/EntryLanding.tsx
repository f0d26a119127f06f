import type { EntryPoint } from '../api/entry-points';
import { EntryGate } from '../components/EntryGate';
import { WhatToHaveReady } from '../components/WhatToHaveReady';
import { lang, t } from '../i18n';
import { nameIn } from '../lib/names';
import { usePageTitle } from '../lib/page';
import type { Params } from '../router';

/**
 * `/r/:code`: what a poster's QR code opens. Shows the network, what joining means and what
 * to have ready; unknown and withdrawn codes get their own pages (see EntryGate).
 */
export function EntryLanding({ params }: { params: Params }) {
  return (
    <EntryGate code={params['code'] ?? ''} title={t('entry.eyebrow')}>
      {(entry) => <ActiveEntry entry={entry} />}
    </EntryGate>
  );
}

function ActiveEntry({ entry }: { entry: EntryPoint }) {
  const network = nameIn(entry.network, lang.value);
  const facility = entry.facility ? nameIn(entry.facility, lang.value) : null;
  usePageTitle(network.text);
  return (
    <div class="entry" data-testid="entry-active">
      <section class="intro entry__intro" aria-labelledby="page-title">
        <p class="eyebrow">{t('entry.eyebrow')}</p>
        <div class="entry__title">
          <h1 id="page-title" tabIndex={-1} lang={network.lang}>
            {network.text}
          </h1>
          {entry.network.demo && <span class="badge">{t('entry.demo')}</span>}
        </div>
        {facility && (
          <p class="entry__facility" data-testid="entry-facility">
            {t('entry.facility')}{' '}
            <span lang={facility.lang}>{facility.text}</span>
          </p>
        )}
        {entry.network.demo && <p class="note entry__demo">{t('entry.demoNote')}</p>}
      </section>

      <section class="card" aria-labelledby="about-title">
        <h2 id="about-title">{t('entry.about.title')}</h2>
        <p>{t('entry.about.lead')}</p>
        <ul class="points">
          <li>{t('entry.about.consent')}</li>
          <li>{t('entry.about.free')}</li>
          <li>{t('entry.about.withdraw')}</li>
          <li>{t('entry.about.fromJoining')}</li>
        </ul>
      </section>

      <section class="card" aria-labelledby="ready-title">
        <h2 id="ready-title">{t('ready.title')}</h2>
        <WhatToHaveReady />
      </section>

      <section class="card entry-next" aria-labelledby="next-title" data-testid="entry-next">
        <h2 id="next-title">{t('entry.next.title')}</h2>
        <RegistrationStart entry={entry} />
      </section>
    </div>
  );
}

/**
 * How to start registering. Online registration is not open yet, so this says so plainly and
 * points to the paper form; the registration step replaces it with the start button (it needs
 * the entry point's code, hence the prop).
 */
function RegistrationStart(_props: { entry: EntryPoint }) {
  return (
    <p class="entry-next__soon" data-testid="registration-soon">
      {t('entry.next.soon')}
    </p>
  );
}
