import { useEffect, useState } from 'preact/hooks';
import {
  getMyMedicineHistory,
  newEntries,
  type HealthSummary,
  type Medicine,
} from '../../api/health';
import { Problem } from '../../components/Problem';
import { Flags, NotCompared } from '../../components/Summary';
import { formatDate, lang, t } from '../../i18n/resident';
import { facilityIn } from '../../lib/names';
import type { MessageKey } from '../../i18n/resident';
import { usePageTitle } from '../../lib/page';
import { useMySummary } from '../../lib/use-summary';

/**
 * `/me/print`: the summary laid out for paper (A4, black on white, tables), to take to a
 * clinic or keep at home: the safety flags and the medicines that could not be checked for
 * duplicates come first. The print stylesheet hides the app's header, footer and buttons.
 */
export function PrintSummary() {
  usePageTitle(t('print.title'));
  const { summary, error } = useMySummary();
  const history = useWholeHistory(summary);

  return (
    <article class="print" data-testid="print-summary">
      <h1 id="page-title" tabIndex={-1}>
        {t('print.title')}
      </h1>
      <Problem error={error} testId="print-problem" />
      {summary && (
        <>
          <p>
            {t('card.person', {
              name: summary.name,
              kana: summary.nameKana,
              birth: formatDate(summary.birthDate),
            })}
          </p>
          <p class="muted">{t('print.lead', { date: formatDate(summary.asOf, true) })}</p>
          <p class="no-print">
            <button
              type="button"
              class="button"
              onClick={() => window.print()}
              disabled={history.loading}
              data-testid="print-button"
            >
              {history.loading ? t('summary.history.loading') : t('print.button')}
            </button>
          </p>
          <Flags summary={summary} />
          <NotCompared summary={summary} />
          <h2>{t('summary.contraindications.title')}</h2>
          <Table
            head={ALLERGY_HEAD}
            rows={summary.allergies
              .filter((a) => a.contraindication && a.active)
              .map((a) => [
                a.text,
                facilityIn(a.facility, a.facilityEn, lang.value),
                formatDate(a.date),
              ])}
          />
          <h2>{t('summary.allergies.title')}</h2>
          <Table
            head={ALLERGY_HEAD}
            rows={summary.allergies
              .filter((a) => !a.contraindication && a.active)
              .map((a) => [
                a.text,
                facilityIn(a.facility, a.facilityEn, lang.value),
                formatDate(a.date),
              ])}
          />
          <h2>{t('summary.current.title')}</h2>
          <Table
            head={MEDICINE_HEAD}
            rows={summary.current.map((m) => [
              m.name + (m.dosage ? ` / ${m.dosage}` : ''),
              source(m),
              formatDate(m.date),
              m.days ? t('print.daysValue', { days: m.days }) : '—',
            ])}
          />
          <h2>{t('summary.history.title', { count: history.total })}</h2>
          {history.items.length < history.total && !history.loading && (
            <p data-testid="print-history-partial">
              {t('print.historyPartial', { shown: history.items.length, total: history.total })}
            </p>
          )}
          <Table
            head={MEDICINE_HEAD}
            rows={history.items.map((m) => [
              m.name,
              source(m),
              formatDate(m.date),
              m.days ? t('print.daysValue', { days: m.days }) : '—',
            ])}
          />
          {summary.emergencyContact && (
            <>
              <h2>{t('card.contact.title')}</h2>
              <p>
                {summary.emergencyContact.name}
                {summary.emergencyContact.relationship
                  ? `（${summary.emergencyContact.relationship}）`
                  : ''}{' '}
                {summary.emergencyContact.phone}
              </p>
            </>
          )}
          <p class="no-print">
            <a class="button button--secondary" href="/me">
              {t('card.back')}
            </a>
          </p>
        </>
      )}
    </article>
  );
}

/** The most history entries a printout lists. */
const PRINT_HISTORY_MAX = 2000;

/**
 * The whole medicine history for paper: the summary brings its newest entries, and the rest is
 * read a page (of 100) at a time, up to PRINT_HISTORY_MAX. While it loads, printing waits; if a
 * page fails, what was read is printed and the printout says it is partial.
 */
function useWholeHistory(summary: HealthSummary | null | undefined) {
  const [state, setState] = useState<{ items: Medicine[]; loading: boolean }>({
    items: [],
    loading: false,
  });
  const total = summary?.historyTotal ?? summary?.history.length ?? 0;
  useEffect(() => {
    if (!summary) return;
    const controller = new AbortController();
    let items = summary.history;
    const want = Math.min(total, PRINT_HISTORY_MAX);
    setState({ items, loading: items.length < want });
    (async () => {
      while (items.length < want) {
        const page = await getMyMedicineHistory(
          items.length,
          Math.min(100, want - items.length),
          controller.signal,
        );
        if (!page.ok) break;
        const added = newEntries(items, page.data.items);
        if (added.length === 0) break;
        items = [...items, ...added];
        setState({ items, loading: items.length < want });
      }
      setState({ items, loading: false });
    })().catch(() => {
      // Aborted: the page went away.
    });
    return () => controller.abort();
  }, [summary, total]);
  return { items: state.items, loading: state.loading, total };
}

/** The facility a medicine came from, and when the person's own notebook app handed it in. */
function source(m: Pick<Medicine, 'facility' | 'facilityEn' | 'providedByPatient'>): string {
  const facility = facilityIn(m.facility, m.facilityEn, lang.value);
  return m.providedByPatient ? t('print.facilityByPatient', { facility }) : facility;
}

/** The columns of a medicine table, and of an allergy or contraindication table (no days). */
const MEDICINE_HEAD = ['print.medicine', 'print.facility', 'print.date', 'print.days'] as const;
const ALLERGY_HEAD = ['print.allergen', 'print.facility', 'print.date'] as const;

function Table({ head, rows }: { head: readonly MessageKey[]; rows: string[][] }) {
  if (rows.length === 0) return <p>—</p>;
  return (
    <table class="print-table">
      <thead>
        <tr>
          {head.map((key) => (
            <th key={key} scope="col">
              {t(key)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((c, j) => (
              <td key={j}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
