import { useEffect } from 'preact/hooks';
import type { EntryPoint } from '../../api/entry-points';
import type { ConsentDocument } from '../../api/registration';
import { ConsentBody } from '../../components/ConsentText';
import { EntryGate } from '../../components/EntryGate';
import { WhatToHaveReady } from '../../components/WhatToHaveReady';
import { formatDate, lang, t } from '../../i18n';
import { compactCode } from '../../lib/entry-code';
import { nameIn } from '../../lib/names';
import { contentShown, usePageTitle } from '../../lib/page';
import { draftFor, registrationPath, saveDraft } from '../../lib/registration-draft';
import { navigate, type Params } from '../../router';

/**
 * `/r/:code`: what a poster's QR code opens, and screen 1 of the registration. Shows the
 * network, what joining means, what to have ready, and the consent document with the button
 * that starts registering; unknown and withdrawn codes get their own pages (see EntryGate).
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
            {t('entry.facility')} <span lang={facility.lang}>{facility.text}</span>
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
        <h2 id="next-title">{t('consent.title')}</h2>
        <RegistrationStart entry={entry} />
      </section>
    </div>
  );
}

/**
 * The start of online registration (screen 1 of 4, with the page above it): the network's
 * consent document in force — its version, the plain summary, the full text one tap away —
 * and the button that records agreement to that version and opens the details screen. The
 * document comes with the entry point (one request for the whole page). A network that has
 * published no consent document takes no online registrations: then the card says so and
 * points to the paper form.
 */
function RegistrationStart({ entry }: { entry: EntryPoint }) {
  if (!entry.consent) {
    return (
      <p class="entry-next__soon" data-testid="registration-unavailable">
        {t('consent.unavailable')}
      </p>
    );
  }
  return <ConsentCard entry={entry} doc={entry.consent} />;
}

function ConsentCard({ entry, doc }: { entry: EntryPoint; doc: ConsentDocument }) {
  const language = lang.value;
  const text = doc[language];
  const code = compactCode(entry.code);
  // A user-timing mark for bench/poster.py (how soon a phone on a slow network can agree), and
  // the next screen's code may come now.
  useEffect(() => {
    performance.mark?.('renkei:agree-shown');
    contentShown();
  }, []);
  const agree = () => {
    const draft = draftFor(code);
    saveDraft({
      ...draft,
      consentVersion: doc.version,
      network: {
        code: entry.network.code,
        name: entry.network.name,
        ...(entry.network.nameEn ? { nameEn: entry.network.nameEn } : {}),
      },
    });
    navigate(registrationPath(code, 'details'));
  };
  return (
    <div class="consent" data-testid="consent" lang={language}>
      <h3 class="consent__title" data-testid="consent-title">
        {text.title}
      </h3>
      <p class="consent__version" data-testid="consent-version">
        {t('consent.version', { version: doc.version, date: formatDate(doc.effectiveAt) })}
      </p>
      <div class="consent__summary" data-testid="consent-summary">
        {text.summary.split('\n').map((line, i) => (
          <p key={i}>{line}</p>
        ))}
      </div>
      <details class="consent__full" data-testid="consent-full">
        <summary>{t('consent.full')}</summary>
        <ConsentBody body={text.body} title={text.title} />
      </details>
      <p class="consent__note">{t('consent.agreeNote', { version: doc.version })}</p>
      <button type="button" class="button button--wide" data-testid="consent-agree" onClick={agree}>
        {t('consent.agree')}
      </button>
      <p class="note">{t('consent.time')}</p>
    </div>
  );
}
