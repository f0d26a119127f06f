import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ApiFailure } from '../api/client';
import type { Allergy, CurrentMedicine, HealthSummary, Medicine, SafetyFlag } from '../api/health';
import { EXPORT_URL, getMyMedicineHistory, HISTORY_PAGE_SIZE, newEntries } from '../api/health';
import { formatDate, lang, t } from '../i18n/resident';
import { facilityIn } from '../lib/names';
import { navigate } from '../router';
import { DownloadLink } from './DownloadLink';
import { ErrorAlert } from './ErrorAlert';

/**
 * Hiding single records from one's proxies (family): offered on the person's own page only
 * (never while acting for someone). `hidden` says what is hidden now (the server's answer,
 * or the latest change); `onToggle` asks the server to change it.
 */
export interface Visibility {
  hidden: (id: string, fromServer: boolean | undefined) => boolean;
  onToggle: (id: string, hide: boolean) => void;
  busy: ReadonlySet<string>;
  failed: string | null;
}

/** Whether the server marks a record hidden from proxies (absent on older answers). */
export function hiddenFromProxies(item: object): boolean | undefined {
  const value = (item as { hiddenFromProxies?: unknown }).hiddenFromProxies;
  return typeof value === 'boolean' ? value : undefined;
}

/**
 * The medication and allergy summary as the person reads it on their page: the safety flags
 * first (what no single facility can see) and the current medicines that could not be checked
 * for duplicates, then current medicines, contraindications and allergies, each with its source
 * facility and date (and a label when the person's own notebook app handed it in), the history
 * of the last twelve months (its newest entries, and a button for the rest), and who sent
 * information. Says plainly when there is nothing yet,
 * and that only information since joining is shown.
 */
export function HealthSummaryView({
  summary,
  visibility,
}: {
  summary: HealthSummary;
  visibility?: Visibility | undefined;
}) {
  const empty = summary.history.length === 0 && summary.allergies.length === 0;
  return (
    <section class="card summary" aria-labelledby="me-summary-title" data-testid="me-summary">
      <h2 id="me-summary-title">{t('me.summary.title')}</h2>
      <p class="summary__asof" data-testid="summary-as-of">
        {t('summary.asOf', { date: formatDate(summary.asOf, true) })}
      </p>
      {empty ? (
        <>
          <p class="empty-state">{t('me.summary.empty')}</p>
          <p>{t('me.summary.fromJoining')}</p>
        </>
      ) : (
        <>
          {visibility?.failed && (
            <p class="alert" role="alert" data-testid="visibility-problem">
              {visibility.failed}
            </p>
          )}
          {visibility && <p class="muted">{t('visibility.lead')}</p>}
          <Flags summary={summary} />
          <NotCompared summary={summary} />
          <CurrentList items={summary.current} visibility={visibility} />
          <AllergyLists allergies={summary.allergies} visibility={visibility} />
          <History
            first={summary.history}
            total={historyTotalOf(summary)}
            visibility={visibility}
          />
          <Sources summary={summary} />
          <p class="muted">
            {summary.joinedAt
              ? t('summary.joinedNote', { date: formatDate(summary.joinedAt) })
              : t('me.summary.fromJoining')}
          </p>
        </>
      )}
      <ul class="summary__actions">
        <li>
          <a
            class="button button--secondary button--wide"
            href="/me/print"
            data-testid="open-print"
          >
            {t('summary.actions.print')}
          </a>
        </li>
        <li>
          <DownloadLink
            class="button button--secondary button--wide"
            href={EXPORT_URL}
            fileName="renkei-summary.fhir.json"
            testId="download-fhir"
          >
            {t('summary.actions.download')}
          </DownloadLink>
        </li>
      </ul>
    </section>
  );
}

/** The text of one flag, naming the medicines and the allergy concerned. */
export function flagText(
  flag: SafetyFlag,
  summary: Pick<HealthSummary, 'current' | 'allergies'>,
): string {
  const names = flag.medicines
    .map((id) => summary.current.find((c) => c.id === id)?.name)
    .filter((n): n is string => Boolean(n));
  if (flag.kind === 'duplicate') {
    return t('summary.flag.duplicate', {
      facilities: (flag.facilities ?? []).join('・'),
      names: names.join('、'),
    });
  }
  const allergy = summary.allergies.find((a) => a.id === flag.allergy)?.text ?? '';
  const key = flag.contraindication ? 'summary.flag.contraindication' : 'summary.flag.allergy';
  return t(key, { name: names[0] ?? '', allergy });
}

/**
 * For an allergy flag, what matched: the same ingredient code, or only a word of the name (the
 * medicine was not compared by code). Null when the server does not say (older answers, a copy
 * of the card kept on the phone before it did).
 */
export function matchedByText(flag: SafetyFlag): string | null {
  if (flag.kind !== 'allergy') return null;
  if (flag.matchedBy === 'code') return t('summary.flag.matchedBy.code');
  if (flag.matchedBy === 'name') return t('summary.flag.matchedBy.name');
  return null;
}

export function Flags({
  summary,
}: {
  summary: Pick<HealthSummary, 'flags' | 'current' | 'allergies'>;
}) {
  if (summary.flags.length === 0) return null;
  return (
    <div class="flags" role="alert" data-testid="summary-flags">
      <h3>{t('summary.flags.title')}</h3>
      <p>{t('summary.flags.lead')}</p>
      <ul>
        {summary.flags.map((f, i) => {
          const matched = matchedByText(f);
          return (
            <li key={i} class={`flag flag--${f.kind}`} data-testid={`flag-${f.kind}`}>
              {flagText(f, summary)}
              {matched && (
                <>
                  {' '}
                  <span class="flag__match" data-testid="flag-matched-by">
                    {matched}
                  </span>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/**
 * The names of the current medicines the server could not compare (no code naming their
 * ingredient: a HOT or claims code alone, a hospital-made medicine), each name once.
 */
export function notComparedNames(
  summary: Pick<HealthSummary, 'current'> & {
    readonly notCompared?: readonly string[] | undefined;
  },
): string[] {
  const names = (summary.notCompared ?? [])
    .map((id) => summary.current.find((c) => c.id === id)?.name)
    .filter((n): n is string => Boolean(n));
  return [...new Set(names)];
}

/**
 * Says plainly which current medicines were not checked for duplicates (and against allergies
 * by name only), so that the absence of a duplicate flag is never read as "checked, none".
 * Nothing when every current medicine could be compared.
 */
export function NotCompared({
  summary,
}: {
  summary: Pick<HealthSummary, 'current'> & {
    readonly notCompared?: readonly string[] | undefined;
  };
}) {
  if ((summary.notCompared ?? []).length === 0) return null;
  const names = notComparedNames(summary);
  return (
    <div
      class="not-compared"
      role="note"
      aria-labelledby="not-compared-title"
      data-testid="not-compared"
    >
      <h3 id="not-compared-title">{t('summary.notCompared.title')}</h3>
      {names.length > 0 ? (
        <>
          <p>{t('summary.notCompared.lead')}</p>
          <ul data-testid="not-compared-names">
            {names.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('summary.notCompared.some')}</p>
      )}
      <p>
        {t('summary.notCompared.allergy')} {t('summary.notCompared.ask')}
      </p>
    </div>
  );
}

/** The small label on a record handed in from the person's own e-medication-notebook app. */
function ProvidedByPatient({
  item,
}: {
  item: { readonly providedByPatient?: boolean | undefined };
}) {
  if (item.providedByPatient !== true) return null;
  return (
    <span class="provided-marker" data-testid="provided-by-patient">
      {t('summary.providedByPatient')}
    </span>
  );
}

function kindLabel(kind: string): string {
  if (kind === 'request') return t('summary.kind.request');
  if (kind === 'dispense') return t('summary.kind.dispense');
  return t('summary.kind.statement');
}

/** Under a record: the marker when it is hidden from proxies, and the switch on one's own page. */
function HiddenFromFamily({
  id,
  where,
  item,
  visibility,
  label,
}: {
  id: string;
  where: string;
  item: object;
  visibility?: Visibility | undefined;
  label: string;
}) {
  const server = hiddenFromProxies(item);
  const hidden = visibility ? visibility.hidden(id, server) : server === true;
  return (
    <>
      {hidden && (
        <span class="hidden-marker" data-testid="hidden-marker">
          {t('visibility.hidden')}
        </span>
      )}
      {visibility && (
        <label class="check visibility-toggle">
          <input
            type="checkbox"
            checked={hidden}
            disabled={visibility.busy.has(id)}
            onChange={(e) => visibility.onToggle(id, (e.currentTarget as HTMLInputElement).checked)}
            data-testid={`visibility-${where}`}
          />
          <span>{t('visibility.toggle')}</span>
          <span class="visually-hidden">（{label}）</span>
        </label>
      )}
    </>
  );
}

export function CurrentList({
  items,
  visibility,
}: {
  items: readonly CurrentMedicine[];
  visibility?: Visibility | undefined;
}) {
  return (
    <section aria-labelledby="current-title">
      <h3 id="current-title">{t('summary.current.title')}</h3>
      {items.length === 0 ? (
        <p class="empty-state">{t('summary.current.empty')}</p>
      ) : (
        <ul class="medicines" data-testid="summary-current">
          {items.map((m) => (
            <li key={m.id} class="medicine">
              <span class="medicine__name">{m.name}</span>
              {m.dosage && <span class="medicine__dosage">{m.dosage}</span>}
              <span class="medicine__meta">
                {m.until ? t('summary.current.until', { date: formatDate(m.until) }) : ''}
                {m.durationUnstated ? `（${t('summary.current.unstated')}）` : ''}
              </span>
              <span class="medicine__meta">
                {kindLabel(m.kind)}:{' '}
                {t('summary.from', {
                  facility: facilityIn(m.facility, m.facilityEn, lang.value),
                  date: formatDate(m.date),
                })}
              </span>
              <ProvidedByPatient item={m} />
              {m.prescribedBy !== m.facility && (
                <span class="medicine__meta">
                  {t('summary.prescribedBy', {
                    facility: facilityIn(m.prescribedBy, m.prescribedByEn, lang.value),
                  })}
                </span>
              )}
              <HiddenFromFamily
                id={m.id}
                where="current"
                item={m}
                visibility={visibility}
                label={m.name}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function AllergyLists({
  allergies,
  visibility,
}: {
  allergies: readonly Allergy[];
  visibility?: Visibility | undefined;
}) {
  const contra = allergies.filter((a) => a.contraindication);
  const other = allergies.filter((a) => !a.contraindication);
  const list = (items: Allergy[], testId: string) => (
    <ul class="allergies" data-testid={testId}>
      {items.map((a) => (
        <li key={a.id} class={a.active ? 'allergy' : 'allergy allergy--inactive'}>
          <span class="allergy__text">
            {a.text}
            {!a.active && ` ${t('summary.inactive')}`}
          </span>
          <span class="medicine__meta">
            {t('summary.from', {
              facility: facilityIn(a.facility, a.facilityEn, lang.value),
              date: formatDate(a.date),
            })}
          </span>
          {a.comparedBy === 'name' && (
            <span class="medicine__meta" data-testid="allergy-by-name">
              {t('summary.allergy.byName')}
            </span>
          )}
          <HiddenFromFamily
            id={a.id}
            where="allergy"
            item={a}
            visibility={visibility}
            label={a.text}
          />
        </li>
      ))}
    </ul>
  );
  return (
    <>
      <section aria-labelledby="contra-title">
        <h3 id="contra-title">{t('summary.contraindications.title')}</h3>
        {contra.length === 0 ? (
          <p class="empty-state">{t('summary.contraindications.empty')}</p>
        ) : (
          list(contra, 'summary-contraindications')
        )}
      </section>
      <section aria-labelledby="allergy-title">
        <h3 id="allergy-title">{t('summary.allergies.title')}</h3>
        {other.length === 0 ? (
          <p class="empty-state">{t('summary.allergies.empty')}</p>
        ) : (
          list(other, 'summary-allergies')
        )}
      </section>
    </>
  );
}

/**
 * How many entries the whole history has: the summary's `historyTotal` (never fewer than it
 * lists; an answer without it counts what it lists).
 */
export function historyTotalOf(
  summary: Pick<HealthSummary, 'history'> & { readonly historyTotal?: number | undefined },
): number {
  const total = summary.historyTotal;
  return typeof total === 'number' && Number.isFinite(total)
    ? Math.max(total, summary.history.length)
    : summary.history.length;
}

/** The history loaded beyond the summary's first page, for one summary. */
interface MoreHistory {
  /** The summary's first page these follow: a new summary starts again from its own. */
  readonly after: readonly Medicine[];
  /** The entries loaded so far, in order, after `after`. */
  readonly items: readonly Medicine[];
  /** Where the latest page began in `items`: its first entry takes the focus when the button goes. */
  readonly lastPageAt: number | null;
  /** The whole history's size as the latest page said it; null until a page arrived. */
  readonly total: number | null;
  /** How many entries the latest page added, for the polite message; null before any. */
  readonly added: number | null;
  /**
   * The latest page brought nothing new (the history changed meanwhile): no more is offered,
   * rather than a button that would bring the same again.
   */
  readonly exhausted: boolean;
  readonly loading: boolean;
  readonly error: ApiFailure | null;
}

const noMoreHistory = (after: readonly Medicine[]): MoreHistory => ({
  after,
  items: [],
  lastPageAt: null,
  total: null,
  added: null,
  exhausted: false,
  loading: false,
  error: null,
});

/**
 * The medicine history, newest first: the summary's first page, then "show more" loads the
 * next `HISTORY_PAGE_SIZE` entries at a time and adds them below. The title counts the whole
 * history. After a page arrives the focus stays on the button (or, once everything is shown,
 * goes to the first entry added), without scrolling, so nobody loses their place; a polite
 * message says how many were added. A failure shows the translated problem with a retry. A
 * new summary (loaded again after a change) starts again from what it says.
 */
function History({
  first,
  total: summaryTotal,
  visibility,
}: {
  first: readonly Medicine[];
  total: number;
  visibility?: Visibility | undefined;
}) {
  const [state, setState] = useState<MoreHistory>(() => noMoreHistory(first));
  const more = state.after === first ? state : noMoreHistory(first);
  const items = useMemo(
    () => (more.items.length > 0 ? [...first, ...more.items] : first),
    [first, more.items],
  );
  const total = Math.max(more.total ?? summaryTotal, items.length);
  const remaining = more.exhausted ? 0 : total - items.length;

  const controller = useRef<AbortController | null>(null);
  const moreArea = useRef<HTMLDivElement>(null);
  const moreButton = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const focusAfterLoad = useRef(false);

  // A new summary, or the page going away, ends a page still loading.
  useEffect(
    () => () => {
      controller.current?.abort();
      focusAfterLoad.current = false;
    },
    [first],
  );

  useEffect(() => {
    if (!focusAfterLoad.current || more.loading) return;
    focusAfterLoad.current = false;
    // Only when the focus is still where the person left it (the button, the retry, or lost
    // with a button that went): never take it from somewhere they moved to meanwhile.
    const active = document.activeElement;
    const area = moreArea.current;
    const lost = !active || active === document.body || !active.isConnected;
    if (!lost && !(area && area.contains(active))) return;
    const target =
      moreButton.current ??
      area?.querySelector<HTMLElement>('button') ??
      list.current?.querySelector<HTMLElement>('[data-first-added]');
    target?.focus({ preventScroll: true });
  }, [more]);

  const load = async () => {
    if (more.loading) return;
    const after = first;
    const offset = items.length;
    controller.current?.abort();
    const aborter = new AbortController();
    controller.current = aborter;
    setState({ ...more, loading: true, error: null });
    let result: Awaited<ReturnType<typeof getMyMedicineHistory>>;
    try {
      result = await getMyMedicineHistory(offset, HISTORY_PAGE_SIZE, aborter.signal);
    } catch {
      return; // Aborted: a new summary came, or the page went away.
    }
    if (aborter.signal.aborted) return;
    if (!result.ok && result.error.code === 'unauthorized') {
      navigate('/sign-in', { replace: true });
      return;
    }
    focusAfterLoad.current = true;
    setState((s) => {
      if (s.after !== after) return s;
      if (!result.ok) return { ...s, loading: false, error: result.error };
      const page = newEntries([...after, ...s.items], result.data.items);
      return {
        after,
        items: page.length > 0 ? [...s.items, ...page] : s.items,
        lastPageAt: page.length > 0 ? s.items.length : s.lastPageAt,
        total: result.data.total,
        added: page.length,
        exhausted: page.length === 0,
        loading: false,
        error: null,
      };
    });
  };

  const firstAdded = more.lastPageAt === null ? null : more.items[more.lastPageAt]?.id;
  return (
    <details class="history">
      <summary>{t('summary.history.title', { count: total })}</summary>
      {items.length === 0 && remaining === 0 ? (
        <p class="empty-state">{t('summary.history.empty')}</p>
      ) : (
        <ul class="medicines" ref={list} data-testid="summary-history" aria-busy={more.loading}>
          {items.map((m) => (
            <li
              key={m.id}
              class="medicine"
              {...(m.id === firstAdded ? { tabIndex: -1, 'data-first-added': '' } : {})}
            >
              <span class="medicine__name">{m.name}</span>
              <span class="medicine__meta">
                {kindLabel(m.kind)}:{' '}
                {t('summary.from', {
                  facility: facilityIn(m.facility, m.facilityEn, lang.value),
                  date: formatDate(m.date),
                })}
              </span>
              <ProvidedByPatient item={m} />
              <HiddenFromFamily
                id={m.id}
                where="history"
                item={m}
                visibility={visibility}
                label={m.name}
              />
            </li>
          ))}
        </ul>
      )}
      <p class="visually-hidden" aria-live="polite" data-testid="history-added">
        {more.added === null
          ? ''
          : t('summary.history.added', { count: more.added, shown: items.length, total })}
      </p>
      <div ref={moreArea}>
        {more.error ? (
          <ErrorAlert
            code={more.error.code}
            requestId={more.error.requestId}
            retryLabel={t('screen.retry')}
            onRetry={() => void load()}
            testId="history-error"
          />
        ) : (
          remaining > 0 && (
            <button
              type="button"
              ref={moreButton}
              class="button button--secondary button--wide"
              disabled={more.loading}
              onClick={() => void load()}
              data-testid="history-more"
            >
              {more.loading
                ? t('summary.history.loading')
                : t('summary.history.more', { count: remaining })}
            </button>
          )
        )}
      </div>
    </details>
  );
}

function Sources({ summary }: { summary: HealthSummary }) {
  if (summary.sources.length === 0) return null;
  return (
    <section aria-labelledby="sources-title">
      <h3 id="sources-title">{t('summary.sources.title')}</h3>
      <ul class="sources" data-testid="summary-sources">
        {summary.sources.map((s) => (
          <li key={s.facility}>
            {t('summary.sources.item', {
              facility: facilityIn(s.facility, s.facilityEn, lang.value),
              date: formatDate(s.lastOn),
              count: s.items,
            })}
          </li>
        ))}
      </ul>
      {summary.lastReceivedAt && (
        <p class="muted">
          {t('summary.lastReceived', { date: formatDate(summary.lastReceivedAt, true) })}
        </p>
      )}
    </section>
  );
}
