import { useEffect, useState } from 'preact/hooks';
import { getEntries } from '../../api/staff';
import { PageLoading } from '../../components/Loading';
import { formatDate, t } from '../../i18n/staff';
import { tokyoToday } from '../../lib/date-text';
import { usePageTitle } from '../../lib/page';
import { mayEnterForms, staffMe } from '../../lib/staff-session';
import { useStaffLoad } from '../../lib/use-staff-load';
import { currentAddress, navigate } from '../../router';
import { NotForRole } from './StaffNew';

/** One day before or after `day` (YYYY-MM-DD). */
export function shiftDay(day: string, by: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + by);
  return d.toISOString().slice(0, 10);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `/staff/entries?day=YYYY-MM-DD`: the paper forms this facility entered on a day (today in
 * Japan by default): kind, form serial, registration number, name, who entered it and when,
 * and how many times it was corrected. Each opens its details.
 */
export function StaffEntries() {
  usePageTitle(t('staff.entries.title'));
  if (!mayEnterForms(staffMe.value)) return <NotForRole />;
  return <EntriesOf />;
}

/** The day the address asks for (`?day=YYYY-MM-DD`), else today in Japan. */
function dayIn(search: string): string {
  const asked = new URLSearchParams(search).get('day');
  return asked && DAY.test(asked) ? asked : tokyoToday();
}

function EntriesOf() {
  // The day is in the address (to bookmark or reload) and follows it: the day buttons, the
  // date field, back/forward and the console's own "today" link all change only the query,
  // through the router: the page is not reloaded, only the day's list is loaded again.
  const day = dayIn(currentAddress().search);
  const { state, reload } = useStaffLoad((signal) => getEntries(day, signal), [day]);
  const [picked, setPicked] = useState(day);
  useEffect(() => setPicked(day), [day]);
  const go = (to: string) => {
    if (to !== day) navigate(`/staff/entries?day=${to}`);
  };
  const today = tokyoToday();
  if (state.status !== 'ok') {
    return (
      <PageLoading
        title={t('staff.entries.title')}
        error={state.status === 'error' ? state.error : null}
        onRetry={reload}
        testId="staff-entries"
      />
    );
  }
  const { entries } = state.data;
  return (
    <section aria-labelledby="page-title" data-testid="staff-entries">
      <h1 id="page-title" tabIndex={-1}>
        {t('staff.entries.title')}
      </h1>
      <form
        class="staff-day no-print"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (DAY.test(picked)) go(picked);
        }}
      >
        <button
          type="button"
          class="button button--secondary"
          onClick={() => go(shiftDay(day, -1))}
          data-testid="staff-day-prev"
        >
          {t('staff.entries.prev')}
        </button>
        <label class="staff-day__label" for="staff-day">
          {t('staff.entries.day')}
        </label>
        <input
          id="staff-day"
          class="field__input staff-day__input"
          type="date"
          value={picked}
          max={today}
          onInput={(e) => setPicked((e.currentTarget as HTMLInputElement).value)}
          data-testid="staff-day"
        />
        <button type="submit" class="button">
          {t('staff.entries.show')}
        </button>
        <button
          type="button"
          class="button button--secondary"
          disabled={day >= today}
          onClick={() => go(shiftDay(day, 1))}
          data-testid="staff-day-next"
        >
          {t('staff.entries.next')}
        </button>
      </form>
      <h2 data-testid="staff-entries-day">
        {t('staff.entries.of', {
          date: formatDate(`${state.data.day}T12:00:00+09:00`),
          count: entries.length,
        })}
      </h2>
      {entries.length === 0 ? (
        <p data-testid="staff-entries-none">{t('staff.entries.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="staff-table" data-testid="staff-entries-table">
            <thead>
              <tr>
                <th scope="col">{t('staff.entries.kind')}</th>
                <th scope="col">{t('paper.field.formSerial')}</th>
                <th scope="col">{t('done.number')}</th>
                <th scope="col">{t('paper.item.name')}</th>
                <th scope="col">{t('staff.entries.by')}</th>
                <th scope="col">{t('staff.entries.at')}</th>
                <th scope="col">{t('staff.entries.corrected')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} data-testid="staff-entry-row">
                  <td>
                    {t(
                      e.kind === 'withdrawal' ? 'staff.kind.withdrawal' : 'staff.kind.registration',
                    )}
                  </td>
                  <td class="code">{e.formSerial}</td>
                  <td class="code">{e.registrationNumber}</td>
                  <td>
                    <a href={`/staff/entries/${encodeURIComponent(e.id)}`}>{e.name}</a>
                    <br />
                    <span class="muted">{e.nameKana}</span>
                  </td>
                  <td>{e.enteredBy}</td>
                  <td>
                    {new Intl.DateTimeFormat('ja-JP', {
                      timeZone: 'Asia/Tokyo',
                      hour: '2-digit',
                      minute: '2-digit',
                    }).format(new Date(e.enteredAt))}
                  </td>
                  <td>
                    {e.corrected > 0
                      ? t('staff.entries.correctedCount', { count: e.corrected })
                      : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
