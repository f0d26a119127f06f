import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { axeViolations, expect, expectPhoneLayout, test } from './fixtures';
import {
  facilityKey,
  medicationRequest as request,
  type Patient,
  postFhir,
  registerByApi,
  signInWithCode,
  today,
  YJ,
} from './people';

/**
 * The medication and allergy summary on a phone, end to end against the real server: a person
 * registered (through the API, as the registration tests already cover the screens) signs in
 * with a mailed code; three facilities' systems send FHIR JP Core data with their own API keys
 * (amlodipine from two of them, and loxoprofen though a contraindication to it is recorded);
 * the person sees the summary with both safety flags, opens the emergency card, sets an
 * emergency contact, keeps the card on the phone, goes offline and still sees it (labelled with
 * its date), sees it again online once her session has ended (no sign-in needed), then signs
 * out and finds the copy gone.
 */

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

async function sendFhir(
  baseURL: string,
  key: string,
  patient: Patient,
  entries: unknown[],
): Promise<void> {
  const { status, body } = await postFhir(baseURL, key, patient, entries);
  if (status !== 200) throw new Error(`fhir: ${status} ${JSON.stringify(body)}`);
}

test('the summary with its flags, the emergency card kept on the phone, offline, and gone after sign-out', async ({
  page,
  context,
  baseURL,
  problems,
}) => {
  const base = baseURL ?? '';
  const person = await registerByApi(base);
  const hospital = facilityKey('1410900001');
  const clinic = facilityKey('1410900002');
  await sendFhir(base, hospital, person, [
    request(`h-${person.email}`, '2171022F1093', 'アムロジピン錠5mg「サワイ」', 30),
    {
      resource: {
        resourceType: 'AllergyIntolerance',
        identifier: [{ system: 'urn:e2e:al', value: `a-${person.email}` }],
        clinicalStatus: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
              code: 'active',
            },
          ],
        },
        category: ['medication'],
        criticality: 'high',
        code: { text: 'ロキソプロフェン', coding: [{ system: YJ, code: '1149019F1560' }] },
        patient: { reference: 'urn:uuid:patient' },
        recordedDate: today(),
      },
    },
  ]);
  await sendFhir(base, clinic, person, [
    request(`c1-${person.email}`, '2171022F2022', 'ノルバスク錠5mg', 28),
    request(`c2-${person.email}`, '1149019F1560', 'ロキソプロフェンNa錠60mg', 5),
  ]);

  // Sign in with a mailed code.
  await signInWithCode(page, person.email);

  // The summary: the flags first, then what is current, each with its facility and date.
  const summary = page.getByTestId('me-summary');
  await expect(summary.getByTestId('summary-flags')).toBeVisible();
  await expect(page.getByTestId('flag-duplicate')).toContainText(
    'デモ内科クリニック・デモ総合病院',
  );
  await expect(page.getByTestId('flag-duplicate')).toContainText('ノルバスク錠5mg');
  await expect(page.getByTestId('flag-allergy')).toContainText('ロキソプロフェンNa錠60mg');
  await expect(page.getByTestId('flag-allergy')).toContainText('禁忌');
  await expect(page.getByTestId('summary-current').locator('li')).toHaveCount(3);
  await expect(page.getByTestId('summary-current')).toContainText('デモ総合病院');
  await expect(page.getByTestId('summary-contraindications')).toContainText('ロキソプロフェン');
  await expect(page.getByTestId('summary-as-of')).toContainText('時点');
  await expect(page.getByTestId('summary-sources').locator('li')).toHaveCount(2);
  await expectPhoneLayout(page);
  expect(await axeViolations(page), 'summary').toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'summary.png'), fullPage: true });

  // In English too.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByTestId('summary-flags')).toContainText('Please check');
  await expect(page.getByTestId('flag-allergy')).toContainText(
    'may match the recorded contraindication',
  );
  await expect(page.getByTestId('flag-duplicate')).toContainText(
    'come from デモ内科クリニック・デモ総合病院 at the same time',
  );
  expect(await axeViolations(page), 'summary in English').toEqual([]);
  await page.getByRole('button', { name: '日本語' }).click();
  await expect(page.getByTestId('summary-flags')).toContainText('確認してください');

  // The download is a FHIR Bundle.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download-fhir').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^renkei-.*\.fhir\.json$/);

  // The print view.
  await page.getByTestId('open-print').click();
  await expect(page).toHaveURL(/\/me\/print$/);
  await expect(page.getByTestId('print-summary')).toContainText('アムロジピン錠5mg「サワイ」');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('print-button')).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await page.goBack();

  // The emergency card, an emergency contact, and the copy kept on the phone.
  await page.getByTestId('open-card').click();
  await expect(page).toHaveURL(/\/me\/card$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('緊急時カード');
  await expect(page.getByTestId('card-person')).toContainText('要約');
  await expect(page.getByTestId('emergency-card')).toContainText('ロキソプロフェン');
  await page.getByTestId('card-contact-edit').click();
  await page.getByLabel('氏名', { exact: true }).fill('要約 一郎');
  await page.getByLabel('続柄（任意）').fill('長男');
  await page.getByLabel('電話番号').fill('080-1111-2222');
  await page.getByTestId('card-contact-save').click();
  await expect(page.getByTestId('card-contact-phone')).toHaveText('08011112222');
  expect(await page.evaluate(() => localStorage.getItem('renkei.emergencyCard'))).toBeNull();
  await page.getByTestId('card-keep').check();
  await expect(page.getByTestId('card-kept')).toContainText('に保存した内容です');
  await expectPhoneLayout(page);
  expect(await axeViolations(page), 'emergency card').toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'emergency-card.png'), fullPage: true });

  // An owner who reads English: the card stays Japanese first for responders, English beside.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('緊急時カード / Emergency card');
  await expect(page.getByRole('heading', { name: 'アレルギー / Allergies' })).toBeVisible();
  await expect(page.getByTestId('card-contraindications')).toContainText('ロキソプロフェン');
  await expectPhoneLayout(page);
  expect(await axeViolations(page), 'emergency card, English owner').toEqual([]);
  await page.getByRole('button', { name: '日本語' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('緊急時カード');

  // Adding the app to the home screen from the card: the browser's menu named, and the
  // browser's own dialogue once it offers one.
  await expect(page.getByTestId('install-menu')).toBeVisible();
  await page.evaluate(() => {
    const offer = new Event('beforeinstallprompt', { cancelable: true }) as Event & {
      prompt: () => Promise<void>;
      userChoice: Promise<{ outcome: string }>;
    };
    offer.prompt = () => {
      (window as unknown as { prompted: boolean }).prompted = true;
      return Promise.resolve();
    };
    offer.userChoice = Promise.resolve({ outcome: 'accepted' });
    window.dispatchEvent(offer);
  });
  await page.getByTestId('install-button').click();
  await expect(page.getByTestId('install-done')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { prompted?: boolean }).prompted)).toBe(
    true,
  );

  // No connection: the card still opens, from the copy, saying when it was saved.
  problems.allow.push(/net::ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('card-offline-copy')).toContainText('この端末に');
  await expect(page.getByTestId('card-person')).toContainText('要約');
  await expect(page.getByTestId('emergency-card')).toContainText('ロキソプロフェンNa錠60mg');
  await expect(page.getByTestId('card-contact-phone')).toHaveText('08011112222');
  expect(await axeViolations(page), 'emergency card offline').toEqual([]);

  // Online again but the session has ended (30 idle minutes): the kept card still opens, with
  // its date, without a sign-in a paramedic could not give; signing in is offered, not forced.
  await context.setOffline(false);
  problems.allow.push(/status of 401/);
  const session = await context.cookies();
  await context.clearCookies();
  await page.goto('/me/card');
  await expect(page.getByTestId('card-offline-copy')).toContainText('ログインしていないため');
  await expect(page).toHaveURL(/\/me\/card$/);
  await expect(page.getByTestId('emergency-card')).toContainText('ロキソプロフェンNa錠60mg');
  await expect(page.getByTestId('card-contact-phone')).toHaveText('08011112222');
  await expect(page.getByTestId('card-sign-in')).toHaveAttribute(
    'href',
    '/sign-in?next=%2Fme%2Fcard',
  );
  await expectPhoneLayout(page);
  expect(await axeViolations(page), 'emergency card, signed out').toEqual([]);

  // Signed in again, sign out: the copy is gone from the phone.
  await context.addCookies(session);
  await page.goto('/me');
  await page.getByRole('button', { name: 'ログアウト', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect(await page.evaluate(() => localStorage.getItem('renkei.emergencyCard'))).toBeNull();
  await context.setOffline(true);
  await page.goto('/me/card');
  await expect(page.getByTestId('card-problem')).toContainText(
    '保存された緊急時カードもありません',
  );
  await context.setOffline(false);
});

test('a person with ten medicines and three allergies sees the card button and the medicines on the first screen', async ({
  page,
  baseURL,
}) => {
  await page.setViewportSize({ width: 360, height: 640 });
  const base = baseURL ?? '';
  const person = await registerByApi(base, { name: '十種', kana: 'ジッシュ' });
  const hospital = facilityKey('1410900001');
  const medicines = [
    ['2171022F1093', 'アムロジピン錠5mg'],
    ['2149040F1020', 'カンデサルタン錠8mg'],
    ['3969007F1020', 'メトホルミン錠250mg'],
    ['2189016F1021', 'アトルバスタチン錠10mg'],
    ['2325003F1020', 'ファモチジン錠20mg'],
    ['1124007F1037', 'ブロチゾラム錠0.25mg'],
    ['3399007H1021', 'アスピリン腸溶錠100mg'],
    ['2399005F1033', 'モサプリド錠5mg'],
    ['2144006F1020', 'アゼルニジピン錠8mg'],
    ['3943001F1020', 'アロプリノール錠100mg'],
  ] as const;
  const allergy = (id: string, text: string) => ({
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
      category: ['food'],
      code: { text },
      patient: { reference: 'urn:uuid:patient' },
      recordedDate: today(),
    },
  });
  await sendFhir(base, hospital, person, [
    ...medicines.map(([yj, name], i) => request(`ten-${i}-${person.email}`, yj, name, 28)),
    allergy('a1', 'そば'),
    allergy('a2', '卵'),
    allergy('a3', 'ペニシリン'),
  ]);
  await signInWithCode(page, person.email);
  await expect(page.getByTestId('summary-current').locator('li')).toHaveCount(10);
  // The card one tap away, and the current medicines starting, within the first 640 px.
  const card = await page.getByTestId('open-card').boundingBox();
  expect(card && card.y + card.height).toBeLessThan(640);
  const current = await page.getByTestId('summary-current').boundingBox();
  expect(current?.y).toBeLessThan(640);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  console.log(
    `/me, 10 medicines and 3 allergies, 360x640: card button ends at ${Math.round(card?.y ?? 0) + Math.round(card?.height ?? 0)} px, current medicines start at ${Math.round(current?.y ?? 0)} px, page ${height} px tall`,
  );
  // No proxies: nothing offers hiding records from them.
  await expect(page.locator('[data-testid^=visibility-]')).toHaveCount(0);
  await expectPhoneLayout(page);
  expect(await axeViolations(page), 'the person page with ten medicines').toEqual([]);
});
