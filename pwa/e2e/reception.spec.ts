import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { axeViolations, expect, expectPhoneLayout, test } from './fixtures';
import { nextCode, seenMail } from './mail';
import { fillBirthDate, registerByApi } from './people';
import { addAuthenticator, invite } from './staff';

/**
 * Clinic reception, end to end against the real server, on a desktop-sized reception PC.
 *
 * The network office invites a reception staff member (`renkei admin staff invite`); on the PC
 * (its own virtual authenticator) they open the enrolment link, see their name, role and
 * facility, make a passkey and are signed in; they sign out and in again. A typical paper form
 * is then entered WITH THE KEYBOARD ONLY (Tab, arrows, Space, Ctrl+Enter; the keystrokes are
 * counted and the time from the first keystroke to the saved entry printed), the claim sheet
 * printed (one A4 page, QR image and code present). A second form with the same kana and date
 * of birth shows the duplicate check; reusing the first form's serial puts its error beside
 * the serial field. The entries of the day, a correction and a reissued claim sheet follow, and
 * a paper withdrawal. On the resident's phone (360×740, another context with its own
 * authenticator) the claim sheet's link, the date of birth and a passkey sign them in to their
 * page (the new sheet's link opened in the same tab as the old one: only the fragment changes).
 * A second facility's staff member does not see the first facility's entries.
 *
 * A second test is the family path of a claim sheet: a form with the proxy box filled in (the
 * son, 子, why the mother could not sign); the son, who has an account of his own, opens the
 * sheet's link signed out on his phone, takes the family path (the relationship asked for when
 * missing), signs in as himself on the way and comes back, confirms his mother's date of birth
 * and his relationship, and is her proxy, acting for her under the banner (and again from his
 * switcher). The same link is then refused (`claim_invalid`), on his phone and for her own
 * sign-in. A third: the console signs out by itself after 15 minutes without input. axe-core
 * checks each screen.
 */

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

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
test.use(DESKTOP);

/** Chromium logs refused requests; here they are the point (duplicates, a used serial, 401, 404). */
const EXPECTED = /status of (401|404|409|422)/;

const CLINIC = '1410900002';
const HOSPITAL = '1410900001';

async function expectAccessible(page: Page, what: string): Promise<void> {
  expect(await axeViolations(page), what).toEqual([]);
}

async function newPage(browser: Browser, baseURL: string, device: typeof DESKTOP | typeof PHONE) {
  const context = await browser.newContext({
    ...device,
    baseURL,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !EXPECTED.test(m.text()))
      problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return { page, problems };
}

/** Keys pressed on the entry screen, counted. */
/**
 * The keyboard, counting keys, at `delay` ms a key: 250 ms is four keys a second, a practised
 * reception typist's pace, so the time printed is what the screen itself adds to typing.
 */
function keyboard(page: Page, delay = 0) {
  let count = 0;
  const pause = () => (delay > 0 ? page.waitForTimeout(delay) : Promise.resolve());
  return {
    async type(text: string) {
      count += [...text].length;
      await page.keyboard.type(text, { delay });
      await pause();
    },
    async press(key: string, times = 1) {
      for (let i = 0; i < times; i++) {
        count += 1;
        await page.keyboard.press(key);
        await pause();
      }
    },
    get count() {
      return count;
    },
  };
}

const KANA = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモ';
const pick = () => KANA[Math.floor(Math.random() * KANA.length)] as string;

test('reception enters a paper form by keyboard; the resident claims it on their phone', async ({
  page,
  browser,
  baseURL,
  problems,
}) => {
  test.setTimeout(180_000);
  problems.allow.push(EXPECTED);
  const base = baseURL ?? '';
  const tag = Date.now().toString(36).slice(-5).toUpperCase();
  const given = pick() + pick() + pick();
  const person = {
    name: `受付 ${given}子`,
    kana: `ウケツケ ${given}`,
    birth: 'S25.4.1',
    number: String(1000 + Math.floor(Math.random() * 9000)),
  };
  const serial = `E2E-${tag}-1`;

  // Enrolment: the office's link, on the reception PC.
  await addAuthenticator(page);
  const staffName = `受付 一郎${tag}`;
  await page.goto(invite(CLINIC, staffName));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('施設の職員の登録');
  await expect(page.getByTestId('staff-enrol-name')).toHaveText(staffName);
  await expect(page.getByTestId('staff-enrol-role')).toHaveText('受付');
  await expect(page.getByTestId('staff-enrol-facility')).toHaveText('デモ内科クリニック');
  await expectAccessible(page, 'enrolment');
  await page.getByTestId('staff-enrol-create').click();
  await expect(page).toHaveURL(/\/staff\/new$/);
  await expect(page.getByTestId('staff-facility')).toHaveText('デモ内科クリニック');
  await expect(page.getByTestId('staff-name')).toContainText(staffName);

  // Sign out, and in again with the passkey.
  await page.getByTestId('staff-sign-out').click();
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByTestId('staff-notice')).toContainText('ログアウトしました');
  await expect(page.getByText('ネットワーク事務局', { exact: false }).first()).toBeVisible();
  await expectAccessible(page, 'staff sign-in');
  await page.getByTestId('staff-sign-in-passkey').click();
  await expect(page).toHaveURL(/\/staff\/new$/);

  // The entry screen: an empty save names every missing item beside its field.
  await page.reload();
  await expect(page.getByTestId('staff-new-form')).toBeVisible();
  await expect(page.locator('#paper-name')).toBeFocused();
  await expectAccessible(page, 'entry screen');

  // A typical paper form, keyboard only.
  const keys = keyboard(page, 250);
  const started = Date.now();
  await keys.type(person.name); // 1 氏名
  await keys.press('Tab');
  await keys.type(person.kana); // 2 ふりがな
  await keys.press('Tab');
  await keys.press('Space'); // 3 性別: 女性 (the first choice)
  await keys.press('Tab');
  await keys.type(person.birth); // 4 生年月日
  await expect(page.getByTestId('readback-paper-birthDate')).toContainText('1950年4月1日');
  await keys.press('Tab');
  await keys.type('0451234567'); // 5 電話番号
  await keys.press('Tab'); // 6 住所: none
  await keys.press('Tab');
  await keys.press('ArrowDown'); // 7 書類: 資格確認書 (the second choice)
  await expect(page.locator('#paper-documentKind-qualification_certificate')).toBeChecked();
  await keys.press('Tab');
  await keys.type('33120015');
  await keys.press('Tab');
  await keys.type('77');
  await keys.press('Tab');
  await keys.type(person.number);
  await keys.press('Tab');
  await keys.type('01');
  await keys.press('Tab'); // 8 介護保険: none
  await keys.press('Tab'); // 9 メール: none
  await keys.press('Tab'); // 10 代理人: none
  await keys.press('Tab'); // 11 署名日: today, as prefilled
  await keys.press('Tab');
  await keys.type(serial); // 12 申込書番号
  await expect(page.getByTestId('staff-dup-none')).toBeVisible();
  await keys.press('Tab');
  await keys.press('Space'); // 本人確認書類を確認した
  await keys.press('Tab');
  await keys.press('Space'); // 署名済みの用紙を受け取った
  await keys.press('Control+Enter');
  await expect(page).toHaveURL(/\/staff\/entries\/[^/]+\/claim-sheet$/);
  await expect(page.getByTestId('claim-sheet')).toBeVisible();
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `reception form: ${keys.count} keystrokes, ${seconds.toFixed(1)} s at four keys a second`,
  );
  const entryUrl = page.url().replace(/\/claim-sheet$/, '');

  // The claim sheet: name, number, the QR code as an image, the code, the expiry; one A4 page.
  const sheet = page.getByTestId('claim-sheet');
  await expect(page.getByTestId('sheet-name')).toContainText(person.name);
  const number = (await page.getByTestId('sheet-number').textContent()) ?? '';
  expect(number).toMatch(/^[0-9A-Z-]{6,}$/);
  const code = (await page.getByTestId('sheet-code').textContent()) ?? '';
  expect(code).toMatch(/^[0-9A-Z-]{8,}$/);
  await expect(page.getByTestId('sheet-qr')).toHaveAttribute('src', /^data:image\/svg\+xml/);
  expect(
    await page
      .getByTestId('sheet-qr')
      .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
  ).toBe(true);
  await expect(page.getByTestId('sheet-expires')).toContainText('有効期限');
  const claimUrl = ((await sheet.locator('.sheet__url-text').textContent()) ?? '').trim();
  expect(claimUrl).toMatch(/\/claim#/);
  await expectAccessible(page, 'claim sheet');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.staff-header')).toBeHidden();
  await expect(page.getByTestId('staff-sheet-print')).toBeHidden();
  await expect(page.getByTestId('sheet-qr')).toBeVisible();
  await expect(page.getByTestId('sheet-code')).toHaveText(code);
  expect(
    await sheet.evaluate((el) => el.scrollHeight - el.clientHeight),
    'the sheet fits its page',
  ).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(SCREENSHOTS, 'claim-sheet-print.png'), fullPage: true });
  await page.emulateMedia({ media: null });
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  writeFileSync(join(SCREENSHOTS, 'claim-sheet-a4.pdf'), pdf);
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).toHaveLength(1);

  // A second form with the same kana and date of birth: the duplicate check.
  await page.getByTestId('staff-sheet-next').click();
  await expect(page.locator('#paper-name')).toBeFocused();
  const second = {
    name: `受付 ${given}美`,
    number: String(1000 + Math.floor(Math.random() * 9000)),
  };
  await page.keyboard.type(second.name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(person.kana);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.type(person.birth);
  await page.keyboard.press('Tab');
  const dups = page.getByTestId('staff-duplicates');
  await expect(dups).toBeVisible();
  await expect(dups).toContainText(person.name);
  await expect(dups).toContainText('****');
  await expectAccessible(page, 'duplicates shown');
  await page.screenshot({ path: join(SCREENSHOTS, 'reception-duplicates.png'), fullPage: true });
  // Saving without saying "a different person" is refused beside the box.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('error-paper-notDuplicate')).toBeVisible();
  // The focus is on the list of what is missing; its link leads to the box.
  await expect(page.getByTestId('error-summary')).toBeFocused();
  await page.locator('[data-testid=error-summary] a[href="#paper-notDuplicate"]').press('Enter');
  await expect(page.getByTestId('staff-not-duplicate')).toBeFocused();
  await page.keyboard.press('Space'); // 別の方です
  await page.locator('#paper-phone').focus();
  await page.keyboard.type('0459876543');
  await page.locator('#paper-documentKind-my_number_card').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await page.keyboard.type('33120015');
  await page.keyboard.press('Tab');
  await page.keyboard.type('77');
  await page.keyboard.press('Tab');
  await page.keyboard.type(second.number);
  await page.locator('#paper-formSerial').focus();
  await page.keyboard.type(serial); // the first form's serial, again
  await page.locator('#paper-identityChecked').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter'); // Enter on a checkbox saves nothing
  await expect(page.getByTestId('error-summary')).toHaveCount(0);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('error-paper-formSerial')).toContainText(
    'この申込書番号は、この施設ですでに入力されています',
  );
  await expect(page.locator('#paper-formSerial')).toBeFocused();
  await expectAccessible(page, 'entry screen with a used serial');
  await page.keyboard.press('Control+a');
  await page.keyboard.type(`E2E-${tag}-2`);
  await page.keyboard.press('Control+Enter');
  await expect(page).toHaveURL(/\/claim-sheet$/);
  const secondNumber = (await page.getByTestId('sheet-number').textContent()) ?? '';

  // The day's entries: both forms, with who entered them.
  await page.getByRole('link', { name: '本日の入力' }).click();
  const rows = page.getByTestId('staff-entry-row');
  await expect(rows.filter({ hasText: person.name })).toHaveCount(1);
  await expect(rows.filter({ hasText: second.name })).toHaveCount(1);
  await expect(rows.filter({ hasText: person.name })).toContainText(staffName);
  await expectAccessible(page, 'entries');

  // A correction: the phone number, recorded in the history; then a new claim sheet.
  await page.goto(new URL(entryUrl).pathname);
  await expect(page.getByTestId('staff-changes-none')).toBeVisible();
  await page.getByTestId('staff-correct').click();
  await page.locator('#fix-phone').fill('0451112222');
  await expectAccessible(page, 'correction');
  await page.getByTestId('staff-correction-save').click();
  await expect(page.getByTestId('staff-entry-saved')).toBeVisible();
  await expect(page.getByTestId('staff-changes')).toContainText('電話番号');
  await page.getByTestId('staff-reissue').click();
  await expect(page.getByRole('alert').filter({ hasText: '使えなくなります' })).toBeVisible();
  // Only with the person at the desk: the document checked is asked for first.
  await page.getByTestId('staff-reissue-yes').click();
  await expect(page.locator('#reissue-identity')).toContainText(
    'ご本人の確認に使った書類を選んでください。',
  );
  await page.getByRole('radio', { name: '運転免許証' }).check();
  await expectAccessible(page, 'reissue, the document checked');
  await page.getByTestId('staff-reissue-yes').click();
  await expect(page).toHaveURL(/\/claim-sheet$/);
  const newCode = (await page.getByTestId('sheet-code').textContent()) ?? '';
  expect(newCode).not.toBe(code);
  const newClaimUrl = ((await page.locator('.sheet__url-text').textContent()) ?? '').trim();

  // A paper withdrawal for the second person.
  await page.getByRole('link', { name: '撤回の入力' }).click();
  await page.locator('#wd-formSerial').fill(`E2E-${tag}-W`);
  await page.locator('#wd-registrationNumber').fill(secondNumber);
  await page.locator('#wd-birthDate').fill('1950-04-01');
  await page.locator('#wd-identityChecked').check();
  await page.locator('#wd-formReceived').check();
  await expectAccessible(page, 'withdrawal');
  await page.getByTestId('staff-withdrawal-save').click();
  await expect(page.getByTestId('staff-withdrawal-done')).toContainText(second.name);

  // The blank paper form: the same twelve items, one A4 page.
  await page.getByRole('link', { name: '申込書の印刷' }).click();
  await expect(page.getByTestId('paper-facility-box')).toContainText('デモ内科クリニック');
  await expectAccessible(page, 'paper form');
  const pdfForm = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  writeFileSync(join(SCREENSHOTS, 'paper-form-a4.pdf'), pdfForm);
  expect(pdfForm.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).toHaveLength(1);
  await page.emulateMedia({ media: 'print' });
  expect(
    await page.getByTestId('paper-form').evaluate((el) => el.scrollHeight - el.clientHeight),
    'the form fits its page',
  ).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(SCREENSHOTS, 'paper-form-print.png'), fullPage: true });
  await page.emulateMedia({ media: null });

  // The resident, on their own phone: the old sheet no longer works, the new one does.
  const phone = await newPage(browser, base, PHONE);
  const auth = await addAuthenticator(phone.page);
  await phone.page.goto(new URL(claimUrl).pathname + new URL(claimUrl).hash);
  await phone.page.getByLabel('元号・西暦').selectOption('S');
  await phone.page.getByLabel('年', { exact: true }).fill('25');
  await phone.page.getByLabel('月', { exact: true }).fill('4');
  await phone.page.getByLabel('日', { exact: true }).fill('1');
  await phone.page.getByTestId('claim-submit').click();
  await expect(phone.page.getByTestId('claim-problem')).toBeVisible();
  // The new sheet's link in the same tab: only the fragment changes (the page stays), and the
  // claim page takes the new code, starting afresh (nothing of the failed attempt left).
  await phone.page.goto(new URL(newClaimUrl).pathname + new URL(newClaimUrl).hash);
  await expect(phone.page.getByRole('heading', { level: 1 })).toHaveText('ご自身で使い始める');
  await expect(phone.page.getByTestId('claim-problem')).toHaveCount(0);
  await expect(phone.page.getByLabel('年', { exact: true })).toHaveValue('');
  await expect(phone.page.getByTestId('claim-family')).toBeVisible();
  expect(await axeViolations(phone.page), 'claim on the phone').toEqual([]);
  await phone.page.getByLabel('元号・西暦').selectOption('S');
  await phone.page.getByLabel('年', { exact: true }).fill('25');
  await phone.page.getByLabel('月', { exact: true }).fill('4');
  await phone.page.getByLabel('日', { exact: true }).fill('1');
  await phone.page.screenshot({
    path: join(SCREENSHOTS, 'reception-claim-phone.png'),
    fullPage: true,
  });
  await phone.page.getByTestId('claim-submit').click();
  await expect(phone.page).toHaveURL(/\/me$/);
  await expect(phone.page.getByTestId('me-name')).toHaveText(`${person.name} さん`);
  const { credentials } = await auth.cdp.send('WebAuthn.getCredentials', {
    authenticatorId: auth.id,
  });
  expect(credentials).toHaveLength(1);
  expect(phone.problems).toEqual([]);
  await phone.page.context().close();

  // Another facility's staff member sees none of this facility's entries.
  const other = await newPage(browser, base, DESKTOP);
  await addAuthenticator(other.page);
  await other.page.goto(invite(HOSPITAL, `病院受付 ${tag}`));
  await other.page.getByTestId('staff-enrol-create').click();
  await expect(other.page).toHaveURL(/\/staff\/new$/);
  await expect(other.page.getByTestId('staff-facility')).toHaveText('デモ総合病院');
  await other.page.goto('/staff/entries');
  await expect(other.page.getByTestId('staff-entries-day')).toBeVisible();
  await expect(other.page.getByTestId('staff-entries')).not.toContainText(person.name);
  await expect(other.page.getByTestId('staff-entries')).not.toContainText(second.name);
  await other.page.goto(new URL(entryUrl).pathname);
  await expect(other.page.getByTestId('staff-entry-error')).toBeVisible();
  expect(other.problems).toEqual([]);
  await other.page.context().close();
});

test('a family member named in the proxy box takes the proxy role from the claim sheet', async ({
  page,
  browser,
  baseURL,
  problems,
}) => {
  test.setTimeout(120_000);
  problems.allow.push(EXPECTED);
  const base = baseURL ?? '';
  const tag = Date.now().toString(36).slice(-5).toUpperCase();
  const given = pick() + pick() + pick();
  const parent = {
    name: `家族 ${given}`,
    kana: `カゾク ${given}`,
    number: String(1000 + Math.floor(Math.random() * 9000)),
  };

  // The family member (the son) already has an account of his own, signing in with mailed
  // codes; his phone can make passkeys (its own authenticator). He is signed out when the claim
  // sheet reaches him. (With a passkey, the virtual authenticator would answer the sign-in
  // page's autofill request by itself and sign him straight back in.)
  const member = await registerByApi(base, { name: '息子', kana: 'ムスコ' });
  const phone = await newPage(browser, base, PHONE);
  const auth = await addAuthenticator(phone.page);

  // Reception: the parent's paper form, with the proxy box filled in by the son.
  await addAuthenticator(page);
  await page.goto(invite(CLINIC, `受付 家族${tag}`));
  await page.getByTestId('staff-enrol-create').click();
  await expect(page).toHaveURL(/\/staff\/new$/);
  await page.locator('#paper-name').fill(parent.name);
  await page.locator('#paper-nameKana').fill(parent.kana);
  await page.locator('#paper-sex-female').check();
  await page.locator('#paper-birthDate').fill('S20.7.15');
  await expect(page.getByTestId('readback-paper-birthDate')).toContainText('1945年7月15日');
  await page.locator('#paper-phone').fill('0451234567');
  await page.locator('#paper-documentKind-qualification_certificate').check();
  await page.locator('#paper-insurerNumber').fill('33120015');
  await page.locator('#paper-symbol').fill('77');
  await page.locator('#paper-number').fill(parent.number);
  await page.locator('#paper-branch').fill('01');
  await page.getByTestId('staff-has-proxy').check();
  // The box names him as his own account does: reception checked the form, so the link is confirmed.
  await page.locator('#paper-proxyName').fill(member.name);
  await page.locator('#paper-proxyRelationship-child').check();
  await page.locator('#paper-proxyReason-cannot_operate').check();
  await page.locator('#paper-formSerial').fill(`E2E-${tag}-P`);
  await expect(page.getByTestId('staff-dup-none')).toBeVisible();
  await page.locator('#paper-identityChecked').check();
  await page.locator('#paper-formReceived').check();
  await expectAccessible(page, 'entry screen with the proxy box');
  await page.getByTestId('staff-save').click();
  await expect(page).toHaveURL(/\/staff\/entries\/[^/]+\/claim-sheet$/);
  await expect(page.getByTestId('sheet-name')).toContainText(parent.name);
  const claimUrl = new URL(((await page.locator('.sheet__url-text').textContent()) ?? '').trim());
  const claimPath = claimUrl.pathname + claimUrl.hash;
  const code = decodeURIComponent(claimUrl.hash.slice(1));

  // On the son's phone: the claim sheet's link, the family path; signed out, so sign-in first.
  await phone.page.goto(claimPath);
  await expect(phone.page.getByRole('heading', { level: 1 })).toHaveText('ご自身で使い始める');
  const familyPath = phone.page.getByTestId('claim-family');
  await expect(familyPath.getByRole('heading', { level: 2 })).toHaveText(
    'ご家族（代理人）の方: ご自身でログインして代理になる',
  );
  // Choosing nothing: the relationship is asked for beside its field.
  await familyPath.getByRole('button', { name: 'ご自身でログインして代理になる' }).click();
  await expect(phone.page.getByTestId('error-claim-relationship')).toBeVisible();
  await expectPhoneLayout(phone.page);
  expect(await axeViolations(phone.page), 'claim, family path with errors').toEqual([]);
  await phone.page.getByLabel('元号・西暦').selectOption('S');
  await phone.page.getByLabel('年', { exact: true }).fill('20');
  await phone.page.getByLabel('月', { exact: true }).fill('7');
  await phone.page.getByLabel('日', { exact: true }).fill('15');
  await familyPath.getByRole('radio', { name: '子', exact: true }).check();
  await familyPath.getByRole('button', { name: 'ご自身でログインして代理になる' }).click();
  await expect(phone.page).toHaveURL(/\/sign-in\?next=/);
  expect(new URL(phone.page.url()).searchParams.get('next')).toBe(`/claim?as=family#${code}`);
  expect(await axeViolations(phone.page), 'sign-in on the way to the proxy role').toEqual([]);
  const before = seenMail(member.email);
  await phone.page.getByLabel('メールアドレス').fill(member.email);
  await fillBirthDate(phone.page);
  await phone.page.getByRole('button', { name: 'コードを送る' }).click();
  await phone.page.getByLabel('確認コード（6桁の数字）').fill(await nextCode(member.email, before));
  await phone.page.getByRole('button', { name: 'ログイン', exact: true }).click();

  // Back on the claim page, as himself: the parent's date of birth and his relationship again.
  await expect(phone.page).toHaveURL(/\/claim\?as=family#/);
  await expect(phone.page.getByTestId('claim-family-back')).toBeVisible();
  // Signed in as himself, he is not offered a passkey for his mother's account on his phone.
  await expect(phone.page.getByTestId('claim-submit')).toHaveCount(0);
  await expect(phone.page.getByTestId('claim-not-family')).toBeVisible();
  await expectPhoneLayout(phone.page);
  expect(await axeViolations(phone.page), 'claim, back from sign-in').toEqual([]);
  await phone.page.getByLabel('元号・西暦').selectOption('S');
  await phone.page.getByLabel('年', { exact: true }).fill('20');
  await phone.page.getByLabel('月', { exact: true }).fill('7');
  await phone.page.getByLabel('日', { exact: true }).fill('15');
  await familyPath.getByRole('radio', { name: '子', exact: true }).check();
  await phone.page.screenshot({
    path: join(SCREENSHOTS, 'reception-claim-family.png'),
    fullPage: true,
  });
  const accepted = phone.page.waitForResponse((r) =>
    r.url().endsWith('/api/claims/accept-as-proxy'),
  );
  await familyPath.getByRole('button', { name: 'ご自身でログインして代理になる' }).click();
  expect((await accepted).status()).toBe(201);

  // The proxy, acting for the parent: her page under the banner, and she is in his switcher.
  await expect(phone.page).toHaveURL(/\/me$/);
  const banner = phone.page.getByTestId('acting-banner');
  await expect(banner).toContainText(`${parent.name}さんの代理で操作中`);
  await expect(phone.page.getByTestId('me-name')).toHaveText(`${parent.name} さんのページ`);
  await expectPhoneLayout(phone.page);
  expect(await axeViolations(phone.page), 'acting for the parent from the claim sheet').toEqual([]);
  await phone.page.screenshot({
    path: join(SCREENSHOTS, 'reception-claim-family-acting.png'),
    fullPage: true,
  });
  await phone.page.getByTestId('acting-back').click();
  await expect(banner).toHaveCount(0);
  await expect(phone.page.getByTestId('family')).toContainText(parent.name);
  await phone.page.getByTestId('family').getByTestId('family-act').click();
  await expect(banner).toContainText(`${parent.name}さんの代理で操作中`);
  await phone.page.getByTestId('acting-back').click();
  await expect(banner).toHaveCount(0);
  const { credentials } = await auth.cdp.send('WebAuthn.getCredentials', {
    authenticatorId: auth.id,
  });
  expect(credentials, 'becoming the proxy makes no passkey on the son’s phone').toHaveLength(0);

  // The sheet is spent: the same link again is refused by the server, on the page as a problem.
  await phone.page.goto(claimPath);
  await phone.page.getByLabel('元号・西暦').selectOption('S');
  await phone.page.getByLabel('年', { exact: true }).fill('20');
  await phone.page.getByLabel('月', { exact: true }).fill('7');
  await phone.page.getByLabel('日', { exact: true }).fill('15');
  await familyPath.getByRole('radio', { name: '子', exact: true }).check();
  const refused = phone.page.waitForResponse((r) =>
    r.url().endsWith('/api/claims/accept-as-proxy'),
  );
  await familyPath.getByRole('button', { name: 'ご自身でログインして代理になる' }).click();
  const answer = await refused;
  expect(answer.status()).toBe(422);
  expect(((await answer.json()) as { code?: string }).code).toBe('claim_invalid');
  await expect(phone.page.getByTestId('claim-problem')).toBeVisible();
  await expectPhoneLayout(phone.page);
  expect(await axeViolations(phone.page), 'claim sheet spent').toEqual([]);
  // Nor can anyone start the parent's own sign-in with it.
  const self = await fetch(`${base}/api/claims/passkey-options`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, birthDate: '1945-07-15' }),
  });
  expect(self.status).toBe(422);
  expect(((await self.json()) as { code?: string }).code).toBe('claim_invalid');
  expect(phone.problems).toEqual([]);
  await phone.page.context().close();
});

test('the console signs out by itself after 15 minutes without input, warning at 14', async ({
  page,
  problems,
}) => {
  problems.allow.push(EXPECTED);
  await page.clock.install();
  await addAuthenticator(page);
  await page.goto(invite(CLINIC, `受付 時計${Date.now().toString(36).slice(-4)}`));
  await page.getByTestId('staff-enrol-create').click();
  await expect(page).toHaveURL(/\/staff\/new$/);
  await page.keyboard.type('山田');
  await page.clock.fastForward('13:59');
  await expect(page.getByTestId('staff-idle-warning')).toHaveCount(0);
  await page.clock.fastForward('00:02');
  await expect(page.getByTestId('staff-idle-warning')).toBeVisible();
  await expectAccessible(page, 'idle warning');
  await page.clock.fastForward('01:00');
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByTestId('staff-notice')).toContainText(
    '15分操作がなかったため、ログアウトしました',
  );
  // The server's session is over too: the console's pages send back to sign-in.
  await page.goto('/staff/entries');
  await expect(page).toHaveURL(/\/staff$/);
});
