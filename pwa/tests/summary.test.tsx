import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CurrentMedicine, HealthSummary, Medicine, SafetyFlag } from '../src/api/health';
import { App } from '../src/app';
import { HealthSummaryView } from '../src/components/Summary';
import { lang } from '../src/i18n';
import { currentPath } from '../src/router';

/**
 * The medication summary as the person reads it: which current medicines the server could not
 * check for duplicates (no ingredient code), records handed in from the person's own notebook
 * app, and what matched for an allergy flag; on the page, the print view and the card.
 */

let root: HTMLElement;
let summaryAnswer: unknown;
/** Answers `GET /api/me/summary/history` (a 404 unless a test sets it). */
let historyAnswer: ((url: URL) => Response | Promise<Response>) | null;
/** Every request's method, path and query, in order. */
let requests: string[];

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

async function settle() {
  for (let i = 0; i < 6; i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
  }
}

async function show(summary: HealthSummary) {
  await act(() => render(<HealthSummaryView summary={summary} />, root));
}

async function open(path: string) {
  history.replaceState(null, '', path);
  currentPath.value = path;
  await act(() => render(<App />, root));
  await settle();
}

const q = <E extends Element = HTMLElement>(selector: string) => root.querySelector<E>(selector);
const all = (selector: string) => [...root.querySelectorAll<HTMLElement>(selector)];
const text = (selector: string) => q(selector)?.textContent ?? '';

function current(id: string, name: string, extra: Partial<CurrentMedicine> = {}): CurrentMedicine {
  return {
    id,
    name,
    kind: 'dispense',
    status: 'completed',
    date: '2026-04-03',
    days: 28,
    facility: 'みなと薬局',
    prescribedBy: 'みなと薬局',
    hiddenFromProxies: false,
    providedByPatient: false,
    durationUnstated: false,
    ...extra,
  };
}

function past(m: CurrentMedicine): Medicine {
  const { id, name, kind, status, date, facility, hiddenFromProxies, providedByPatient } = m;
  return { id, name, kind, status, date, facility, hiddenFromProxies, providedByPatient };
}

const AMLODIPINE = current('m1', 'アムロジピン錠5mg', { codeSystem: 'yj', code: '2171022F1ZZZ' });
const HOSPITAL_MADE = current('m2', '院内製剤 軟膏A', {
  facility: 'デモ総合病院',
  prescribedBy: 'デモ総合病院',
});
const HOT_ONLY = current('m3', 'ロキソプロフェン錠60mg', { codeSystem: 'hot9', code: '110626901' });
const FROM_APP = current('m4', 'カロナール錠200', {
  facility: 'さくら薬局',
  prescribedBy: 'さくら薬局',
  providedByPatient: true,
});

function summary(extra: Partial<HealthSummary> = {}): HealthSummary {
  const medicines = [AMLODIPINE, HOSPITAL_MADE, HOT_ONLY, FROM_APP];
  return {
    name: '山田 花子',
    nameKana: 'ヤマダ ハナコ',
    birthDate: '1950-04-01',
    asOf: '2026-04-04T01:00:00Z',
    lastReceivedAt: '2026-04-03T01:00:00Z',
    joinedAt: '2026-04-01T01:00:00Z',
    current: medicines,
    history: medicines.map(past),
    historyTotal: medicines.length,
    allergies: [
      {
        id: 'a1',
        text: 'ロキソプロフェン',
        contraindication: false,
        active: true,
        date: '2026-04-02',
        facility: 'デモ総合病院',
        hiddenFromProxies: false,
        comparedBy: 'name',
      },
    ],
    flags: [],
    notCompared: [],
    sources: [],
    ...extra,
  };
}

const ALLERGY_BY_NAME: SafetyFlag = {
  kind: 'allergy',
  medicines: ['m3'],
  allergy: 'a1',
  matchedBy: 'name',
};
const ALLERGY_BY_CODE: SafetyFlag = {
  kind: 'allergy',
  medicines: ['m1'],
  allergy: 'a1',
  matchedBy: 'code',
};

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  lang.value = 'ja';
  summaryAnswer = summary();
  historyAnswer = null;
  requests = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      const route = `${request.method} ${url.pathname}`;
      requests.push(`${route}${url.search}`);
      if (route === 'GET /api/me/summary') return json(summaryAnswer);
      if (route === 'GET /api/me/summary/history' && historyAnswer) return historyAnswer(url);
      return json({ code: 'not_found', message: route }, 404);
    }),
  );
  vi.stubGlobal('scrollTo', () => {});
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.unstubAllGlobals();
  lang.value = 'ja';
  currentPath.value = '/';
  history.replaceState(null, '', '/');
});

describe('medicines that could not be checked for duplicates', () => {
  it('are named in a notice beside the flags, saying allergies were compared by name only', async () => {
    await show(summary({ notCompared: ['m2', 'm3'], flags: [ALLERGY_BY_NAME] }));
    const notice = q('[data-testid=not-compared]');
    expect(notice?.getAttribute('role')).toBe('note');
    expect(notice?.getAttribute('aria-labelledby')).toBe('not-compared-title');
    expect(text('#not-compared-title')).toBe('重複を確認できていないお薬');
    expect(notice?.textContent).toContain(
      '次のお薬は成分コードがないため、重複の確認ができていません：',
    );
    expect(all('[data-testid=not-compared-names] li').map((li) => li.textContent)).toEqual([
      '院内製剤 軟膏A',
      'ロキソプロフェン錠60mg',
    ]);
    expect(notice?.textContent).toContain('アレルギーとは、お薬の名前だけで照らし合わせています。');
    expect(notice?.textContent).toContain('気になるときは薬剤師に確かめてください。');
    // The medicines that were compared are not named.
    expect(notice?.textContent).not.toContain('アムロジピン');
    // Right after the flags, before the current list.
    const order = all(
      '[data-testid=summary-flags], [data-testid=not-compared], [data-testid=summary-current]',
    );
    expect(order.map((e) => e.dataset['testid'])).toEqual([
      'summary-flags',
      'not-compared',
      'summary-current',
    ]);
  });

  it('are named in English too', async () => {
    lang.value = 'en';
    await show(summary({ notCompared: ['m2'] }));
    const notice = text('[data-testid=not-compared]');
    expect(notice).toContain(
      'These medicines have no ingredient code, so they were not checked for duplicates:',
    );
    expect(notice).toContain('院内製剤 軟膏A');
    expect(notice).toContain('They were checked against allergies by name only.');
    expect(notice).toContain('Ask your pharmacist if you are unsure.');
  });

  it('still get a notice when their names cannot be found, and each name once', async () => {
    await show(summary({ notCompared: ['gone'] }));
    expect(text('[data-testid=not-compared]')).toContain(
      '成分コードがないため、重複の確認ができていないお薬があります。',
    );
    expect(q('[data-testid=not-compared-names]')).toBeNull();

    const twice = current('m5', '院内製剤 軟膏A', {
      facility: 'みなみクリニック',
      prescribedBy: 'みなみクリニック',
    });
    await show(summary({ current: [HOSPITAL_MADE, twice], notCompared: ['m2', 'm5'] }));
    expect(all('[data-testid=not-compared-names] li').map((li) => li.textContent)).toEqual([
      '院内製剤 軟膏A',
    ]);
  });

  it('give no notice when every current medicine could be compared (or the server does not say)', async () => {
    await show(summary({ notCompared: [] }));
    expect(q('[data-testid=me-summary]')).not.toBeNull();
    expect(q('[data-testid=not-compared]')).toBeNull();
    expect(root.textContent).not.toContain('重複の確認ができていません');

    const { notCompared: _, ...older } = summary();
    await show(older as HealthSummary);
    expect(q('[data-testid=not-compared]')).toBeNull();
  });

  it('are named on the print view, after the flags', async () => {
    summaryAnswer = summary({ notCompared: ['m3'], flags: [ALLERGY_BY_NAME] });
    await open('/me/print');
    expect(q('[data-testid=print-summary] [data-testid=summary-flags]')).not.toBeNull();
    expect(
      all('[data-testid=print-summary] [data-testid=not-compared-names] li').map(
        (li) => li.textContent,
      ),
    ).toEqual(['ロキソプロフェン錠60mg']);
    const order = all('[data-testid=summary-flags], [data-testid=not-compared], .print-table');
    expect(order.slice(0, 2).map((e) => e.dataset['testid'])).toEqual([
      'summary-flags',
      'not-compared',
    ]);
  });

  it('head each print table for what it lists: allergies without a days column, medicines with their days', async () => {
    await open('/me/print');
    const tables = all('[data-testid=print-summary] table');
    const heads = tables.map((table) =>
      Array.from(table.querySelectorAll('th')).map((th) => th.textContent),
    );
    // Allergies (no contraindications here), current medicines, history.
    expect(heads).toEqual([
      ['アレルギー・禁忌の内容', '施設', '日付'],
      ['薬', '施設', '日付', '日数'],
      ['薬', '施設', '日付', '日数'],
    ]);
    const firstCurrent = Array.from(tables[1]!.querySelectorAll('tbody tr')[0]!.children).map(
      (td) => td.textContent,
    );
    expect(firstCurrent[3]).toBe('28日分');
    // The history does not say how many days: a dash, not an empty cell.
    const firstPast = Array.from(tables[2]!.querySelectorAll('tbody tr')[0]!.children);
    expect(firstPast[3]!.textContent).toBe('—');
  });

  it('give no notice on the print view when everything was compared', async () => {
    await open('/me/print');
    expect(q('[data-testid=print-summary] table')).not.toBeNull();
    expect(q('[data-testid=not-compared]')).toBeNull();
  });
});

describe('records handed in from the person’s own notebook app', () => {
  it('carry a label beside the facility, in the current list and the history, and no other record does', async () => {
    await show(summary());
    const currentItems = all('[data-testid=summary-current] li');
    const labelled = currentItems.filter((li) =>
      li.querySelector('[data-testid=provided-by-patient]'),
    );
    expect(labelled.map((li) => li.querySelector('.medicine__name')?.textContent)).toEqual([
      'カロナール錠200',
    ]);
    const item = labelled[0]!;
    expect(item.textContent).toContain('さくら薬局');
    expect(item.querySelector('[data-testid=provided-by-patient]')?.textContent).toBe(
      'ご本人のお薬手帳アプリから',
    );
    // Right after the line naming the facility.
    const meta = item.querySelector('[data-testid=provided-by-patient]')?.previousElementSibling;
    expect(meta?.textContent).toContain('さくら薬局');

    const historyLabels = all('[data-testid=summary-history] [data-testid=provided-by-patient]');
    expect(historyLabels).toHaveLength(1);
    expect(historyLabels[0]?.closest('li')?.textContent).toContain('カロナール錠200');
  });

  it('are labelled in English', async () => {
    lang.value = 'en';
    await show(summary());
    expect(text('[data-testid=provided-by-patient]')).toBe('From the patient’s own notebook app');
  });

  it('are labelled on the print view and the emergency card', async () => {
    await open('/me/print');
    const rows = all('[data-testid=print-summary] tbody tr').filter((tr) =>
      tr.textContent?.includes('カロナール錠200'),
    );
    expect(rows).toHaveLength(2); // current and history
    for (const row of rows)
      expect(row.textContent).toContain('さくら薬局（ご本人のお薬手帳アプリから）');
    const others = all('[data-testid=print-summary] tbody tr').filter((tr) =>
      tr.textContent?.includes('アムロジピン'),
    );
    for (const row of others) expect(row.textContent).not.toContain('お薬手帳アプリ');

    render(null, root);
    await open('/me/card');
    expect(all('[data-testid=emergency-card] [data-testid=provided-by-patient]')).toHaveLength(1);
  });
});

describe('what matched for an allergy flag', () => {
  it('says whether the ingredient code or only the name matched', async () => {
    await show(summary({ flags: [ALLERGY_BY_CODE, ALLERGY_BY_NAME] }));
    const flags = all('[data-testid=flag-allergy]');
    expect(flags).toHaveLength(2);
    expect(flags[0]?.textContent).toContain(
      'アムロジピン錠5mg は、記録されているアレルギー「ロキソプロフェン」に当たるおそれがあります。',
    );
    expect(flags[0]?.querySelector('[data-testid=flag-matched-by]')?.textContent).toBe(
      '成分コードが一致',
    );
    expect(flags[1]?.textContent).toContain('ロキソプロフェン錠60mg');
    expect(flags[1]?.querySelector('[data-testid=flag-matched-by]')?.textContent).toBe(
      '名前が一致（成分コードでは確認していません）',
    );
  });

  it('says so in English', async () => {
    lang.value = 'en';
    await show(summary({ flags: [ALLERGY_BY_CODE, ALLERGY_BY_NAME] }));
    expect(all('[data-testid=flag-matched-by]').map((e) => e.textContent)).toEqual([
      'Same ingredient code',
      'Name matches (not checked by ingredient code)',
    ]);
  });

  it('says nothing when the server does not say, nor for a duplicate', async () => {
    await show(
      summary({
        flags: [
          { kind: 'allergy', medicines: ['m3'], allergy: 'a1' },
          { kind: 'duplicate', medicines: ['m1', 'm4'], facilities: ['みなと薬局', 'さくら薬局'] },
        ],
      }),
    );
    expect(all('[data-testid=flag-allergy]')).toHaveLength(1);
    expect(all('[data-testid=flag-duplicate]')).toHaveLength(1);
    expect(q('[data-testid=flag-matched-by]')).toBeNull();
  });

  it('names facilities in English for a reader of English, on the page, the card and the print view', async () => {
    const named = summary({
      current: [
        {
          ...HOSPITAL_MADE,
          facilityEn: 'Demo General Hospital',
          prescribedByEn: 'Demo General Hospital',
        },
      ],
      history: [],
      historyTotal: 0,
    });
    summaryAnswer = named;
    lang.value = 'en';
    await show(named);
    expect(text('[data-testid=summary-current]')).toContain('Demo General Hospital');
    expect(text('[data-testid=summary-current]')).not.toContain('デモ総合病院');
    render(null, root);
    await open('/me/card');
    expect(text('[data-testid=card-current]')).toContain('デモ総合病院 (Demo General Hospital)');
    render(null, root);
    await open('/me/print');
    expect(text('[data-testid=print-summary]')).toContain('Demo General Hospital');
    lang.value = 'ja';
    render(null, root);
    await show(named);
    expect(text('[data-testid=summary-current]')).toContain('デモ総合病院');
    expect(text('[data-testid=summary-current]')).not.toContain('Demo General Hospital');
  });

  it('reads Japanese first for responders, with an English-reading owner’s language beside it', async () => {
    lang.value = 'en';
    await open('/me/card');
    const headings = all('[data-testid=emergency-card] .card--emergency h3').map(
      (h) => h.textContent,
    );
    expect(headings).toEqual([
      '禁忌（使ってはいけない薬） / Contraindications (must not be given)',
      'アレルギー / Allergies',
      '服用中の薬 / Medicines taken now',
    ]);
    expect(q('[data-testid=emergency-card] .both__other')?.getAttribute('lang')).toBe('en');
    expect(text('[data-testid=card-meta]')).toContain('生年月日 1950年4月1日 / Born 1 April 1950');
  });

  it('is left to the person’s page: the card lists what must not be given, then the medicines', async () => {
    summaryAnswer = summary({ flags: [ALLERGY_BY_NAME], notCompared: ['m3'] });
    await open('/me/card');
    expect(q('[data-testid=emergency-card] [data-testid=flag-matched-by]')).toBeNull();
    const order = all(
      '[data-testid=card-contraindications], [data-testid=card-allergies], [data-testid=card-current]',
    ).map((e) => e.dataset['testid']);
    expect(order).toEqual(['card-contraindications', 'card-allergies', 'card-current']);
    expect(text('[data-testid=card-allergies]')).toContain('ロキソプロフェン');
    expect(text('[data-testid=card-contraindications]')).toContain('なし');
  });
});

describe('what an allergy is compared by', () => {
  it('says when an allergy without a drug code is compared with medicines by name only', async () => {
    await show(summary());
    expect(text('[data-testid="allergy-by-name"]')).toContain('名前だけ');
    const coded = summary();
    coded.allergies = coded.allergies.map((a) => ({ ...a, comparedBy: 'code' }));
    await show(coded);
    expect(q('[data-testid="allergy-by-name"]')).toBeNull();
  });
});

describe('the history, a page at a time', () => {
  /** History entry `i` (0 is the newest). */
  const entry = (i: number): Medicine =>
    past(current(`h${i}`, `お薬${i}`, { facility: i % 2 === 0 ? 'みなと薬局' : 'デモ総合病院' }));
  const entries = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, k) => entry(from + k));
  /** A summary whose history has `total` entries, of which it carries the 20 newest. */
  const withHistory = (total: number) =>
    summary({ history: entries(0, Math.min(20, total)), historyTotal: total });
  /** The server's pages of a history of `total` entries. */
  const pagesOf = (total: number) => (url: URL) => {
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 50);
    return json({ items: entries(offset, Math.min(total, offset + limit)), offset, total });
  };
  /** Pages of `total` that are answered only once the function returned is called. */
  const heldPages = (total: number) => {
    let release: () => void = () => {};
    historyAnswer = async (url) => {
      await new Promise<void>((r) => (release = r));
      return pagesOf(total)(url);
    };
    return () => release();
  };
  const names = () =>
    all('[data-testid=summary-history] li .medicine__name').map((e) => e.textContent);
  const more = () => q<HTMLButtonElement>('[data-testid=history-more]');
  async function press(button: HTMLElement | null) {
    if (!button) throw new Error('no button');
    await act(() => button.click());
    await settle();
  }

  it('counts the whole history in the title, not the entries loaded, and offers the rest', async () => {
    await show(withHistory(75));
    expect(text('.history summary')).toBe('過去12か月のお薬の記録（75件）');
    expect(all('[data-testid=summary-history] li')).toHaveLength(20);
    expect(more()?.textContent).toBe('さらに表示（残り 55 件）');
    expect(more()?.disabled).toBe(false);
    expect(more()?.type).toBe('button');
    expect(more()?.className).toContain('button--wide');
    // Inside the history, after its list.
    expect(more()?.closest('details.history')).not.toBeNull();
    expect(
      q('[data-testid=summary-history]')!.compareDocumentPosition(more()!) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();

    lang.value = 'en';
    await show(withHistory(75));
    expect(text('.history summary')).toBe('Medicines in the last 12 months (75)');
    expect(more()?.textContent).toBe('Show more (55 more)');
  });

  it('offers nothing more when the summary carries the whole history', async () => {
    await show(summary());
    expect(text('.history summary')).toBe('過去12か月のお薬の記録（4件）');
    expect(more()).toBeNull();
    await show(summary({ history: [], historyTotal: 0, allergies: [] }));
    expect(more()).toBeNull();
  });

  it('loads the next 50 after the entries shown, adds them in order, and keeps the focus on the button', async () => {
    const release = heldPages(75);
    await show(withHistory(75));
    more()!.focus();
    await act(() => more()!.click());
    await settle();
    // While it loads: the button says so and cannot be pressed again.
    expect(more()?.disabled).toBe(true);
    expect(more()?.textContent).toBe('読み込み中…');
    expect(requests).toEqual(['GET /api/me/summary/history?offset=20&limit=50']);
    await act(() => more()!.click());
    expect(requests).toHaveLength(1);

    release();
    await settle();
    expect(names()).toEqual(entries(0, 70).map((m) => m.name));
    expect(text('.history summary')).toBe('過去12か月のお薬の記録（75件）');
    expect(more()?.disabled).toBe(false);
    expect(more()?.textContent).toBe('さらに表示（残り 5 件）');
    expect(document.activeElement).toBe(more());
    expect(text('[data-testid=history-added]')).toBe(
      '50 件を追加しました。75 件のうち 70 件を表示しています。',
    );
    expect(q('[data-testid=history-added]')?.getAttribute('aria-live')).toBe('polite');

    // The last page: the button goes, and the focus goes to the first entry added.
    historyAnswer = pagesOf(75);
    await press(more());
    expect(requests[1]).toBe('GET /api/me/summary/history?offset=70&limit=50');
    expect(names()).toEqual(entries(0, 75).map((m) => m.name));
    expect(more()).toBeNull();
    const added = document.activeElement as HTMLElement;
    expect(added.tagName).toBe('LI');
    expect(added.querySelector('.medicine__name')?.textContent).toBe('お薬70');
    expect(added.tabIndex).toBe(-1);
    expect(text('[data-testid=history-added]')).toBe(
      '5 件を追加しました。75 件のうち 75 件を表示しています。',
    );
  });

  it('leaves the focus where the person moved it while the page loaded', async () => {
    const release = heldPages(75);
    await show(withHistory(75));
    more()!.focus();
    await press(more());
    const elsewhere = q<HTMLAnchorElement>('[data-testid=open-print]')!;
    elsewhere.focus();
    release();
    await settle();
    expect(names()).toHaveLength(70);
    expect(document.activeElement).toBe(elsewhere);
  });

  it('shows the problem with a retry when a page fails, and the retry adds the page', async () => {
    historyAnswer = () => json({ code: 'internal', message: 'x', requestId: 'req-1' }, 500);
    await show(withHistory(30));
    more()!.focus();
    await press(more());
    const alert = q('[data-testid=history-error]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('システムで問題が発生しました');
    expect(alert?.textContent).toContain('req-1');
    expect(more()).toBeNull();
    expect(names()).toHaveLength(20);
    const retry = alert?.querySelector<HTMLButtonElement>('button');
    expect(retry?.textContent).toBe('もう一度読み込む');
    // The focus follows from the button that went to the retry.
    expect(document.activeElement).toBe(retry);

    historyAnswer = pagesOf(30);
    await press(retry!);
    expect(q('[data-testid=history-error]')).toBeNull();
    expect(requests).toEqual([
      'GET /api/me/summary/history?offset=20&limit=50',
      'GET /api/me/summary/history?offset=20&limit=50',
    ]);
    expect(names()).toEqual(entries(0, 30).map((m) => m.name));
    expect(more()).toBeNull();
  });

  it('keeps the hidden-from-family switch on the entries added', async () => {
    historyAnswer = pagesOf(21);
    const hidden = new Set<string>();
    const visibility = {
      hidden: (id: string, fromServer: boolean | undefined) =>
        hidden.has(id) || fromServer === true,
      onToggle: vi.fn(),
      busy: new Set<string>(),
      failed: null,
    };
    await act(() =>
      render(<HealthSummaryView summary={withHistory(21)} visibility={visibility} />, root),
    );
    await press(more());
    const last = all('[data-testid=summary-history] li').at(-1)!;
    expect(last.querySelector('.medicine__name')?.textContent).toBe('お薬20');
    const box = last.querySelector<HTMLInputElement>('[data-testid=visibility-history]')!;
    expect(box.checked).toBe(false);
    await act(() => box.click());
    expect(visibility.onToggle).toHaveBeenCalledWith('h20', true);
  });

  it('starts again from what a summary loaded again says', async () => {
    historyAnswer = pagesOf(75);
    await show(withHistory(75));
    await press(more());
    expect(names()).toHaveLength(70);

    // Loaded again after a change: its own first page and total.
    const again = summary({ history: entries(0, 20), historyTotal: 76 });
    await show(again);
    await settle();
    expect(names()).toEqual(entries(0, 20).map((m) => m.name));
    expect(text('.history summary')).toBe('過去12か月のお薬の記録（76件）');
    expect(more()?.textContent).toBe('さらに表示（残り 56 件）');
    expect(text('[data-testid=history-added]')).toBe('');
    await press(more());
    expect(requests.at(-1)).toBe('GET /api/me/summary/history?offset=20&limit=50');
  });

  it('ends a page still loading when a new summary comes', async () => {
    const release = heldPages(75);
    await show(withHistory(75));
    await press(more());
    await show(withHistory(40));
    release();
    await settle();
    expect(names()).toHaveLength(20);
    expect(more()?.disabled).toBe(false);
    expect(more()?.textContent).toBe('さらに表示（残り 20 件）');
  });
  it('are all listed on the print view, read a page at a time before printing', async () => {
    summaryAnswer = withHistory(130);
    historyAnswer = pagesOf(130);
    await open('/me/print');
    await settle();
    const printed = all('[data-testid=print-summary] tbody tr').filter((tr) =>
      tr.textContent?.includes('お薬'),
    );
    const historyRows = printed.filter((tr) => /お薬\d+/.test(tr.textContent ?? ''));
    expect(historyRows.length).toBeGreaterThanOrEqual(130);
    expect(requests.filter((r) => r.includes('/me/summary/history'))).toEqual([
      expect.stringContaining('offset=20&limit=100'),
      expect.stringContaining('offset=120&limit=10'),
    ]);
    expect(q('[data-testid=print-history-partial]')).toBeNull();
    expect(q<HTMLButtonElement>('[data-testid=print-button]')?.disabled).toBe(false);
    expect(text('[data-testid=print-summary]')).toContain('過去12か月のお薬の記録（130件）');
  });
});
