import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { axeViolations, expect, expectPhoneLayout, test } from './fixtures';
import { mailTo } from './mail';
import {
  facilityKey,
  medicationRequest,
  postFhir,
  registerByApi,
  signInWithCode,
  today,
  YJ,
  type Person,
} from './people';
import { addAuthenticator, invite } from './staff';

/**
 * Facilities looking at a resident's shared record, end to end against the real server.
 *
 * A resident registers and the demo clinic's system sends her medicines, an allergy and a
 * contraindication. On her phone she sets an emergency contact, sees her registration QR on
 * her page and on her emergency card. A nurse at the clinic (invited by the network office,
 * enrolled on the PC with a passkey) opens her record by registration number and sees every
 * part. A care worker at the care management office she showed her QR to (the QR's text typed
 * into the box, as a desk scanner does, and Enter) sees fewer parts, and is told which are not
 * shown to care workers. A doctor at the hospital she never visited is refused, then opens
 * emergency access with a reason and sees the record, marked as an emergency until when. Her
 * access record (/me/access) then holds all three, the hospital's with its reason and "not yet
 * reviewed"; her mail folder the first-look and emergency mails. She stops the care office
 * seeing her information, and its next look-up is refused. A second test: a resident keeps her
 * emergency card on the phone and, offline, it still shows her QR; the pharmacist cannot open
 * her record until reception at the pharmacy records that she presented (the number alone is
 * refused; the number and code under the QR, read out, are taken). axe-core checks each new
 * screen.
 */

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

const HOSPITAL = '1410900001';
const CLINIC = '1410900002';
const PHARMACY = '1440900004';
const CARE_OFFICE = '1470900006';

const DESKTOP = {
  viewport: { width: 1280, height: 900 },
  isMobile: false,
  hasTouch: false,
  deviceScaleFactor: 1,
} as const;
const PHONE = {
  viewport: { width: 360, height: 740 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
} as const;

/** Chromium logs refused requests; here they are the point (a refused look answers 404). */
const EXPECTED = /status of 404/;

const ALL_PARTS = [
  'current_medicines',
  'contraindications',
  'allergies',
  'medication_history',
  'emergency_contact',
] as const;

async function expectAccessible(page: Page, what: string): Promise<void> {
  expect(await axeViolations(page), what).toEqual([]);
}

/** A page in a context of its own (its own cookies), failing the test on a console error. */
async function newPage(
  browser: Browser,
  baseURL: string,
  device: typeof DESKTOP | typeof PHONE,
  problems: string[],
): Promise<Page> {
  const context = await browser.newContext({
    ...device,
    baseURL,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && !EXPECTED.test(m.text()))
      problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return page;
}

/** A staff member of `facility` with `role`, enrolled on a PC of their own; on their home page. */
async function staffMember(
  browser: Browser,
  baseURL: string,
  problems: string[],
  facility: string,
  role: string,
  name: string,
): Promise<Page> {
  const page = await newPage(browser, baseURL, DESKTOP, problems);
  await addAuthenticator(page);
  await page.goto(invite(facility, name, role));
  await expect(page.getByTestId('staff-enrol-name')).toHaveText(name);
  await page.getByTestId('staff-enrol-create').click();
  await expect(page.getByTestId('staff-name')).toContainText(name);
  return page;
}

/** Types into the find box as a desk scanner does (the text, then Enter). */
async function find(page: Page, text: string): Promise<void> {
  const box = page.getByLabel('登録QRコード または 登録番号');
  await expect(box).toBeFocused();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Which parts the record shows ("true") or says are not shown ("false"). */
async function partsShown(page: Page): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = {};
  for (const part of ALL_PARTS)
    out[part] = await page.getByTestId(`record-part-${part}`).getAttribute('data-shown');
  return out;
}

/** What the clinic's system sends: two medicines, an allergy and a contraindication. */
async function clinicSends(base: string, person: Person): Promise<void> {
  const allergy = (id: string, text: string, code: string, criticality: string) => ({
    resource: {
      resourceType: 'AllergyIntolerance',
      identifier: [{ system: 'urn:e2e:al', value: `${id}-${person.email}` }],
      clinicalStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
            code: 'active',
          },
        ],
      },
      category: ['medication'],
      criticality,
      code: { text, coding: [{ system: YJ, code }] },
      patient: { reference: 'urn:uuid:patient' },
      recordedDate: today(),
    },
  });
  const { status, body } = await postFhir(base, facilityKey(CLINIC), person, [
    medicationRequest(`lk1-${person.email}`, '2171022F1093', 'アムロジピン錠5mg「サワイ」', 30),
    medicationRequest(`lk2-${person.email}`, '3969007F1026', 'メトホルミン塩酸塩錠250mg', 30),
    allergy('lka', 'セフェム系抗生物質', '6132013F1020', 'low'),
    allergy('lkc', 'ロキソプロフェン', '1149019F1560', 'high'),
  ]);
  if (status !== 200) throw new Error(`fhir: ${status} ${JSON.stringify(body)}`);
}

test.use(PHONE);

test('clinical staff look as their profession may, in an emergency too; the resident sees every look and stops one', async ({
  page,
  browser,
  baseURL,
  problems,
}) => {
  test.setTimeout(240_000);
  problems.allow.push(EXPECTED);
  const base = baseURL ?? '';
  const tag = Date.now().toString(36).slice(-4);
  const staffProblems: string[] = [];
  const person = await registerByApi(base, { name: '閲覧', kana: 'エツラン' });
  await clinicSends(base, person);

  // The resident, on her phone: an emergency contact, then her QR on her page and card.
  await signInWithCode(page, person.email);
  const contact = await page.evaluate(async () => {
    const r = await fetch('/api/me/emergency-contact', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '閲覧 一郎', relationship: '長男', phone: '09011112222' }),
    });
    return r.status;
  });
  expect(contact).toBe(200);
  await page.reload();
  const qrSection = page.getByTestId('me-qr');
  await expect(qrSection).toContainText(
    'あなたのお薬やアレルギーなどの情報を見られるようになります',
  );
  const number = ((await page.getByTestId('me-registration-number').textContent()) ?? '').trim();
  expect(number).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}$/);
  await expect(page.getByTestId('me-qr-view-number')).toHaveText(number.replace(/-/g, ' '));
  expect(
    await page
      .getByTestId('me-qr-view-image')
      .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
    'the QR image is drawn',
  ).toBe(true);
  await expectAccessible(page, 'the person’s page with the QR');
  await qrSection.screenshot({ path: join(SCREENSHOTS, 'registration-qr.png') });
  const qr = await page.evaluate(async () => {
    const r = await fetch('/api/me/registration-qr');
    return (await r.json()) as { payload: string; code: string };
  });
  expect(qr.payload).toMatch(/^RENKEI:/);
  await page.getByTestId('open-card').click();
  await expect(page.getByTestId('card-qr-view-code')).toHaveText(qr.code.replace(/-/g, ' '));
  await expectAccessible(page, 'emergency card with the QR');

  // A nurse at the clinic, which sent her data: by registration number, every part.
  const nurse = await staffMember(browser, base, staffProblems, CLINIC, 'nurse', `看護 ${tag}`);
  await expect(nurse).toHaveURL(/\/staff\/records$/);
  await expect(nurse.getByRole('link', { name: '申込書の入力' })).toHaveCount(0);
  await expectAccessible(nurse, 'records screen');
  await find(nurse, number);
  await expect(nurse.getByTestId('record-name')).toHaveText(`${person.name}さんの共有情報`);
  expect(await partsShown(nurse)).toEqual(Object.fromEntries(ALL_PARTS.map((p) => [p, 'true'])));
  await expect(nurse.getByTestId('record-part-current_medicines')).toContainText(
    'アムロジピン錠5mg',
  );
  await expect(nurse.getByTestId('record-part-contraindications')).toContainText(
    'ロキソプロフェン',
  );
  await expect(nurse.getByTestId('record-part-allergies')).toContainText('セフェム系抗生物質');
  await expect(nurse.getByTestId('record-part-emergency_contact')).toContainText('09011112222');
  await expect(nurse.getByTestId('record-as-of')).toContainText('時点の情報です');
  await expect(nurse.getByTestId('record-as-of')).toContainText('からの情報を共有しています');
  await expect(nurse.getByTestId('record-emergency')).toHaveCount(0);
  await expectAccessible(nurse, 'a record, every part');
  await nurse.screenshot({ path: join(SCREENSHOTS, 'staff-record-nurse.png'), fullPage: true });

  // A care worker at the care management office she showed her QR to: fewer parts.
  const carer = await staffMember(
    browser,
    base,
    staffProblems,
    CARE_OFFICE,
    'care_worker',
    `介護 ${tag}`,
  );
  await find(carer, qr.payload);
  await expect(carer.getByTestId('record-name')).toHaveText(`${person.name}さんの共有情報`);
  expect(await partsShown(carer)).toEqual({
    current_medicines: 'true',
    contraindications: 'false',
    allergies: 'true',
    medication_history: 'false',
    emergency_contact: 'true',
  });
  await expect(carer.getByTestId('record-part-contraindications')).toContainText(
    'あなたの職種（介護職員）には表示されません',
  );
  await expect(carer.getByTestId('record-part-contraindications')).not.toContainText(
    'ロキソプロフェン',
  );
  await expectAccessible(carer, 'a record, some parts not shown');
  await carer.screenshot({
    path: join(SCREENSHOTS, 'staff-record-care-worker.png'),
    fullPage: true,
  });

  // A doctor at the hospital she never visited: refused, then emergency access.
  const doctor = await staffMember(browser, base, staffProblems, HOSPITAL, 'doctor', `医師 ${tag}`);
  await find(doctor, number);
  const refused = doctor.getByTestId('staff-records-refused');
  await expect(refused).toContainText('あなたが開ける記録はありません');
  await expect(refused).toContainText('登録QRコードを見せてもらう');
  await expectAccessible(doctor, 'no record to open');
  await doctor.getByTestId('staff-emergency-start').click();
  await expect(doctor.getByTestId('staff-emergency-warning')).toContainText('メールで知らせます');
  await expect(doctor.getByTestId('staff-emergency-who')).toContainText(number);
  await expectAccessible(doctor, 'emergency step');
  await doctor.screenshot({ path: join(SCREENSHOTS, 'staff-emergency.png'), fullPage: true });
  await doctor.getByTestId('staff-emergency-open').click();
  await expect(doctor.locator('#em-reason-error')).toBeVisible();
  await doctor.getByLabel('救急搬送').check();
  await doctor.getByTestId('staff-emergency-open').click();
  await expect(doctor.getByTestId('record-emergency')).toContainText(
    '緊急時の閲覧で表示しています',
  );
  await expect(doctor.getByTestId('record-part-current_medicines')).toContainText(
    'アムロジピン錠5mg',
  );
  await expectAccessible(doctor, 'a record opened in an emergency');

  // Her access record: the clinic, the care office, the hospital's emergency with its reason.
  await page.goto('/me');
  await page.getByTestId('me-access').click();
  await expect(page).toHaveURL(/\/me\/access$/);
  await expect(page.getByTestId('access-names')).toContainText('職員の名前は表示していません');
  // The service checked the audit log's chain when it started, and says so.
  await expect(page.getByTestId('access-check')).toHaveAttribute('data-intact', 'true');
  await expect(page.getByTestId('access-check')).toContainText('書き換えは見つかりませんでした');
  const entries = page.getByTestId('access-entry');
  await expect(
    entries.filter({ hasText: 'デモ内科クリニックの看護師があなたの情報を見ました' }),
  ).not.toHaveCount(0);
  await expect(
    entries.filter({ hasText: 'デモ居宅介護支援事業所の介護職員があなたの情報を見ました' }),
  ).not.toHaveCount(0);
  await expect(
    entries.filter({ hasText: 'デモ総合病院の医師があなたの情報を見ようとしましたが' }),
  ).not.toHaveCount(0);
  const emergency = entries.filter({ hasText: 'デモ総合病院の医師' }).filter({
    hasText: '理由: 救急搬送',
  });
  await expect(emergency.first()).toContainText('確認待ち');
  await expectAccessible(page, 'access record');
  await expectPhoneLayout(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'access-record.png'), fullPage: true });

  // Her mail: the first look, and the emergency.
  await expect
    .poll(() => mailTo(person.email).map((m) => m.subject))
    .toEqual(
      expect.arrayContaining([
        expect.stringContaining('施設が情報を見ました'),
        expect.stringContaining('緊急時の閲覧がありました'),
      ]),
    );

  // She stops the care office seeing her information; its next look-up is refused.
  const facilities = page.getByTestId('access-facility');
  const office = facilities.filter({ hasText: 'デモ居宅介護支援事業所' });
  await expect(office).toContainText('登録QRコードを見せたため');
  await office.getByTestId('access-facility-stop').click();
  await expect(office.getByTestId('access-facility-confirm')).toContainText(
    'お薬やアレルギーを見られなくなります',
  );
  await expectAccessible(page, 'stopping a facility');
  await office.getByTestId('access-facility-stop-confirm').click();
  await expect(page.getByTestId('access-facility-stopped')).toContainText(
    'デモ居宅介護支援事業所は、あなたの情報を見られなくなりました',
  );
  await expect(facilities.filter({ hasText: 'デモ居宅介護支援事業所' })).toHaveCount(0);

  await carer.getByTestId('record-another').click();
  await find(carer, number);
  await expect(carer.getByTestId('staff-records-refused')).toBeVisible();

  // In English, the record reads in English (the facility's Japanese name where it has no other).
  await page.reload();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Who has looked at your information',
  );
  await expect(
    page.getByTestId('access-entry').filter({ hasText: 'Reason: brought in by ambulance' }).first(),
  ).toBeVisible();
  await expectAccessible(page, 'access record in English');
  await page.getByRole('button', { name: '日本語' }).click();

  // More looks than a page holds: the older ones come with "show older".
  const looks = await nurse.evaluate(async (registrationNumber) => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await fetch('/api/staff/records/lookup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ registrationNumber }),
      });
      statuses.push(r.status);
    }
    return statuses;
  }, number);
  expect(new Set(looks)).toEqual(new Set([200]));
  await page.reload();
  await expect(page.getByTestId('access-entry')).toHaveCount(20);
  await page.getByTestId('access-older').click();
  await expect.poll(async () => page.getByTestId('access-entry').count()).toBeGreaterThan(20);
  // Everything, once: the oldest entries come last, the clinic's data first of all.
  while (await page.getByTestId('access-older').isVisible()) {
    await page.getByTestId('access-older').click();
    await expect(
      page.getByTestId('access-older').or(page.getByText('これより前の記録はありません')),
    ).toBeVisible();
  }
  const ids = await page
    .getByTestId('access-entry')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  expect(new Set(ids).size, 'no entry twice').toBe(ids.length);
  await expect(page.getByTestId('access-entry').last()).toContainText(
    'デモ内科クリニックのシステムから、あなたの情報が届きました',
  );

  expect(staffProblems, 'staff pages: console errors').toEqual([]);
});

test('reception records that a person presented with her QR from the card kept on her phone, offline; the pharmacist then opens her record', async ({
  page,
  context,
  browser,
  baseURL,
  problems,
}) => {
  test.setTimeout(180_000);
  problems.allow.push(EXPECTED);
  const base = baseURL ?? '';
  const tag = Date.now().toString(36).slice(-4);
  const staffProblems: string[] = [];
  const person = await registerByApi(base, { name: '提示', kana: 'テイジ' });
  await clinicSends(base, person);
  await signInWithCode(page, person.email);
  const qr = await page.evaluate(async () => {
    const r = await fetch('/api/me/registration-qr');
    return (await r.json()) as { registrationNumber: string; code: string };
  });

  // She keeps her emergency card on the phone; without a connection it still shows her QR.
  await page.getByTestId('open-card').click();
  await page.getByTestId('card-keep').check();
  await expect(page.getByTestId('card-kept')).toContainText('に保存した内容です');
  problems.allow.push(/net::ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('card-offline-copy')).toBeVisible();
  await expect(page.getByTestId('card-qr-view-number')).toHaveText(
    qr.registrationNumber.replace(/-/g, ' '),
  );
  await expect(page.getByTestId('card-qr-view-code')).toHaveText(qr.code.replace(/-/g, ' '));
  expect(
    await page
      .getByTestId('card-qr-view-image')
      .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
    'the kept QR is drawn offline',
  ).toBe(true);
  await expectAccessible(page, 'emergency card offline, with the QR');
  await context.setOffline(false);

  const pharmacist = await staffMember(
    browser,
    base,
    staffProblems,
    PHARMACY,
    'pharmacist',
    `薬剤 ${tag}`,
  );
  await find(pharmacist, qr.registrationNumber);
  await expect(pharmacist.getByTestId('staff-records-refused')).toBeVisible();

  const desk = await staffMember(
    browser,
    base,
    staffProblems,
    PHARMACY,
    'reception',
    `受付 ${tag}`,
  );
  await desk.getByRole('link', { name: 'QR・保険証の提示を記録' }).click();
  await expect(desk).toHaveURL(/\/staff\/presentations$/);
  await expectAccessible(desk, 'presentation screen');
  // The number alone proves nothing: refused before asking.
  await find(desk, qr.registrationNumber);
  await expect(desk.getByTestId('error-pres-qr')).toContainText('登録番号だけでは記録できません');
  // The number and the code under the QR, as read out.
  await desk.getByLabel('登録QRコード または 登録番号').fill(`${qr.registrationNumber} ${qr.code}`);
  await desk.keyboard.press('Enter');
  await expect(desk.getByTestId('staff-presentation-done')).toContainText(
    `${person.name}さんの提示を記録しました`,
  );
  await expect(desk.getByTestId('staff-presentation-result')).toContainText(
    '見られるようになりました',
  );
  await expectAccessible(desk, 'presentation recorded');
  await desk.screenshot({ path: join(SCREENSHOTS, 'staff-presentation.png'), fullPage: true });

  // Now the pharmacist finds her, this time by her insurance card and date of birth, typed as
  // off the card: Enter moves on, and finds from the date of birth.
  await pharmacist.getByRole('radio', { name: /保険証と生年月日/ }).check();
  const [insurer, symbol, cardNumber, branch] = person.memberId.split(':') as [
    string,
    string,
    string,
    string,
  ];
  await pharmacist.getByLabel('保険者番号', { exact: true }).fill(insurer);
  await pharmacist.keyboard.press('Enter');
  await expect(pharmacist.getByLabel(/^記号/)).toBeFocused();
  await pharmacist.keyboard.type(symbol);
  await pharmacist.getByLabel('番号', { exact: true }).fill(cardNumber);
  await pharmacist.getByLabel(/^枝番/).fill(branch);
  await pharmacist.getByLabel('生年月日', { exact: true }).fill('S22.2.2');
  await expect(pharmacist.getByTestId('readback-rec-birthDate')).toContainText('1947年2月2日');
  await pharmacist.keyboard.press('Enter');
  await expect(pharmacist.getByTestId('record-name')).toHaveText(`${person.name}さんの共有情報`);
  await expect(pharmacist.getByTestId('record-part-current_medicines')).toContainText(
    'アムロジピン錠5mg',
  );

  // The console in English: the record, and what the profession is not shown.
  await pharmacist.getByRole('button', { name: 'English' }).click();
  await expect(pharmacist.getByTestId('record-name')).toHaveText(`Shared record of ${person.name}`);
  await expect(pharmacist.getByTestId('record-as-of')).toContainText('Shared since');
  await expectAccessible(pharmacist, 'a record in English');
  await pharmacist.getByRole('button', { name: '日本語' }).click();

  expect(staffProblems, 'staff pages: console errors').toEqual([]);
});
