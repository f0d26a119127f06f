import type { Page } from '@playwright/test';
import { expect, waitForServiceWorkerControl } from './fixtures';
import { nextCode, seenMail } from './mail';
import { demoEntryPoint, renkeiAdmin } from './renkei';

/**
 * People and facilities for the browser tests: a person registered through the API (the
 * registration tests already cover its screens), signed in on the page with the mailed code,
 * and a facility's API key for sending FHIR data.
 */

export const MEMBER = 'http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID';
export const YJ = 'http://capstandard.jp/iyaku.info/CodeSystem/YJ-code';

/** Today in Japan, as FHIR writes a date. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
}

/** A new API key for a facility (`renkei admin facility key create`). */
export function facilityKey(facility: string): string {
  const out = renkeiAdmin(['facility', 'key', 'create', '--facility', facility, '--label', 'e2e']);
  const key = out.split(/\s+/).find((w) => w.startsWith('rkf_'));
  if (!key) throw new Error(`no key in: ${out}`);
  return key;
}

/** Whom facility data is about: the member id, and the name the data gives, as JP Core writes it. */
export interface Patient {
  memberId: string;
  name: string;
  kana: string;
}

export interface Person extends Patient {
  email: string;
}

/**
 * Register someone through the API (consent, details, the mailed code, complete). `family`
 * and `familyKana` begin the name, so each test's people are easy to tell apart.
 */
export async function registerByApi(
  baseURL: string,
  family: { name: string; kana: string } = { name: '要約', kana: 'ヨウヤク' },
  birthDate = 'S22.2.2',
): Promise<Person> {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const number = String(1000 + Math.floor(Math.random() * 9000));
  const email = `s${tag}@example.jp`;
  const consent = (await (await fetch(`${baseURL}/api/networks/demo/consent`)).json()) as {
    version: number;
  };
  const key = crypto.randomUUID().replace(/-/g, '');
  const post = async (path: string, body: unknown) => {
    const r = await fetch(`${baseURL}/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  };
  const seen = seenMail(email);
  const kana = 'アイウエオカキクケコサシスセソ';
  const given = Array.from({ length: 3 }, () => kana[Math.floor(Math.random() * kana.length)]).join(
    '',
  );
  await post('/registrations', {
    key,
    entryPoint: demoEntryPoint().code,
    consentVersion: consent.version,
    documentKind: 'qualification_certificate',
    insurerNumber: '33120015',
    symbol: '77',
    number,
    branch: '01',
    name: `${family.name} ${given}`,
    nameKana: `${family.kana} ${given}`,
    birthDate,
    sex: 'female',
    phone: '09012345678',
    email,
  });
  await post('/registrations/verify-email', { key, code: await nextCode(email, seen) });
  await post('/registrations/complete', { key });
  return {
    email,
    memberId: `33120015:77:${number}:01`,
    name: `${family.name} ${given}`,
    kana: `${family.kana} ${given}`,
  };
}

/** Fills a date-of-birth field (昭和22年2月2日, as `registerByApi` registers everyone, unless told). */
export async function fillBirthDate(
  page: Page,
  [calendar, year, month, day] = ['S', '22', '2', '2'],
): Promise<void> {
  await page.getByLabel('元号・西暦').selectOption(calendar ?? 'S');
  await page.getByLabel('年', { exact: true }).fill(year ?? '');
  await page.getByLabel('月', { exact: true }).fill(month ?? '');
  await page.getByLabel('日', { exact: true }).fill(day ?? '');
}

/** Sign in on the page with a code mailed to the person (born as `birth` says); ends on `/me`. */
export async function signInWithCode(
  page: Page,
  email: string,
  birth?: [string, string, string, string],
): Promise<void> {
  await page.goto('/sign-in');
  await waitForServiceWorkerControl(page);
  const before = seenMail(email);
  await page.getByLabel('メールアドレス').fill(email);
  await fillBirthDate(page, birth);
  await page.getByRole('button', { name: 'コードを送る' }).click();
  await page.getByLabel('確認コード（6桁の数字）').fill(await nextCode(email, before));
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await expect(page).toHaveURL(/\/me$/);
}

const REPRESENTATION = 'http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation';

/** A FHIR transaction Bundle about the person, as a facility's system sends it (JP Core: the name in kanji and kana). */
export function fhirBundle(patient: Patient, entries: unknown[]): unknown {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: 'urn:uuid:patient',
        resource: {
          resourceType: 'Patient',
          identifier: [{ system: MEMBER, value: patient.memberId }],
          name: [
            { extension: [{ url: REPRESENTATION, valueCode: 'IDE' }], text: patient.name },
            { extension: [{ url: REPRESENTATION, valueCode: 'SYL' }], text: patient.kana },
          ],
        },
      },
      ...entries,
    ],
  };
}

/** Send FHIR data as a facility; the server's status and parsed answer. */
export async function postFhir(
  baseURL: string,
  key: string,
  patient: Patient,
  entries: unknown[],
): Promise<{ status: number; body: unknown }> {
  const r = await fetch(`${baseURL}/api/fhir`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/fhir+json' },
    body: JSON.stringify(fhirBundle(patient, entries)),
  });
  const text = await r.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text for the failure message
  }
  return { status: r.status, body };
}

/** A MedicationRequest entry dated today. */
export function medicationRequest(id: string, yj: string, name: string, days: number) {
  return {
    resource: {
      resourceType: 'MedicationRequest',
      identifier: [{ system: 'urn:e2e:rx', value: id }],
      status: 'active',
      intent: 'order',
      medicationCodeableConcept: { text: name, coding: [{ system: YJ, code: yj, display: name }] },
      subject: { reference: 'urn:uuid:patient' },
      authoredOn: today(),
      dosageInstruction: [{ text: '1日1回朝食後' }],
      dispenseRequest: {
        expectedSupplyDuration: {
          value: days,
          unit: '日',
          system: 'http://unitsofmeasure.org',
          code: 'd',
        },
      },
    },
  };
}

/**
 * Register on the screens, from the entry page (`/r/{code}`, already open) to the done screen:
 * agree, the details (a new person each time: `family` begins the name), the mailed code, a
 * passkey (the page needs a virtual authenticator). As `registration.spec.ts` does it, in short.
 */
export async function registerOnScreens(
  page: Page,
  family: { name: string; kana: string },
): Promise<{ name: string; email: string }> {
  const kana = 'アイウエオカキクケコサシスセソタチツテトナニヌネノ';
  const given = Array.from({ length: 3 }, () => kana[Math.floor(Math.random() * kana.length)]).join(
    '',
  );
  const name = `${family.name} ${given}`;
  const email = `n${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.jp`;
  await page.getByRole('button', { name: '同意して登録に進む' }).click();
  await expect(page).toHaveURL(/\/details$/);
  await page.getByRole('radio', { name: '資格確認書', exact: true }).check();
  await page.getByLabel('保険者番号', { exact: true }).fill('33120015');
  await page.getByLabel(/^記号/).fill('12');
  await page
    .getByLabel('番号', { exact: true })
    .fill(String(1000 + Math.floor(Math.random() * 9000)));
  await page.getByLabel(/^枝番/).fill('01');
  await page.getByLabel('氏名（漢字）').fill(name);
  await page.getByLabel('氏名（フリガナ）').fill(`${family.kana} ${given}`);
  await page.getByLabel('元号・西暦').selectOption('S');
  await page.getByLabel('年', { exact: true }).fill(String(10 + Math.floor(Math.random() * 50)));
  await page.getByLabel('月', { exact: true }).fill(String(1 + Math.floor(Math.random() * 12)));
  await page.getByLabel('日', { exact: true }).fill(String(1 + Math.floor(Math.random() * 28)));
  await page.getByRole('radio', { name: '女性' }).check();
  await page.getByLabel('電話番号').fill('09012345678');
  await page.getByLabel('メールアドレス').fill(email);
  const seen = seenMail(email);
  await page.getByRole('button', { name: '確認コードを送る' }).click();
  await expect(page).toHaveURL(/\/confirm$/);
  await page.getByLabel('確認コード（6桁の数字）').fill(await nextCode(email, seen));
  await page.getByRole('button', { name: '確認する' }).click();
  await expect(page.getByTestId('verify-done')).toBeVisible();
  await page.getByRole('button', { name: 'このスマートフォンにパスキーを作る' }).click();
  await expect(page).toHaveURL(/\/done$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('登録が完了しました');
  expect(await page.evaluate(() => sessionStorage.getItem('renkei.registration'))).toBeNull();
  return { name, email };
}
