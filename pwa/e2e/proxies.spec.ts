import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, CDPSession, Page } from '@playwright/test';
import {
  axeViolations,
  expect,
  expectPhoneLayout,
  test,
  waitForServiceWorkerControl,
} from './fixtures';
import { mailTo, nextCode, seenMail } from './mail';
import {
  facilityKey,
  fillBirthDate,
  medicationRequest,
  postFhir,
  registerByApi,
  registerOnScreens,
  signInWithCode,
} from './people';
import { compact, demoEntryPoint, renkeiAdmin } from './renkei';

/**
 * Family proxies on two phones, end to end against the real server. The CHILD (registered,
 * signed in, then given a passkey on their phone) registers their PARENT through
 * `/me/people/new` with the parent's own email address (a reload on the way keeps what was typed,
 * and nothing of it stays once registered); a hospital sends FHIR data about the
 * parent; the child switches to the parent and sees only that the link waits for confirmation.
 * On the PARENT's phone (another browser context with its own virtual authenticator) the claim
 * link from the mail is opened, the date of birth entered and a passkey made: the parent is
 * signed in and confirms the child on her list of proxies; the child now sees her summary under
 * the banner. She hides one medicine from family, makes (and cancels) an invitation, and ends
 * the child's proxy.
 * Back on the child's phone the next request is refused: the child is on their own page with
 * the notice, the banner gone, and the parent no longer in the switcher. Both got a mail.
 *
 * Then an invitation: made view-only on the inviter's phone, opened signed out on the invitee's
 * (sign-in first, then back to it), accepted with a relationship; the invitee acts for the
 * inviter without the buttons a view-only proxy would be refused, and the used invitation says so.
 *
 * Then an invitee without an account: the link opened signed out, "new here: register, then
 * accept", the registration through the poster the link names, "continue to the invitation" on
 * the done screen, accepting; and later that proxy stepping down from the switcher (after the
 * confirmation), the person gone from it and mailed.
 */

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } as const;
test.use(PHONE);

/**
 * Chromium logs every 4xx answer; here the refused proxy (403) is the point, and so is the
 * confirmation referred to the network office (409).
 */
const EXPECTED = /status of (401|403|409)/;

/** This page's own phone authenticator (fingerprint or screen lock, always verified). */
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

async function credentialCount(auth: { cdp: CDPSession; id: string }): Promise<number> {
  const { credentials } = await auth.cdp.send('WebAuthn.getCredentials', {
    authenticatorId: auth.id,
  });
  return credentials.length;
}

/** A second phone: its own context (cookies, storage) and page, watched for errors. */
async function secondPhone(
  browser: Browser,
  baseURL: string,
): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({
    ...PHONE,
    baseURL,
    deviceScaleFactor: 2,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    serviceWorkers: 'allow',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !EXPECTED.test(message.text()))
      problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { page, problems };
}

async function expectAccessible(page: Page, what: string): Promise<void> {
  await expectPhoneLayout(page);
  expect(await axeViolations(page), what).toEqual([]);
}

const KANA = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモ';
const pick = () => KANA[Math.floor(Math.random() * KANA.length)] as string;

test('a child registers a parent and acts for them; the parent signs in and ends it', async ({
  page: child,
  browser,
  baseURL,
  problems,
}) => {
  problems.allow.push(EXPECTED);
  const base = baseURL ?? '';

  // The child: registered, signed in with a mailed code, then a passkey on their own phone.
  const childAuth = await addAuthenticator(child);
  const childPerson = await registerByApi(base, { name: '代理', kana: 'ダイリ' });
  await signInWithCode(child, childPerson.email);
  await child.getByTestId('me-passkey-add').click();
  await expect(child.getByTestId('me-passkey-added')).toBeVisible();
  expect(await credentialCount(childAuth)).toBe(1);
  // The child keeps their own emergency card on this phone (for when nobody can sign in).
  await child.goto('/me/card');
  await child.getByTestId('card-keep').check();
  await expect(child.getByTestId('card-kept')).toContainText('に保存した内容です');
  await child.goto('/me');
  const family = child.getByTestId('family');
  await expect(family.getByRole('heading', { level: 2 })).toHaveText('ご家族の代理');
  await expect(child.getByTestId('family-none')).toBeVisible();

  // The parent's details, as on their insurance document.
  const given = pick() + pick() + pick();
  const parent = {
    name: `山田 ${given}`,
    kana: `ヤマダ ${given}`,
    birth: {
      year: String(5 + Math.floor(Math.random() * 25)),
      month: String(1 + Math.floor(Math.random() * 12)),
      day: String(1 + Math.floor(Math.random() * 28)),
    },
    number: String(1000 + Math.floor(Math.random() * 9000)),
    email: `p${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.jp`,
  };

  // Register the parent: the network's consent document, the child's answers, the details.
  await family.getByTestId('family-register').click();
  await expect(child).toHaveURL(/\/me\/people\/new$/);
  await expect(child.getByRole('heading', { level: 1 })).toHaveText('家族を代理で登録する');
  await expect(child.getByTestId('consent-version')).toContainText('同意書 第');
  // Sending with nothing chosen: each problem beside its field, the focus on the first.
  await child.getByTestId('person-submit').click();
  await expect(child.getByTestId('error-summary')).toBeVisible();
  await expect(child.getByTestId('error-person-relationship')).toHaveText(/選んでください/);
  await expect(child.getByTestId('error-person-email')).toHaveCount(0);
  await expectAccessible(child, 'register a family member, with errors');
  await child.getByRole('radio', { name: '子', exact: true }).check();
  await child.getByRole('radio', { name: 'スマートフォンの操作が難しい' }).check();
  await child
    .getByRole('radio', { name: /ご本人が、この登録と同意書の内容に同意しています/ })
    .check();
  await child.getByRole('radio', { name: '資格確認書', exact: true }).check();
  await child.getByLabel('保険者番号', { exact: true }).fill('33120015');
  await child.getByLabel(/^記号/).fill('77');
  await child.getByLabel('番号', { exact: true }).fill(parent.number);
  await child.getByLabel(/^枝番/).fill('01');
  await child.getByLabel('氏名（漢字）').fill(parent.name);
  await child.getByLabel('氏名（フリガナ）').fill(parent.kana);
  await child.getByLabel('元号・西暦').selectOption('S');
  await child.getByLabel('年', { exact: true }).fill(parent.birth.year);
  await child.getByLabel('月', { exact: true }).fill(parent.birth.month);
  await child.getByLabel('日', { exact: true }).fill(parent.birth.day);
  await child.getByRole('radio', { name: '女性' }).check();
  await child.getByLabel('ご本人の電話番号').fill('0451234567');
  await expect(
    child.getByText('ご本人に通知と、ご自身で使い始めるためのリンクが届きます'),
  ).toBeVisible();
  await child.getByLabel(/ご本人のメールアドレス/).fill(parent.email);
  await expectAccessible(child, 'register a family member');
  await child.screenshot({ path: join(SCREENSHOTS, 'proxy-register.png'), fullPage: true });
  // A reload (or a dropped connection) keeps what was typed, in this tab only.
  await child.reload();
  await expect(child.getByLabel('氏名（漢字）')).toHaveValue(parent.name);
  await expect(child.getByLabel('番号', { exact: true })).toHaveValue(parent.number);
  await expect(child.getByRole('radio', { name: '子', exact: true })).toBeChecked();
  await expect(child.getByLabel(/ご本人のメールアドレス/)).toHaveValue(parent.email);
  await child.getByTestId('person-submit').click();
  await expect(child.getByTestId('person-done')).toBeVisible();
  expect(
    await child.evaluate(() => sessionStorage.getItem('renkei.personRegistration')),
  ).toBeNull();
  await expect(child.getByRole('heading', { level: 1 })).toHaveText('登録しました');
  await expect(child.getByTestId('person-registration-number')).not.toBeEmpty();
  await expectAccessible(child, 'family member registered');

  // A hospital sends two medicines for the parent.
  const memberId = `33120015:77:${parent.number}:01`;
  const hospital = facilityKey('1410900001');
  const sent = await postFhir(base, hospital, { memberId, name: parent.name, kana: parent.kana }, [
    medicationRequest(`p1-${parent.email}`, '2171022F1093', 'アムロジピン錠5mg「サワイ」', 30),
    medicationRequest(`p2-${parent.email}`, '3969007F1020', 'メトホルミン塩酸塩錠250mg', 30),
  ]);
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);

  // The child acts for the parent: her page, under the banner, but nothing medical until the
  // link is confirmed (by her, a facility's desk or the network office).
  await child.getByTestId('person-act').click();
  await expect(child).toHaveURL(/\/me$/);
  const banner = child.getByTestId('acting-banner');
  await expect(banner).toBeVisible();
  // Compact: one row, leaving the phone's screen to the page (it took 157 of 640 px).
  const bannerBox = await banner.boundingBox();
  expect(bannerBox?.height).toBeLessThanOrEqual(72);
  console.log(`acting-for banner on a 360 px phone: ${Math.round(bannerBox?.height ?? 0)} px tall`);
  await expect(child.getByTestId('me-name')).toHaveText(`${parent.name} さんのページ`);
  await expect(child.getByTestId('proxy-pending')).toContainText('まだ確認されていません');
  await expect(child.getByTestId('summary-current')).toHaveCount(0);
  await expectAccessible(child, 'acting for the parent, waiting for confirmation');

  // The parent's phone: the claim link from the mail, the date of birth, a passkey.
  const { page: parentPage, problems: parentProblems } = await secondPhone(browser, base);
  const parentAuth = await addAuthenticator(parentPage);
  let claimUrl = '';
  await expect
    .poll(
      () => {
        const found = mailTo(parent.email)
          .map((m) => /https?:\/\/\S+\/claim#[0-9A-Za-z-]+/.exec(m.text)?.[0] ?? '')
          .find(Boolean);
        claimUrl = found ?? '';
        return claimUrl;
      },
      { message: `a claim link mailed to ${parent.email}`, timeout: 20_000 },
    )
    .toMatch(/\/claim#/);
  await parentPage.goto(new URL(claimUrl).pathname + new URL(claimUrl).hash);
  await waitForServiceWorkerControl(parentPage);
  await expect(parentPage.getByRole('heading', { level: 1 })).toHaveText('ご自身で使い始める');
  await expectAccessible(parentPage, 'claim');
  await parentPage.getByLabel('元号・西暦').selectOption('S');
  await parentPage.getByLabel('年', { exact: true }).fill(parent.birth.year);
  await parentPage.getByLabel('月', { exact: true }).fill(parent.birth.month);
  await parentPage.getByLabel('日', { exact: true }).fill(parent.birth.day);
  await expect(parentPage.getByTestId('readback-claim-birthDate')).toContainText(
    `昭和${parent.birth.year}年`,
  );
  await parentPage.screenshot({ path: join(SCREENSHOTS, 'proxy-claim.png'), fullPage: true });
  await parentPage.getByTestId('claim-submit').click();
  await expect(parentPage).toHaveURL(/\/me$/);
  await expect(parentPage.getByTestId('me-name')).toHaveText(`${parent.name} さん`);
  expect(await credentialCount(parentAuth)).toBe(1);
  await expect(parentPage.getByTestId('acting-banner')).toHaveCount(0);

  // She would confirm her child as her proxy on her list of proxies; but she signed in through
  // the mail his registration sent to the address he typed, which may be his: referred to the
  // network office, which (having asked her) confirms it.
  await parentPage.getByTestId('family-proxies').click();
  const waiting = parentPage.getByTestId('proxy').filter({ hasText: '代理' });
  await expect(waiting.getByTestId('proxy-standing')).toContainText('あなたの確認待ちです');
  await expectAccessible(parentPage, 'a proxy waiting for confirmation');
  await waiting.getByTestId('proxy-approve').click();
  await expect(waiting.getByTestId('proxy-problem')).toContainText('ネットワーク事務局が確認し');
  const parentNumber = (await child.getByTestId('me-registration-number').textContent()) ?? '';
  const pending = renkeiAdmin(['proxy', 'pending'])
    .split('\n')
    .find((line) => parentNumber !== '' && line.includes(parentNumber));
  const linkId = pending?.split(/\s+/).find((w) => /^[0-9a-f-]{36}$/.test(w));
  expect(linkId, pending ?? 'no pending link').toBeTruthy();
  renkeiAdmin(['proxy', 'confirm', '--link', linkId ?? '', '--basis', 'person_agreed']);
  await parentPage.reload();
  await expect(
    parentPage.getByTestId('proxy').filter({ hasText: '代理' }).getByTestId('proxy-standing'),
  ).toContainText('確認済み（ご本人の同意）');
  await parentPage.goto('/me');

  // Confirmed: the child now sees the parent's page and summary, under the banner.
  await child.reload();
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(`${parent.name}さんの代理で操作中`);
  await expect(child.getByTestId('me-name')).toHaveText(`${parent.name} さんのページ`);
  await expect(child.getByTestId('summary-current')).toContainText('アムロジピン錠5mg「サワイ」');
  await expect(child.getByTestId('summary-current')).toContainText('メトホルミン塩酸塩錠250mg');
  // What only the parent may do is not offered to a proxy.
  await expect(child.getByTestId('visibility-current')).toHaveCount(0);
  await expect(child.getByTestId('family')).toHaveCount(0);
  await expect(child.getByTestId('me-passkey')).toHaveCount(0);
  await expectAccessible(child, 'acting for the parent');
  await child.screenshot({ path: join(SCREENSHOTS, 'proxy-acting.png'), fullPage: true });
  // The banner stays on other pages too.
  await child.getByTestId('open-card').click();
  await expect(child).toHaveURL(/\/me\/card$/);
  await expect(child.getByTestId('card-person')).toContainText(parent.name);
  await expect(banner).toBeVisible();
  await expect(child.getByTestId('card-keep')).toHaveCount(0);
  await child.goBack();
  await expect(child.getByTestId('me-name')).toHaveText(`${parent.name} さんのページ`);
  // In English too.
  await child.getByRole('button', { name: 'English' }).click();
  await expect(banner).toContainText(`Acting for ${parent.name}`);
  await expect(child.getByRole('button', { name: 'Back to my own page' })).toHaveText('Back');
  expect(await axeViolations(child), 'acting, in English').toEqual([]);
  // Zoomed to 200 % (180 CSS px wide) and with the largest text, in English (the longest level
  // name): the banner wraps instead of widening the page, and scrolls away with the page
  // instead of covering it.
  const sideways = () =>
    child.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
  const bannerPosition = () => banner.evaluate((b) => getComputedStyle(b).position);
  expect(await bannerPosition()).toBe('sticky');
  await child.setViewportSize({ width: 180, height: 370 });
  expect(await sideways(), 'sideways scroll at 200 % zoom').toBeLessThanOrEqual(0);
  expect(await bannerPosition()).toBe('static');
  await child.setViewportSize({ width: 360, height: 740 });
  const fonts = await child.context().newCDPSession(child);
  await fonts.send('Page.setFontSizes', { fontSizes: { standard: 48, fixed: 48 } });
  expect(await sideways(), 'sideways scroll with the largest text').toBeLessThanOrEqual(0);
  expect(await bannerPosition()).toBe('static');
  const tall = await banner.boundingBox();
  expect(tall?.height ?? 0, 'the banner with the largest text').toBeLessThan(740);
  await fonts.send('Page.setFontSizes', { fontSizes: { standard: 16, fixed: 13 } });
  await child.getByRole('button', { name: '日本語' }).click();

  // The session ends while this tab acts for the parent: the card page shows the child's own
  // card kept on the phone (what a paramedic holding it needs), naming whose it is.
  const cookies = await child.context().cookies();
  await child.context().clearCookies();
  await child.goto('/me/card');
  await expect(child.getByTestId('card-offline-copy')).toContainText(
    `${childPerson.name} さんがこの端末に`,
  );
  await expect(child.getByTestId('card-person')).toContainText(childPerson.name);
  await expect(banner).toHaveCount(0);
  await child.context().addCookies(cookies);
  await child.goto('/me');
  await child.getByTestId('family').getByTestId('family-act').first().click();
  await expect(banner).toContainText(`${parent.name}さんの代理で操作中`);
  // On any other page too, a session that ended takes the acting with it: the sign-in page shows
  // no banner, and the next sign-in does not start out acting for the parent.
  await child.context().clearCookies();
  await child.goto('/me');
  await expect(child).toHaveURL(/\/sign-in/);
  await expect(banner).toHaveCount(0);
  expect(await child.evaluate(() => sessionStorage.getItem('renkei.actingFor'))).toBeNull();
  await child.context().addCookies(cookies);
  await child.goto('/me');
  await child.getByTestId('family').getByTestId('family-act').first().click();
  await expect(banner).toContainText(`${parent.name}さんの代理で操作中`);

  // The parent hides one medicine from family.
  const metformin = parentPage
    .getByTestId('summary-current')
    .locator('li', { hasText: 'メトホルミン' });
  await metformin.getByTestId('visibility-current').check();
  await expect(metformin.getByTestId('hidden-marker')).toHaveText(
    '家族（代理人）には見せていません',
  );
  await expectAccessible(parentPage, 'parent’s page with a record hidden');
  await parentPage.reload();
  await expect(
    parentPage
      .getByTestId('summary-current')
      .locator('li', { hasText: 'メトホルミン' })
      .getByTestId('visibility-current'),
  ).toBeChecked();
  // …and the child, still acting, no longer sees it.
  await child.reload();
  await expect(child.getByTestId('summary-current')).toContainText('アムロジピン錠5mg「サワイ」');
  await expect(child.getByTestId('summary-current')).not.toContainText('メトホルミン');

  // The parent's proxies: the child, active; an invitation made and cancelled.
  await parentPage.getByTestId('family-proxies').click();
  await expect(parentPage).toHaveURL(/\/me\/proxies$/);
  await expect(parentPage.getByTestId('proxies-limit')).toContainText('最大5人まで');
  const proxy = parentPage.getByTestId('proxy').filter({ hasText: '代理' });
  await expect(proxy).toHaveCount(1);
  await expect(proxy).toHaveAttribute('data-status', 'active');
  await expect(proxy).toContainText('あなたの子');
  await parentPage.getByRole('radio', { name: '見るだけ' }).check();
  await parentPage.getByTestId('invitation-create').click();
  await expect(parentPage.getByTestId('invitation-code')).toHaveText(/^[0-9A-Z]{2,}(-[0-9A-Z]+)+$/);
  await expect(parentPage.getByTestId('invitation-url')).toHaveText(
    /\/invite(\?r=[0-9A-Z]+)?#[0-9A-Z-]+$/,
  );
  // Families pass links on LINE: the phone's share sheet gets the link and the code.
  await parentPage.evaluate(() => {
    Object.defineProperty(navigator, 'share', {
      configurable: true,
      value: (data: ShareData) => {
        (window as unknown as { shared: ShareData }).shared = data;
        return Promise.resolve();
      },
    });
  });
  await parentPage.getByTestId('share-button').click();
  const shared = await parentPage.evaluate(
    () => (window as unknown as { shared?: ShareData }).shared,
  );
  expect(shared?.url).toBe(await parentPage.getByTestId('invitation-url').getAttribute('href'));
  expect(shared?.text).toContain(
    (await parentPage.getByTestId('invitation-code').textContent()) ?? 'no code',
  );
  const qr = parentPage.getByTestId('invitation-qr');
  await expect(qr).toHaveAttribute('alt', /招待のQRコード/);
  await expect
    .poll(() => qr.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);
  await expectAccessible(parentPage, 'proxies with an invitation');
  await parentPage.getByRole('button', { name: 'English' }).click();
  await expect(parentPage.getByRole('heading', { level: 1 })).toHaveText('Your proxies');
  await expect(proxy).toContainText('Your child');
  await expect(parentPage.getByTestId('invitation-expires')).toContainText('You may: View only');
  expect(await axeViolations(parentPage), 'proxies in English').toEqual([]);
  await parentPage.getByRole('button', { name: '日本語' }).click();
  await parentPage.screenshot({ path: join(SCREENSHOTS, 'proxy-invitation.png'), fullPage: true });
  const invitation = parentPage.getByTestId('invitation').first();
  await invitation.getByTestId('invitation-cancel').click();
  await expect(invitation).toHaveAttribute('data-status', 'cancelled');

  // The parent ends the child's proxy, after reading what it does.
  const childMailBefore = seenMail(childPerson.email);
  const parentMailBefore = seenMail(parent.email);
  await proxy.getByTestId('proxy-revoke').click();
  await expect(proxy.getByTestId('proxy-confirm')).toContainText(
    '次の操作から、この人はあなたの情報を見られなくなります。双方にメールでお知らせします',
  );
  await expectAccessible(parentPage, 'confirm ending a proxy');
  await proxy.getByTestId('proxy-revoke-confirm').click();
  await expect(proxy.getByTestId('proxy-revoked')).toBeVisible();
  await expect(proxy).toHaveAttribute('data-status', 'revoked');
  await expect(proxy.getByTestId('proxy-status')).toContainText('取り消し済み');
  await proxy.locator('details summary').click();
  await expect(proxy.getByTestId('proxy-history')).toContainText('代理を取り消しました');

  // The child's next request is refused: back on their own page, with the notice.
  await child.reload();
  await expect(child.getByTestId('proxy-ended')).toContainText(
    `${parent.name}さんの代理はできなくなりました`,
  );
  await expect(child.getByTestId('acting-banner')).toHaveCount(0);
  await expect(child.getByTestId('me-name')).toHaveText(/^代理 .+ さん$/);
  await expect(child.getByTestId('family-none')).toBeVisible();
  expect(await child.evaluate(() => sessionStorage.getItem('renkei.actingFor'))).toBeNull();
  await expectAccessible(child, 'the child’s own page after the proxy ended');
  await child.screenshot({ path: join(SCREENSHOTS, 'proxy-ended.png'), fullPage: true });

  // Both were told by mail.
  await expect
    .poll(() => mailTo(childPerson.email).filter((m) => !childMailBefore.has(m.file)).length, {
      message: 'a mail to the child about the end of the proxy',
      timeout: 20_000,
    })
    .toBeGreaterThan(0);
  await expect
    .poll(() => mailTo(parent.email).filter((m) => !parentMailBefore.has(m.file)).length, {
      message: 'a mail to the parent about the end of the proxy',
      timeout: 20_000,
    })
    .toBeGreaterThan(0);

  expect(parentProblems, 'console errors and page errors on the parent’s phone').toEqual([]);
  await parentPage.context().close();
});

test('an invitation: signing in on the way, accepting it, and acting for the inviter with view only', async ({
  page: invitee,
  browser,
  baseURL,
  problems,
}) => {
  // 409: the invitation opened a second time is used.
  problems.allow.push(EXPECTED, /status of 409/);
  const base = baseURL ?? '';
  const inviterPerson = await registerByApi(base, { name: '招待', kana: 'ショウタイ' });
  const inviteePerson = await registerByApi(base, { name: '受取', kana: 'ウケトリ' });

  // The inviter, on their phone, makes a view-only invitation.
  const { page: inviter, problems: inviterProblems } = await secondPhone(browser, base);
  await signInWithCode(inviter, inviterPerson.email);
  const inviterName = ((await inviter.getByTestId('me-name').textContent()) ?? '').replace(
    / さん$/,
    '',
  );
  await inviter.getByTestId('family-proxies').click();
  await expect(inviter.getByTestId('proxies-none')).toBeVisible();
  await inviter.getByTestId('invitation-create').click();
  await expect(inviter.getByTestId('error-invite-level')).toHaveText(/選んでください/);
  await inviter.getByRole('radio', { name: '見るだけ' }).check();
  await inviter.getByTestId('invitation-create').click();
  const url = (await inviter.getByTestId('invitation-url').textContent()) ?? '';
  // The inviter came by the demo poster: the link names it, for an invitee without an account.
  expect(url).toMatch(new RegExp(`/invite\\?r=${compact(demoEntryPoint().code)}#[0-9A-Z-]+$`));
  const invitePath = new URL(url).pathname + new URL(url).search + new URL(url).hash;

  // The invitee opens the link signed out: sign in first, then back to the invitation.
  await invitee.goto(invitePath);
  await waitForServiceWorkerControl(invitee);
  await expect(invitee.getByTestId('invite-signed-out')).toBeVisible();
  await expectAccessible(invitee, 'an invitation opened signed out');
  await invitee.getByRole('link', { name: 'ログインして受ける' }).click();
  await expect(invitee).toHaveURL(/\/sign-in\?next=%2Finvite%23/);
  const before = seenMail(inviteePerson.email);
  await invitee.getByLabel('メールアドレス').fill(inviteePerson.email);
  await fillBirthDate(invitee);
  await invitee.getByRole('button', { name: 'コードを送る' }).click();
  await invitee
    .getByLabel('確認コード（6桁の数字）')
    .fill(await nextCode(inviteePerson.email, before));
  await invitee.getByRole('button', { name: 'ログイン', exact: true }).click();
  await expect(invitee).toHaveURL(/\/invite#/);
  await expect(invitee.getByTestId('invite-inviter')).toHaveText(
    `${inviterName}さんからの招待です`,
  );
  await expect(invitee.getByTestId('invite-found')).toContainText('できること: 見るだけ');
  await invitee.getByTestId('invite-accept').click();
  await expect(invitee.getByTestId('error-invite-relationship')).toBeVisible();
  await expectAccessible(invitee, 'accepting an invitation');
  await invitee.getByRole('radio', { name: '孫', exact: true }).check();
  await invitee.getByTestId('invite-accept').click();

  // On their page, the inviter is in the switcher; acting for them is view only.
  await expect(invitee).toHaveURL(/\/me$/);
  const person = invitee.getByTestId('family-person');
  await expect(person).toHaveCount(1);
  await expect(person).toContainText(`${inviterName} さん`);
  await expect(person).toContainText('あなたは孫・見るだけ');
  await person.getByTestId('family-act').click();
  await expect(invitee.getByTestId('acting-banner')).toContainText(
    `${inviterName}さんの代理で操作中`,
  );
  await expect(invitee.getByTestId('acting-banner')).toContainText('見るだけ');
  await expect(invitee.getByTestId('me-view-only')).toBeVisible();
  await expect(invitee.getByTestId('me-data')).toHaveCount(0);
  // The summary's FHIR download, which a plain link could not make for someone else.
  const [download] = await Promise.all([
    invitee.waitForEvent('download'),
    invitee.getByTestId('download-fhir').click(),
  ]);
  const bundle = readFileSync(await download.path(), 'utf8');
  expect((JSON.parse(bundle) as { resourceType: string }).resourceType).toBe('Bundle');
  expect(bundle, 'the inviter’s data, not the invitee’s').toContain('招待');
  expect(bundle).not.toContain('受取');
  await invitee.getByTestId('me-consents').click();
  await expect(invitee.getByTestId('membership-demo')).toHaveAttribute('data-state', 'joined');
  await expect(invitee.getByTestId('withdraw-demo')).toHaveCount(0);
  await expect(invitee.getByTestId('to-my-data')).toHaveCount(0);
  await expectAccessible(invitee, 'consents, acting with view only');
  // A view-only proxy asking for everything is refused by the server, and still acting.
  const refused = await invitee.evaluate(async () => {
    const raw = sessionStorage.getItem('renkei.actingFor');
    const link = raw ? (JSON.parse(raw) as { linkId: string }).linkId : '';
    const r = await fetch('/api/me/export', { headers: { 'Renkei-Acting-For': link } });
    return { status: r.status, code: ((await r.json()) as { code: string }).code };
  });
  expect(refused).toEqual({ status: 403, code: 'proxy_not_allowed' });
  await invitee.getByTestId('acting-back').click();
  await expect(invitee.getByTestId('acting-banner')).toHaveCount(0);
  await expect(invitee.getByTestId('me-name')).toHaveText(/^受取 .+ さん$/);

  // The same invitation again: used.
  await invitee.goto(invitePath);
  await expect(invitee.getByTestId('invite-problem')).toContainText(
    'すでに使われたか、取り消されています',
  );
  await expectAccessible(invitee, 'a used invitation');

  // The inviter sees their new proxy.
  await inviter.reload();
  await expect(inviter.getByTestId('proxy')).toContainText('あなたの孫・見るだけ');
  await expect(inviter.getByTestId('invitation').first()).toHaveAttribute(
    'data-status',
    'accepted',
  );
  expect(inviterProblems, 'console errors and page errors on the inviter’s phone').toEqual([]);
  await inviter.context().close();
});

test('an invitee without an account registers first, accepts, and later stops acting for the inviter', async ({
  page: invitee,
  browser,
  baseURL,
  problems,
}) => {
  problems.allow.push(EXPECTED);
  const base = baseURL ?? '';
  const inviterPerson = await registerByApi(base, { name: '新規', kana: 'シンキ' });

  // The inviter makes an invitation to view and handle procedures.
  const { page: inviter, problems: inviterProblems } = await secondPhone(browser, base);
  await signInWithCode(inviter, inviterPerson.email);
  const inviterName = ((await inviter.getByTestId('me-name').textContent()) ?? '').replace(
    / さん$/,
    '',
  );
  await inviter.getByTestId('family-proxies').click();
  await inviter.getByRole('radio', { name: '見る・手続きもする' }).check();
  await inviter.getByTestId('invitation-create').click();
  const url = new URL((await inviter.getByTestId('invitation-url').textContent()) ?? '');
  const entry = compact(demoEntryPoint().code);
  expect(url.searchParams.get('r')).toBe(entry);
  const code = url.hash.slice(1);

  // The invitee, new here, opens the link on their phone: both ways are offered.
  const auth = await addAuthenticator(invitee);
  await invitee.goto(url.pathname + url.search + url.hash);
  await waitForServiceWorkerControl(invitee);
  const signedOut = invitee.getByTestId('invite-signed-out');
  await expect(signedOut.getByRole('link', { name: 'ログインして受ける' })).toBeVisible();
  await invitee.screenshot({
    path: join(SCREENSHOTS, 'proxy-invite-signed-out.png'),
    fullPage: true,
  });
  await invitee.getByRole('button', { name: 'はじめての方: 登録してから受ける' }).click();
  await expect(invitee).toHaveURL(new RegExp(`/r/${entry}$`));
  expect(
    await invitee.evaluate(() => sessionStorage.getItem('renkei.pendingInvitation')),
  ).toContain(code);

  // The registration, on its screens, with a passkey on this phone.
  const person = await registerOnScreens(invitee, { name: '初回', kana: 'ショカイ' });
  expect(await credentialCount(auth)).toBe(1);
  const cont = invitee.getByTestId('done-to-invitation');
  await expect(cont).toHaveText('招待の受け入れに進む');
  await expectAccessible(invitee, 'registration done, with an invitation kept');
  await invitee.screenshot({
    path: join(SCREENSHOTS, 'proxy-invite-registered.png'),
    fullPage: true,
  });
  await cont.click();

  // Signed in by the registration: straight to the invitation.
  await expect(invitee).toHaveURL(/\/invite#/);
  await expect(invitee.getByTestId('invite-inviter')).toHaveText(
    `${inviterName}さんからの招待です`,
  );
  await expect(invitee.getByTestId('invite-found')).toContainText('できること: 見る・手続きもする');
  await invitee.getByRole('radio', { name: '子', exact: true }).check();
  await invitee.getByTestId('invite-accept').click();
  await expect(invitee).toHaveURL(/\/me$/);
  expect(
    await invitee.evaluate(() => sessionStorage.getItem('renkei.pendingInvitation')),
  ).toBeNull();
  await expect(invitee.getByTestId('me-name')).toHaveText(`${person.name} さん`);
  const listed = invitee.getByTestId('family-person');
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText('あなたは子・見る・手続きもする');
  await inviter.reload();
  await expect(inviter.getByTestId('proxy')).toContainText('あなたの子・見る・手続きもする');

  // Later the proxy steps down: asked first, then the person is gone from the switcher.
  const inviterMailBefore = seenMail(inviterPerson.email);
  const inviteeMailBefore = seenMail(person.email);
  await listed.getByTestId('family-stop').click();
  const confirm = listed.getByTestId('family-stop-confirm');
  await expect(confirm).toContainText(`${inviterName}さんの代理をやめますか？`);
  await expect(confirm).toContainText(`${inviterName}さんの情報は見られなくなり`);
  await expect(confirm).toContainText('両方にメールでお知らせします');
  await expect(confirm).toContainText(`${inviterName}さんから改めて招待してもらう必要があります`);
  await expectAccessible(invitee, 'confirm stopping acting for someone');
  await invitee.screenshot({ path: join(SCREENSHOTS, 'proxy-step-down.png'), fullPage: true });
  const revoked = invitee.waitForRequest((r) => /\/api\/me\/proxies\/[^/]+\/revoke$/.test(r.url()));
  await confirm.getByTestId('family-stop-yes').click();
  expect((await revoked).headers()['renkei-acting-for']).toBeUndefined();
  await expect(invitee.getByTestId('family-stopped')).toContainText(
    `${inviterName}さんの代理をやめました`,
  );
  await expect(invitee.getByTestId('family-person')).toHaveCount(0);
  await expect(invitee.getByTestId('family-none')).toBeVisible();
  await expectAccessible(invitee, 'after stopping acting for someone');

  // The person is told by mail (and so is the proxy); their page shows the proxy ended.
  await expect
    .poll(
      () =>
        mailTo(inviterPerson.email)
          .filter((m) => !inviterMailBefore.has(m.file))
          .some((m) => m.text.includes(`${person.name}さんによる代理を終了しました`)),
      { message: 'a mail to the inviter about the end of the proxy', timeout: 20_000 },
    )
    .toBe(true);
  await expect
    .poll(() => mailTo(person.email).filter((m) => !inviteeMailBefore.has(m.file)).length, {
      message: 'a mail to the proxy about the end of the proxy',
      timeout: 20_000,
    })
    .toBeGreaterThan(0);
  await inviter.reload();
  await expect(inviter.getByTestId('proxy')).toHaveAttribute('data-status', 'revoked');
  expect(inviterProblems, 'console errors and page errors on the inviter’s phone').toEqual([]);
  await inviter.context().close();
});
