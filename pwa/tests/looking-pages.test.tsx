import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app';
import { lang } from '../src/i18n';
import { forgetStaffSession, staffNotice } from '../src/lib/staff-session';
import { currentPath } from '../src/router';

/**
 * The console's looking screens against a fake API: the menu by role, finding by a scanned QR
 * and Enter, the parts a profession sees and those it does not, the refused look and the
 * emergency step, and reception recording a presentation.
 */

type Handler = (body: unknown) => Response;
let routes: Record<string, Handler>;
let sent: Array<{ route: string; body: unknown }>;
let root: HTMLElement;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const staff = (role: string) => ({
  name: '連携 花子',
  role,
  facility: { code: '1410900002', name: 'デモ内科クリニック' },
  networks: [{ code: 'demo', name: 'デモ連携ネット', consentVersion: 1 }],
  idleTimeoutSeconds: 900,
});

const RECORD = {
  registrationNumber: 'PYK8-W8Y1-Z31',
  name: '試験 花子',
  nameKana: 'シケン ハナコ',
  birthDate: '1947-02-02',
  sex: 'female',
  parts: ['current_medicines', 'allergies', 'emergency_contact'],
  sharedSince: '2026-12-01T00:00:00Z',
  asOf: '2026-12-06T09:00:00Z',
  currentMedicines: [
    {
      id: 'm1',
      name: 'アムロジピン錠5mg',
      kind: 'request',
      status: 'active',
      date: '2026-12-05',
      facility: 'デモ内科クリニック',
      prescribedBy: 'デモ内科クリニック',
      hiddenFromProxies: false,
      providedByPatient: false,
      durationUnstated: false,
      until: '2027-01-03',
    },
  ],
  allergies: [],
  emergencyContact: { name: '試験 一郎', relationship: '長男', phone: '09011112222' },
};

async function settle() {
  for (let i = 0; i < 8; i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
  }
}

async function open(path: string, role: string) {
  routes['GET /staff/me'] = () => json(staff(role));
  history.replaceState(null, '', path);
  currentPath.value = location.pathname;
  await act(() => render(<App />, root));
  await settle();
}

const $ = <T extends Element = HTMLElement>(selector: string) =>
  root.querySelector<T>(selector) as T;
const byTestId = (id: string) => $(`[data-testid="${id}"]`);

async function type(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function enter(input: HTMLElement) {
  await act(() => {
    input.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }),
    );
  });
  await settle();
}

async function click(el: HTMLElement) {
  await act(() => el.click());
  await settle();
}

beforeEach(() => {
  lang.value = 'ja';
  forgetStaffSession();
  staffNotice.value = null;
  routes = {};
  sent = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      const route = `${request.method} ${url.pathname.replace(/^\/api/, '')}`;
      const raw = request.method === 'GET' ? '' : await request.text();
      const body: unknown = raw ? JSON.parse(raw) : undefined;
      sent.push({ route, body });
      const handler = routes[route];
      return handler ? handler(body) : json({ code: 'not_found', message: route }, 404);
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
  forgetStaffSession();
  currentPath.value = '/';
  history.replaceState(null, '', '/');
});

const navLinks = () =>
  [...root.querySelectorAll<HTMLAnchorElement>('.staff-nav a')].map((a) => a.pathname);

describe('the console’s menu by role', () => {
  it('offers clinical staff the shared record, and not the paper forms', async () => {
    await open('/staff/records', 'nurse');
    expect(navLinks()).toEqual(['/staff/records', '/paper-form']);
    expect($('.brand--staff').getAttribute('href')).toBe('/staff/records');
  });

  it('offers reception the presentation at the desk, and not the shared record', async () => {
    await open('/staff/new', 'reception');
    expect(navLinks()).toEqual([
      '/staff/new',
      '/staff/entries',
      '/staff/withdrawal',
      '/staff/presentations',
      '/staff/insurance',
      '/staff/proxy-confirmation',
      '/paper-form',
    ]);
    await open('/staff/records', 'reception');
    expect(byTestId('staff-not-for-role').textContent).toContain('QR・保険証の提示を記録');
  });
});

describe('opening a shared record (/staff/records)', () => {
  it('finds by what the scanner types and Enter, and shows the parts by profession', async () => {
    routes['POST /staff/records/lookup'] = () => json(RECORD);
    await open('/staff/records', 'care_worker');
    const box = $<HTMLInputElement>('#rec-qr');
    await type(box, 'RENKEI:PYK8W8Y1Z31:KNDVZH602');
    await enter(box);
    expect(sent.find((s) => s.route === 'POST /staff/records/lookup')?.body).toEqual({
      qrCode: 'RENKEI:PYK8W8Y1Z31KNDVZH602',
    });
    expect(byTestId('record-name').textContent).toBe('試験 花子さんの共有情報');
    const part = (p: string) => byTestId(`record-part-${p}`);
    expect(part('current_medicines').dataset['shown']).toBe('true');
    expect(part('current_medicines').textContent).toContain('アムロジピン錠5mg');
    expect(part('allergies').textContent).toContain('記録はありません');
    expect(part('emergency_contact').textContent).toContain('09011112222');
    for (const hidden of ['contraindications', 'medication_history']) {
      expect(part(hidden).dataset['shown']).toBe('false');
      expect(part(hidden).textContent).toContain('あなたの職種（介護職員）には表示されません');
    }
    expect(byTestId('record-as-of').textContent).toContain('時点の情報です');
    expect(byTestId('record-as-of').textContent).toContain('からの情報を共有しています');
    expect(byTestId('record-emergency')).toBeNull();

    // Another person: the record is gone, the box empty and ready.
    await click(byTestId('record-another'));
    expect(byTestId('staff-record')).toBeNull();
    expect($<HTMLInputElement>('#rec-qr').value).toBe('');
  });

  it('finds by insurance card and date of birth', async () => {
    routes['POST /staff/records/lookup'] = () => json(RECORD);
    await open('/staff/records', 'doctor');
    await click($('#rec-by-card'));
    await type($('#rec-insurerNumber'), '33120015');
    await type($('#rec-symbol'), '77');
    await type($('#rec-number'), '1234');
    await type($('#rec-branch'), '01');
    await type($('#rec-birthDate'), 'S22.2.2');
    await enter($('#rec-birthDate'));
    expect(sent.find((s) => s.route === 'POST /staff/records/lookup')?.body).toEqual({
      insurerNumber: '33120015',
      symbol: '77',
      number: '1234',
      branch: '01',
      birthDate: '1947-02-02',
    });
  });

  it('says plainly when there is no record to open, then offers the emergency step', async () => {
    routes['POST /staff/records/lookup'] = () => json({ code: 'not_found', message: '' }, 404);
    routes['POST /staff/records/emergency'] = () =>
      json({ ...RECORD, emergencyUntil: '2026-12-07T09:00:00Z' });
    await open('/staff/records', 'nurse');
    await type($('#rec-qr'), 'PYK8-W8Y1-Z31');
    await enter($('#rec-qr'));
    expect(sent.find((s) => s.route === 'POST /staff/records/lookup')?.body).toEqual({
      registrationNumber: 'PYK8W8Y1Z31',
    });
    const refused = byTestId('staff-records-refused');
    expect(refused.getAttribute('role')).toBe('alert');
    expect(refused.textContent).toContain('あなたが開ける記録はありません');
    // The box keeps the focus, its text selected for the next scan.
    const box = $<HTMLInputElement>('#rec-qr');
    expect(document.activeElement).toBe(box);
    expect([box.selectionStart, box.selectionEnd]).toEqual([0, box.value.length]);
    expect(refused.textContent).toContain('登録QRコードを見せてもらう');
    expect(byTestId('staff-emergency')).toBeNull();

    await click(byTestId('staff-emergency-start'));
    expect(byTestId('staff-emergency-warning').textContent).toContain('メールで知らせます');
    expect(byTestId('staff-emergency-warning').textContent).toContain('ネットワーク事務局');
    expect(byTestId('staff-emergency-who').textContent).toContain('登録番号 PYK8-W8Y1-Z31');

    // A reason is needed, and for "other" a note.
    await click(byTestId('staff-emergency-open'));
    expect(sent.some((s) => s.route === 'POST /staff/records/emergency')).toBe(false);
    expect($('#em-reason-error')).not.toBeNull();
    await click($('#em-reason-other'));
    await click(byTestId('staff-emergency-open'));
    expect($('#em-note-error')?.textContent).toContain('理由を書いてください');
    await type($('#em-note'), '意識がなく、ご家族とも連絡がつかない');
    await click(byTestId('staff-emergency-open'));
    expect(sent.find((s) => s.route === 'POST /staff/records/emergency')?.body).toEqual({
      registrationNumber: 'PYK8W8Y1Z31',
      reason: 'other',
      note: '意識がなく、ご家族とも連絡がつかない',
    });
    expect(byTestId('record-emergency').textContent).toContain('緊急時の閲覧で表示しています');
  });

  it('refuses what is not a QR or number before asking', async () => {
    await open('/staff/records', 'nurse');
    await type($('#rec-qr'), 'https://example.jp/r/ABCDEFGH');
    await enter($('#rec-qr'));
    expect(sent.some((s) => s.route === 'POST /staff/records/lookup')).toBe(false);
    expect($('#rec-qr-error').textContent).toContain('読めません');
  });
});

describe('recording a presentation (/staff/presentations)', () => {
  it('refuses the number alone, and records a scanned QR', async () => {
    routes['POST /staff/presentations'] = () =>
      json({ name: '試験 花子', registrationNumber: 'PYK8-W8Y1-Z31', started: true });
    await open('/staff/presentations', 'reception');
    await type($('#pres-qr'), 'PYK8-W8Y1-Z31');
    await enter($('#pres-qr'));
    expect(sent.some((s) => s.route === 'POST /staff/presentations')).toBe(false);
    expect($('#pres-qr-error').textContent).toContain('登録番号だけでは記録できません');

    await type($('#pres-qr'), 'PYK8-W8Y1-Z31 KNDV-ZH60-2');
    await enter($('#pres-qr'));
    expect(sent.find((s) => s.route === 'POST /staff/presentations')?.body).toEqual({
      qrCode: 'RENKEI:PYK8W8Y1Z31KNDVZH602',
    });
    expect(byTestId('staff-presentation-done').textContent).toContain(
      '試験 花子さんの提示を記録しました',
    );
    expect(byTestId('staff-presentation-result').textContent).toContain('見られるようになりました');
  });

  it('shows no success when the person has stopped this facility, and says what allows it again', async () => {
    routes['POST /staff/presentations'] = () =>
      json({
        name: '試験 花子',
        registrationNumber: 'PYK8-W8Y1-Z31',
        started: false,
        endedByPerson: true,
      });
    await open('/staff/presentations', 'reception');
    await type($('#pres-qr'), 'PYK8-W8Y1-Z31 KNDV-ZH60-2');
    await enter($('#pres-qr'));
    const done = byTestId('staff-presentation-done');
    expect(done.textContent).not.toContain('提示を記録しました');
    expect(byTestId('staff-presentation-not-allowed').textContent).toContain(
      '試験 花子さんの情報をまだ見られません',
    );
    expect(document.activeElement).toBe(byTestId('staff-presentation-not-allowed'));
    expect(byTestId('staff-presentation-result').textContent).toContain(
      '新しい登録QRコードを読み取ってください',
    );
  });
});

describe('adding a new insurance at the desk (/staff/insurance)', () => {
  const check = (payload: string) => {
    const sum = [...payload]
      .reverse()
      .map((d, i) => Number(d) * (i % 2 === 0 ? 2 : 1))
      .map((p) => Math.floor(p / 10) + (p % 10))
      .reduce((a, b) => a + b, 0);
    return `${payload}${(10 - (sum % 10)) % 10}`;
  };

  it('asks for the document checked, sends the person and the new card, and says whose it was', async () => {
    routes['POST /staff/insurance'] = () =>
      json({ name: '試験 花子', registrationNumber: 'PYK8-W8Y1-Z31', startsOn: '2026-12-10' }, 201);
    await open('/staff/insurance', 'reception');
    await type($('#desk-ins-qr'), 'PYK8-W8Y1-Z31 KNDV-ZH60-2');
    await click(byTestId('staff-insurance-submit'));
    expect(sent.some((s) => s.route === 'POST /staff/insurance')).toBe(false);
    expect($('#desk-ins-identityChecked-error').textContent).toContain('書類を選んでください');
    expect($('#desk-ins-new-documentKind-error')).not.toBeNull();

    await click($('input[name="desk-ins-identityChecked"][value="my_number_card"]'));
    await click($('input[name="desk-ins-new-documentKind"][value="late_elderly"]'));
    await type($('#desk-ins-new-insurerNumber'), check('3914001'));
    await type($('#desk-ins-new-number'), '00123456');
    await type($('#desk-ins-new-startsOn'), '令和8年12月10日');
    await click(byTestId('staff-insurance-submit'));
    expect(sent.find((s) => s.route === 'POST /staff/insurance')?.body).toEqual({
      person: { qrCode: 'RENKEI:PYK8W8Y1Z31KNDVZH602' },
      identityChecked: 'my_number_card',
      insurance: {
        documentKind: 'late_elderly',
        insurerNumber: check('3914001'),
        symbol: '',
        number: '00123456',
        startsOn: '2026-12-10',
      },
    });
    expect(byTestId('staff-insurance-done').textContent).toContain(
      '試験 花子さんに新しい保険を追加しました',
    );
  });

  it('puts the server’s refusal of the first day next to its box', async () => {
    routes['POST /staff/insurance'] = () =>
      json(
        {
          code: 'validation_failed',
          message: 'x',
          fields: [{ field: 'startsOn', code: 'out_of_range', message: 'x' }],
        },
        422,
      );
    await open('/staff/insurance', 'reception');
    await type($('#desk-ins-qr'), 'PYK8-W8Y1-Z31 KNDV-ZH60-2');
    await click($('input[name="desk-ins-identityChecked"][value="driver_licence"]'));
    await click($('input[name="desk-ins-new-documentKind"][value="late_elderly"]'));
    await type($('#desk-ins-new-insurerNumber'), check('3914001'));
    await type($('#desk-ins-new-number'), '00123456');
    await type($('#desk-ins-new-startsOn'), '2020-01-01');
    await click(byTestId('staff-insurance-submit'));
    expect($('#desk-ins-new-startsOn-error').textContent).toContain('この日付では追加できません');
  });
});
