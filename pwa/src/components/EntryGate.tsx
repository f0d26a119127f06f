import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { EntryPoint } from '../api/entry-points';
import { lang, t } from '../i18n';
import { displayCode } from '../lib/entry-code';
import { nameIn } from '../lib/names';
import { usePageTitle } from '../lib/page';
import { useEntryPoint } from '../lib/use-entry-point';
import { ErrorAlert } from './ErrorAlert';

/**
 * Load the entry point behind a QR code and show its page (`children`) when it is active.
 * The other outcomes get calm pages of their own that say what to do next: a code that does
 * not exist, a code the network office has withdrawn, and a failed request (with a retry).
 * `title` heads the page while it loads or when the request failed.
 */
export function EntryGate({
  code,
  title,
  children,
}: {
  code: string;
  title: string;
  children: (entry: EntryPoint) => ComponentChildren;
}) {
  const { state, retry } = useEntryPoint(code);
  // After an in-app navigation the app focuses the page's heading, which is the loading
  // heading here; when the page replaces it, the new heading takes the focus over.
  const headingHadFocus = useRef(false);
  useEffect(() => {
    if (!headingHadFocus.current) return;
    headingHadFocus.current = false;
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [state.status]);

  switch (state.status) {
    case 'loading':
    case 'error':
      return (
        <EntryPending
          title={title}
          onLeave={(hadFocus) => {
            headingHadFocus.current = hadFocus;
          }}
        >
          {state.status === 'loading' ? (
            <p class="muted" data-testid="entry-loading">
              <span class="spinner" aria-hidden="true" />
              {t('entry.loading')}
            </p>
          ) : (
            <ErrorAlert
              code={state.code}
              requestId={state.requestId}
              retryLabel={t('entry.retry')}
              onRetry={retry}
              testId="entry-error"
            />
          )}
        </EntryPending>
      );
    case 'not_found':
      return <EntryNotFound code={code} />;
    case 'withdrawn':
      return <EntryWithdrawn entry={state.entry} />;
    case 'active':
      return <>{children(state.entry)}</>;
  }
}

function EntryPending({
  title,
  onLeave,
  children,
}: {
  title: string;
  onLeave: (headingHadFocus: boolean) => void;
  children: ComponentChildren;
}) {
  usePageTitle(title);
  const heading = useRef<HTMLHeadingElement>(null);
  // A layout effect's cleanup runs while this heading is still in the page (a passive one
  // would run after it has gone, when the focus has already fallen back to the body).
  useLayoutEffect(() => () => onLeave(document.activeElement === heading.current), []);
  return (
    <section class="card" aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {children}
    </section>
  );
}

/** The code is unknown: mistyped, cut short, or never existed. Not an error for the person. */
export function EntryNotFound({ code }: { code: string }) {
  usePageTitle(t('entry.notFound.title'));
  const shown = displayCode(code);
  return (
    <section class="card entry-problem" aria-labelledby="page-title" data-testid="entry-not-found">
      <InfoIcon />
      <h1 id="page-title" tabIndex={-1}>
        {t('entry.notFound.title')}
      </h1>
      <p>{t('entry.notFound.body')}</p>
      {shown && (
        <p class="entry-problem__code">
          {t('entry.notFound.code')}{' '}
          <span class="code" translate={false} lang="en">
            {shown}
          </span>
        </p>
      )}
      <NextSteps items={[t('entry.notFound.check'), t('entry.notFound.ask'), t('entry.paper')]} />
    </section>
  );
}

/** The network office has withdrawn this code (e.g. an old poster). */
export function EntryWithdrawn({ entry }: { entry: EntryPoint }) {
  usePageTitle(t('entry.withdrawn.title'));
  const network = nameIn(entry.network, lang.value);
  return (
    <section class="card entry-problem" aria-labelledby="page-title" data-testid="entry-withdrawn">
      <InfoIcon />
      <h1 id="page-title" tabIndex={-1}>
        {t('entry.withdrawn.title')}
      </h1>
      <p class="entry-problem__network">
        {t('entry.withdrawn.network')}{' '}
        <span lang={network.lang} class="entry-problem__name">
          {network.text}
        </span>
        {entry.network.demo && (
          <>
            {' '}
            <span class="badge">{t('entry.demo')}</span>
          </>
        )}
      </p>
      <p>{t('entry.withdrawn.body')}</p>
      <NextSteps
        items={[
          t('entry.withdrawn.newer'),
          t('entry.withdrawn.ask'),
          t('entry.paper'),
          t('entry.withdrawn.home'),
        ]}
      />
    </section>
  );
}

/** "What to do next" and the way home, shared by the pages for codes that do not lead on. */
function NextSteps({ items }: { items: string[] }) {
  return (
    <>
      <h2 class="entry-problem__next">{t('entry.whatToDo')}</h2>
      <ul class="todo">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <p>
        <a class="button" href="/">
          {t('entry.home')}
        </a>
      </p>
    </>
  );
}

function InfoIcon() {
  return (
    <svg class="entry-problem__icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" stroke-width="4" />
      <circle cx="24" cy="14.5" r="3" fill="currentColor" />
      <path d="M24 21.5v14" stroke="currentColor" stroke-width="4.5" stroke-linecap="round" />
    </svg>
  );
}
