import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Locator, Page } from '@playwright/test';
import { axeViolations, expect, expectPhoneLayout, test } from './fixtures';
import { nextCode, seenMail } from './mail';
import { compact, demoEntryPoint } from './renkei';

/**
 * Registration from a poster's QR code on a phone, end to end against the real server:
 * consent → details → the code from the email → a passkey (or none) → done; then the
 * person's page, signing out, and signing in again with the passkey (button and autofill) or
 * with an email code; and getting back in on a new phone (recovery). Passkeys come from
 * Chromium's virtual authenticator (one per page, like the phone's own), mail from the .eml
 * files the server writes (e2e/mail.ts). axe-core checks every screen.
 */

/** Chromium logs every 4xx answer; in these tests some are the point (a wrong code, a refusal). */
const EXPECTED = (...statuses: number[]) => new RegExp(`status of (${statuses.join('|')})`);

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

/** Give this page a phone's built-in authenticator (fingerprint or screen lock, always verified). */
async function addAuthenticator(page: Page): Promise<{ cdp: CDPSession; id: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, id: authenticatorId };
}

/**
 * Chromium's virtual authenticator answers a passkey-autofill request (conditional mediation) at
 * once with the first passkey it holds — there is nobody to pick from the list — so a sign-in
 * page would sign in by itself. Tests of the other ways in switch autofill off: on every page
 * load while the `e2e-no-autofill` flag is set in localStorage (set here, unless `flagOnly`).
 */
async function withoutAutofill(page: Page, flagOnly = false): Promise<void> {
  if (!flagOnly) {
    await page.addInitScript(() => localStorage.setItem('e2e-no-autofill', '1'));
  }
  await page.addInitScript(() => {
    if (localStorage.getItem('e2e-no-autofill') !== '1') return;
    Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', {
      value: () => Promise.resolve(false),
    });
  });
}

async function credentialCount(auth: { cdp: CDPSession; id: string }): Promise<number> {
  const { credentials } = await auth.cdp.send('WebAuthn.getCredentials', {
    authenticatorId: auth.id,
  });
  return credentials.length;
}

const KANA =
  'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ';

function pick(text: string): string {
  return text[Math.floor(Math.random() * text.length)] as string;
}

interface Person {
  name: string;
  kana: string;
  /** 昭和 year, month, day. */
  birth: { year: string; month: string; day: string };
  phone: string;
  email: string;
  insurer: string;
  symbol: string;
  number: string;
  branch: string;
}

/** A new person for each test: a different kana name and birthday, so nobody is matched to another. */
function newPerson(): Person {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const given = pick(KANA) + pick(KANA) + pick(KANA);
  return {
    name: `試験 ${given}`,
    kana: `シケン ${given}`,
    birth: {
      year: String(10 + Math.floor(Math.random() * 50)),
      month: String(1 + Math.floor(Math.random() * 12)),
      day: String(1 + Math.floor(Math.random() * 28)),
    },
    phone: '09012345678',
    email: `h${tag}@example.jp`,
    insurer: '33120015',
    symbol: '12',
    number: String(1000 + Math.floor(Math.random() * 9000)),
    branch: '01',
  };
}

/** Type like a person (`delay` ms between characters), or fill at once. */
async function enter(field: Locator, text: string, delay: number): Promise<void> {
  if (delay > 0) {
    await field.click();
    await field.pressSequentially(text, { delay });
  } else {
    await field.fill(text);
  }
}

/** Screen 1: the entry page with the consent document; agree. */
async function agree(page: Page): Promise<void> {
  await page.goto(`/r/${compact(demoEntryPoint().code)}`);
  const agreeButton = page.getByRole('button', { name: '同意して登録に進む' });
  await expect(agreeButton).toBeVisible();
  await agreeButton.click();
  await expect(page).toHaveURL(/\/details$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('登録内容の入力');
}

const field = {
  insurer: (page: Page) => page.getByLabel('保険者番号', { exact: true }),
  symbol: (page: Page) => page.getByLabel(/^記号/),
  number: (page: Page) => page.getByLabel('番号', { exact: true }),
  branch: (page: Page) => page.getByLabel(/^枝番/),
  name: (page: Page) => page.getByLabel('氏名（漢字）'),
  kana: (page: Page) => page.getByLabel('氏名（フリガナ）'),
  calendar: (page: Page) => page.getByLabel('元号・西暦'),
  year: (page: Page) => page.getByLabel('年', { exact: true }),
  month: (page: Page) => page.getByLabel('月', { exact: true }),
  day: (page: Page) => page.getByLabel('日', { exact: true }),
  phone: (page: Page) => page.getByLabel('電話番号'),
  email: (page: Page) => page.getByLabel('メールアドレス'),
};

/** Screen 2: fill in everything (typing at `delay` ms per character). */
async function fillDetails(page: Page, person: Person, delay = 0): Promise<void> {
  await page.getByRole('radio', { name: '資格確認書', exact: true }).check();
  await expect(page.getByTestId('document-picture')).toBeVisible();
  await enter(field.insurer(page), person.insurer, delay);
  await expect(page.getByText('保険者番号の形に誤りはありません。')).toBeVisible();
  await enter(field.symbol(page), person.symbol, delay);
  await enter(field.number(page), person.number, delay);
  await enter(field.branch(page), person.branch, delay);
  await enter(field.name(page), person.name, delay);
  await enter(field.kana(page), person.kana, delay);
  await field.calendar(page).selectOption('S');
  await enter(field.year(page), person.birth.year, delay);
  await enter(field.month(page), person.birth.month, delay);
  await enter(field.day(page), person.birth.day, delay);
  await expect(page.getByTestId('readback-reg-birthDate')).toContainText(
    `昭和${person.birth.year}年`,
  );
  await page.getByRole('radio', { name: '女性' }).check();
  await enter(field.phone(page), person.phone, delay);
  await enter(field.email(page), person.email, delay);
}

/** Send the details; screen 3 opens with the masked address. Returns the mail seen before. */
async function sendDetails(page: Page, person: Person): Promise<Set<string>> {
  const seen = seenMail(person.email);
  await page.getByRole('button', { name: '確認コードを送る' }).click();
  await expect(page).toHaveURL(/\/confirm$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('メールの確認とログインの準備');
  await expect(page.getByTestId('verify-sent')).toContainText('6桁の確認コードを送りました');
  return seen;
}

/** Screen 3 (a): the code from the email. */
async function confirmEmail(
  page: Page,
  person: Person,
  seen: Set<string>,
  delay = 0,
): Promise<void> {
  const code = await nextCode(person.email, seen);
  await enter(page.getByLabel('確認コード（6桁の数字）'), code, delay);
  await page.getByRole('button', { name: '確認する' }).click();
  await expect(page.getByTestId('verify-done')).toHaveText('メールアドレスを確認しました。');
}

/** Screen 4: the registration number; the draft is gone from the phone. */
async function expectDone(page: Page): Promise<string> {
  await expect(page).toHaveURL(/\/done$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('登録が完了しました');
  const number = (await page.getByTestId('registration-number').textContent())?.trim() ?? '';
  expect(number).toMatch(/^[0-9A-Z][0-9A-Z*~$=-]{3,}$/);
  expect(await page.evaluate(() => sessionStorage.getItem('renkei.registration'))).toBeNull();
  return number;
}

/**
 * For pages of extra browser contexts (the `problems` fixture watches only the test's own page):
 * collect console errors and uncaught exceptions, except those matching `allow`.
 */
function watchProblems(page: Page, allow: RegExp[] = []): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !allow.some((a) => a.test(message.text()))) {
      seen.push(`console error: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => seen.push(`page error: ${error.message}`));
  return seen;
}

async function expectAccessible(page: Page, label: string): Promise<void> {
  expect(await axeViolations(page), label).toEqual([]);
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'ログアウト', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ログイン');
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
}

async function expectMe(page: Page, person: Person, number: string): Promise<void> {
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByTestId('me-name')).toHaveText(`${person.name} さん`);
  await expect(page.getByTestId('me-registration-number')).toHaveText(number);
  await expect(page.getByTestId('me-networks')).toContainText('デモ');
  await expect(page.getByTestId('me-summary')).toContainText('まだ情報はありません。');
  await expect(page.getByTestId('me-summary')).toContainText('参加した日より後');
}

test.describe('registration on a phone', () => {
  test('with a passkey: consent, details, email code, passkey, done, own page, sign out, sign in with the passkey', async ({
    page,
    problems,
  }) => {
    problems.allow.push(EXPECTED(409));
    const auth = await addAuthenticator(page);
    // Typed on a Japanese keyboard in full width: checked on the phone, normalised by the server.
    const person = { ...newPerson(), insurer: '３３１２００１５' };

    // Screen 1: what joining means and the consent document, version shown, full text a tap away.
    await page.goto(`/r/${compact(demoEntryPoint().code)}`);
    await expect(page.getByTestId('consent-version')).toContainText('同意書 第');
    await expect(page.getByTestId('consent-summary')).not.toBeEmpty();
    const full = page.getByTestId('consent-full');
    await full.locator('summary').click();
    await expect(full.locator('h4').first()).toBeVisible();
    await expectAccessible(page, 'consent');
    await expectPhoneLayout(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'register-1-consent.png'), fullPage: true });
    await page.getByRole('button', { name: '同意して登録に進む' }).click();

    // Screen 2: details. A mistyped insurer number is caught as it is typed, before sending.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('登録内容の入力');
    await expect(page.getByText('ステップ 2 / 4')).toBeVisible();
    await page.getByRole('radio', { name: '資格確認書', exact: true }).check();
    const insurer = field.insurer(page);
    await insurer.fill('33120016');
    await expect(insurer).toHaveAttribute('aria-invalid', 'true');
    await expect(insurer).toHaveAccessibleDescription(/保険者番号が正しくないようです/);
    await expect(page.getByTestId('error-reg-insurerNumber')).toBeVisible();
    await expectAccessible(page, 'details with a live error');
    await insurer.fill('33120015');
    await expect(insurer).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('error-reg-insurerNumber')).toHaveCount(0);
    await fillDetails(page, person);
    await expectAccessible(page, 'details');
    await expectPhoneLayout(page);
    // In English too: the labels carry the Japanese words printed on the document.
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your details');
    await expect(page.locator('label[for=reg-insurerNumber]')).toHaveText(
      'Insurer number 保険者番号',
    );
    await expect(page.getByTestId('readback-reg-birthDate')).toContainText('(Showa ');
    await expectAccessible(page, 'details in English');
    await expectPhoneLayout(page);
    await page.getByRole('button', { name: '日本語', exact: true }).click();
    await page.screenshot({ path: join(SCREENSHOTS, 'register-2-details.png'), fullPage: true });

    // A dropped connection or a reload keeps what was typed (in this tab only).
    await page.reload();
    await expect(field.email(page)).toHaveValue(person.email);
    await expect(field.insurer(page)).toHaveValue(person.insurer);
    const seen = await sendDetails(page, person);

    // Screen 3: the code from the email, then a passkey on this phone.
    await expectAccessible(page, 'email code');
    await expectPhoneLayout(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'register-3-code.png'), fullPage: true });
    await confirmEmail(page, person, seen);
    await expect(
      page.getByRole('heading', { name: 'このスマートフォンでログインの準備' }),
    ).toBeFocused();
    await expectAccessible(page, 'passkey');
    await expectPhoneLayout(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'register-3-passkey.png'), fullPage: true });
    await page.getByRole('button', { name: 'このスマートフォンにパスキーを作る' }).click();

    // Screen 4: the registration number, and nothing left of the draft.
    const number = await expectDone(page);
    expect(await credentialCount(auth)).toBe(1);
    await expect(
      page.getByText('次からは、このスマートフォンのパスキーでログインできます。'),
    ).toBeVisible();
    await expectAccessible(page, 'done');
    await expectPhoneLayout(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'register-4-done.png'), fullPage: true });

    // The person's own page.
    await page.getByRole('link', { name: 'あなたのページを見る' }).click();
    await expectMe(page, person, number);
    await expect(page.getByTestId('me-passkey')).toHaveCount(0); // has one already
    await expectAccessible(page, 'me');
    await expectPhoneLayout(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'me.png'), fullPage: true });

    // Sign out. The sign-in page is checked first without the browser's passkey autofill
    // (see withoutAutofill), then with it.
    await withoutAutofill(page, true);
    await page.evaluate(() => localStorage.setItem('e2e-no-autofill', '1'));
    await page.reload();
    await expect(page.getByTestId('me-registration-number')).toHaveText(number);
    await signOut(page);
    await expectAccessible(page, 'sign-in');
    await expectPhoneLayout(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in.png'), fullPage: true });

    // The account uses a passkey: an email code is refused, with what to do instead.
    const before = seenMail(person.email);
    await page.getByLabel('メールアドレス').fill(person.email);
    await field.calendar(page).selectOption('S');
    await field.year(page).fill(person.birth.year);
    await field.month(page).fill(person.birth.month);
    await field.day(page).fill(person.birth.day);
    await page.getByRole('button', { name: 'コードを送る' }).click();
    await page.getByLabel('確認コード（6桁の数字）').fill(await nextCode(person.email, before));
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await expect(page.getByTestId('passkey-required')).toContainText('パスキーでログイン');
    await expect(page.getByTestId('passkey-required').getByRole('link')).toHaveAttribute(
      'href',
      '/recover',
    );
    await expectAccessible(page, 'passkey required');

    // The passkey button signs in.
    await page.getByRole('button', { name: 'パスキーでログイン' }).click();
    await expectMe(page, person, number);

    // The browser's passkey autofill on the sign-in page signs in too (conditional mediation):
    // the email field offers the passkey; the virtual authenticator picks it at once.
    await page.evaluate(() => localStorage.removeItem('e2e-no-autofill'));
    await page.reload();
    await expect(page.getByTestId('me-registration-number')).toHaveText(number);
    const signedOut = page.waitForResponse(
      (r) => r.url().endsWith('/api/sign-out') && r.status() === 204,
    );
    const autofill = page.waitForResponse(
      (r) => r.url().endsWith('/api/sign-in/passkey') && r.status() === 200,
    );
    await page.getByRole('button', { name: 'ログアウト', exact: true }).click();
    await signedOut;
    await autofill;
    await expectMe(page, person, number);
  });

  test('without a passkey: the email-code fallback, then signing in with an email code', async ({
    page,
    problems,
  }) => {
    problems.allow.push(EXPECTED(401, 422));
    // No authenticator on this "phone": the app offers to continue with email codes.
    await page.addInitScript(() => {
      const pkc = window.PublicKeyCredential as unknown as Record<string, unknown> | undefined;
      if (pkc) pkc['isUserVerifyingPlatformAuthenticatorAvailable'] = () => Promise.resolve(false);
    });
    const person = newPerson();
    await agree(page);
    await fillDetails(page, person);
    const seen = await sendDetails(page, person);
    await confirmEmail(page, person, seen);
    await expect(page.getByTestId('passkey-unsupported')).toBeVisible();
    await expect(
      page.getByRole('button', { name: 'このスマートフォンにパスキーを作る' }),
    ).toHaveCount(0);
    await expectAccessible(page, 'no passkey support');
    await page.getByRole('button', { name: /パスキーを使わずに続ける/ }).click();
    const number = await expectDone(page);
    await expect(page.getByText('次からは、メールに届くコードでログインできます。')).toBeVisible();

    await page.getByRole('link', { name: 'あなたのページを見る' }).click();
    await expectMe(page, person, number);
    await signOut(page);

    // The page itself sends a signed-out person to sign in.
    await page.goto('/me');
    await expect(page).toHaveURL(/\/sign-in$/);

    const before = seenMail(person.email);
    await page.getByLabel('メールアドレス').fill(person.email);
    await field.calendar(page).selectOption('S');
    await field.year(page).fill(person.birth.year);
    await field.month(page).fill(person.birth.month);
    await field.day(page).fill(person.birth.day);
    await page.getByRole('button', { name: 'コードを送る' }).click();
    await expect(page.getByTestId('sign-in-sent')).toContainText(person.email);
    await expectAccessible(page, 'sign-in code');
    // A wrong code first: the error is next to the field, and the field has the focus.
    const codeField = page.getByLabel('確認コード（6桁の数字）');
    const code = await nextCode(person.email, before);
    await codeField.fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await expect(codeField).toHaveAttribute('aria-invalid', 'true');
    await expect(codeField).toBeFocused();
    await expect(page.getByTestId('error-summary')).toBeVisible();
    await codeField.fill(code);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await expectMe(page, person, number);
  });

  test('an account without a passkey is offered one on its page, and can then sign in with it', async ({
    page,
  }) => {
    const auth = await addAuthenticator(page);
    await withoutAutofill(page);
    const person = newPerson();
    await agree(page);
    await fillDetails(page, person);
    const seen = await sendDetails(page, person);
    await confirmEmail(page, person, seen);
    await page.getByRole('button', { name: /パスキーを使わずに続ける/ }).click();
    const number = await expectDone(page);
    expect(await credentialCount(auth)).toBe(0);
    await page.getByRole('link', { name: 'あなたのページを見る' }).click();
    await expectMe(page, person, number);
    const offer = page.getByTestId('me-passkey');
    await expect(offer).toBeVisible();
    await expectAccessible(page, 'me with the passkey offer');
    await offer.getByRole('button', { name: 'パスキーを追加する' }).click();
    await expect(page.getByTestId('me-passkey-added')).toBeVisible();
    expect(await credentialCount(auth)).toBe(1);
    await signOut(page);
    await page.getByRole('button', { name: 'パスキーでログイン' }).click();
    await expectMe(page, person, number);
  });

  test('field errors: missing answers, the server’s refusals next to each field, a summary, and the focus', async ({
    page,
    problems,
  }) => {
    problems.allow.push(EXPECTED(422));
    const person = newPerson();
    await agree(page);

    // Nothing filled in: every missing answer is named, and the focus goes to their list, brought
    // into view from the button at the bottom of the form.
    await page.getByRole('button', { name: '確認コードを送る' }).click();
    const summary = page.getByTestId('error-summary');
    await expect(summary).toBeVisible();
    await expect(summary).toContainText('確認が必要な項目があります');
    await expect(summary).toBeFocused();
    await expect(summary).toBeInViewport();
    await expectAccessible(page, 'details, all missing');

    // What only the server can judge: a reading mixing kana and Latin letters, a phone number, an email address.
    await fillDetails(page, {
      ...person,
      kana: 'Yamada はなこ',
      phone: '123',
      email: 'not-an-address',
    });
    await page.getByRole('button', { name: '確認コードを送る' }).click();
    await expect(summary).toContainText('確認が必要な項目があります（3件）');
    for (const [name, locate] of [
      ['nameKana', field.kana],
      ['phone', field.phone],
      ['email', field.email],
    ] as const) {
      await expect(page.getByTestId(`error-reg-${name}`)).toBeVisible();
      await expect(locate(page)).toHaveAttribute('aria-invalid', 'true');
    }
    await expect(summary).toBeFocused();
    await expect(summary).toBeInViewport();
    await expect(page).toHaveURL(/\/details$/);
    await expectAccessible(page, 'details with server errors');
    await expectPhoneLayout(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'register-2-errors.png'), fullPage: true });

    // A link in the summary takes the person to the field.
    await summary.getByRole('link', { name: /電話番号/ }).click();
    await expect(field.phone(page)).toBeFocused();

    // Corrected, the details go through.
    await field.kana(page).fill(person.kana);
    await field.phone(page).fill(person.phone);
    await field.email(page).fill(person.email);
    await expect(page.getByTestId('error-reg-email')).toHaveCount(0);

    // The connection drops while sending: what was typed stays, and sending again works.
    problems.allow.push(/net::ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/);
    await page.route('**/api/registrations', (route) => route.abort('internetdisconnected'), {
      times: 1,
    });
    await page.getByRole('button', { name: '確認コードを送る' }).click();
    await expect(page.getByTestId('details-problem')).toContainText('インターネットへの接続を確認');
    await expect(page.getByTestId('offline-banner')).toBeVisible();
    await expect(field.email(page)).toHaveValue(person.email);
    await expect(field.kana(page)).toHaveValue(person.kana);
    await sendDetails(page, person);
  });

  test('registering again with another address: told so once the code is right, no passkey made, a way to sign in', async ({
    browser,
  }) => {
    // Registered once, without a passkey.
    const person = newPerson();
    const first = await browser.newContext();
    const one = await first.newPage();
    await agree(one);
    await fillDetails(one, person);
    await confirmEmail(one, person, await sendDetails(one, person));
    await one.getByRole('button', { name: /パスキーを使わずに続ける/ }).click();
    await expectDone(one);
    await first.close();

    // Months later, on a new phone, the same person with a new address.
    const again = { ...person, email: `again.${person.email}` };
    const phone = await browser.newContext();
    const page = await phone.newPage();
    const problems = watchProblems(page, [EXPECTED(409)]);
    const auth = await addAuthenticator(page);
    await agree(page);
    await fillDetails(page, again);
    const seen = await sendDetails(page, again);
    await page.getByLabel('確認コード（6桁の数字）').fill(await nextCode(again.email, seen));
    await page.getByRole('button', { name: '確認する' }).click();
    const told = page.getByTestId('confirm-registered');
    await expect(told).toContainText('すでに登録されています');
    await expect(told.getByRole('link', { name: 'ログイン', exact: true })).toHaveAttribute(
      'href',
      '/sign-in',
    );
    await expect(page.getByTestId('passkey-step')).toHaveCount(0);
    await expectAccessible(page, 'registered already');
    expect(await credentialCount(auth)).toBe(0);
    expect(await page.evaluate(() => sessionStorage.getItem('renkei.registration'))).toBeNull();
    expect(problems).toEqual([]);
    await phone.close();
  });

  test('recovery on a new phone: email code and details, then a new passkey at once', async ({
    browser,
  }) => {
    // Registered on the old phone, with a passkey.
    const person = newPerson();
    const oldPhone = await browser.newContext();
    const old = await oldPhone.newPage();
    const oldProblems = watchProblems(old);
    await addAuthenticator(old);
    await agree(old);
    await fillDetails(old, person);
    const seen = await sendDetails(old, person);
    await confirmEmail(old, person, seen);
    await old.getByRole('button', { name: 'このスマートフォンにパスキーを作る' }).click();
    const number = await expectDone(old);
    expect(oldProblems).toEqual([]);
    await oldPhone.close();

    // The new phone has no passkey for this account.
    const newPhone = await browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
    });
    const page = await newPhone.newPage();
    const newProblems = watchProblems(page, [EXPECTED(422)]);
    const auth = await addAuthenticator(page);
    await page.goto('/sign-in');
    await page.getByRole('link', { name: /ログインできない場合/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('ログインできない場合');
    await expectAccessible(page, 'recover');
    await expectPhoneLayout(page);
    const before = seenMail(person.email);
    await page.getByLabel('メールアドレス').fill(person.email);
    await field.calendar(page).selectOption('S');
    await field.year(page).fill(person.birth.year);
    await field.month(page).fill(person.birth.month);
    await field.day(page).fill(person.birth.day);
    await page.getByRole('button', { name: 'コードを送る' }).click();
    await page.getByLabel('確認コード（6桁の数字）').fill(await nextCode(person.email, before));
    await field.insurer(page).fill(person.insurer);
    await field.symbol(page).fill(person.symbol);
    // A wrong number first: the details do not match.
    await field.number(page).fill(person.number === '1' ? '2' : '1');
    await field.branch(page).fill(person.branch);
    await page.getByRole('button', { name: '本人確認をしてログイン' }).click();
    await expect(page.getByTestId('recover-problem')).toContainText('一致しませんでした');
    await expectAccessible(page, 'recover mismatch');
    await field.number(page).fill(person.number);
    await page.getByRole('button', { name: '本人確認をしてログイン' }).click();

    // Signed in: a new passkey is offered at once.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'このスマートフォンにパスキーを作りましょう',
    );
    await expectAccessible(page, 'recover passkey');
    await page.getByRole('button', { name: 'このスマートフォンにパスキーを作る' }).click();
    await expectMe(page, person, number);
    expect(await credentialCount(auth)).toBe(1);
    expect(newProblems).toEqual([]);
    await newPhone.close();
  });

  test('timed: typing 2 characters a second, registration takes under two minutes', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await addAuthenticator(page);
    const person = newPerson();
    const delay = 500; // 2 characters per second
    const started = Date.now();
    // Where the time goes, for bench/registration_web.py: seconds at the end of each step.
    const laps: Record<string, number> = {};
    const lap = (step: string) => (laps[step] = (Date.now() - started) / 1000);
    await agree(page);
    lap('agreed');
    await fillDetails(page, person, delay);
    lap('typed');
    const seen = await sendDetails(page, person);
    lap('sent');
    await confirmEmail(page, person, seen, delay);
    lap('confirmed');
    await page.getByRole('button', { name: 'このスマートフォンにパスキーを作る' }).click();
    const number = await expectDone(page);
    lap('passkey');
    await page.getByRole('link', { name: 'あなたのページを見る' }).click();
    await expectMe(page, person, number);
    lap('me');
    const seconds = (Date.now() - started) / 1000;
    const typed =
      person.insurer.length +
      person.symbol.length +
      person.number.length +
      person.branch.length +
      [...person.name].length +
      [...person.kana].length +
      person.birth.year.length +
      person.birth.month.length +
      person.birth.day.length +
      person.phone.length +
      person.email.length +
      6;
    console.log(
      `registration at 2 characters per second: ${seconds.toFixed(1)} s from the QR code to the person's own page (${typed} characters typed)`,
    );
    console.log(`registration laps: ${JSON.stringify(laps)}`);
    expect(seconds).toBeLessThan(120);
  });
});
