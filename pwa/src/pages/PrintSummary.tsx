import type { Medicine } from '../api/health';
import { Problem } from '../components/Problem';
import { Flags, NotCompared } from '../components/Summary';
import { formatDate, t } from '../i18n';
import { usePageTitle } from '../lib/page';
import { useMySummary } from '../lib/use-summary';

/**
 * `/me/print`: the summary laid out for paper (A4, black on white, tables), to take to a
 * clinic or keep at home: the safety flags and the medicines that could not be checked for
 * duplicates come first. The print stylesheet hides the app's header, footer and buttons.
 */
export function PrintSummary() {
  usePageTitle(t('print.title'));
  const { summary, error } = useMySummary();

  return (
    <article class="print" data-testid="print-summary">
      <h1 id="page-title" tabIndex={-1}>
        {t('print.title')}
      </h1>
      <Problem error={error} testId="print-problem" />
      {summary && (
        <>
          <p>
            {t('card.person', { name: summary.name, kana: summary.nameKana, birth: formatDate(summary.birthDate) })}
          </p>
          <p class="muted">{t('print.lead', { date: formatDate(summary.asOf, true) })}</p>
          <p class="no-print">
            <button type="button" class="button" onClick={() => window.print()} data-testid="print-button">
              {t('print.button')}
            </button>
          </p>
          <Flags summary={summary} />
          <NotCompared summary={summary} />
          <h2>{t('summary.contraindications.title')}</h2>
          <Table rows={summary.allergies.filter((a) => a.contraindication && a.active).map((a) => [a.text, a.facility, formatDate(a.date), ''])} />
          <h2>{t('summary.allergies.title')}</h2>
          <Table rows={summary.allergies.filter((a) => !a.contraindication && a.active).map((a) => [a.text, a.facility, formatDate(a.date), ''])} />
          <h2>{t('summary.current.title')}</h2>
          <Table rows={summary.current.map((m) => [m.name + (m.dosage ? ` / ${m.dosage}` : ''), source(m), formatDate(m.date), m.days ? String(m.days) : ''])} />
          <h2>{t('summary.history.title', { count: summary.history.length })}</h2>
          <Table rows={summary.history.map((m) => [m.name, source(m), formatDate(m.date), m.days ? String(m.days) : ''])} />
          {summary.emergencyContact && (
            <>
              <h2>{t('card.contact.title')}</h2>
              <p>
                {summary.emergencyContact.name}
                {summary.emergencyContact.relationship ? `（${summary.emergencyContact.relationship}）` : ''}{' '}
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

/** The facility a medicine came from, and when the person's own notebook app handed it in. */
function source(m: Pick<Medicine, 'facility' | 'providedByPatient'>): string {
  return m.providedByPatient ? t('print.facilityByPatient', { facility: m.facility }) : m.facility;
}

function Table({ rows }: { rows: string[][] }) {
  if (rows.length === 0) return <p>—</p>;
  return (
    <table class="print-table">
      <thead>
        <tr>
          <th scope="col">{t('print.medicine')}</th>
          <th scope="col">{t('print.facility')}</th>
          <th scope="col">{t('print.date')}</th>
          <th scope="col">{t('print.days')}</th>
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
