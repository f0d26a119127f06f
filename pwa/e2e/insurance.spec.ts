import { axeViolations, expect, expectPhoneLayout, test } from './fixtures';
import { mailTo } from './mail';
import { registerByApi, signInWithCode } from './people';

/**
 * The 75th birthday on a phone: a person whose 75th birthday is two weeks away signs in, and
 * her page opens with the reminder that her insurance changes to 後期高齢者医療 that day. From
 * it she adds the new card (the document and its first day filled in for her), sees the new
 * insurance as current and the old one ending the day before, and the reminder is gone; she
 * is mailed, without the numbers.
 */

test.use({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

/** The MHLW check digit, for a 後期高齢者 insurer number (scheme 39, Kanagawa 14). */
function insurerNumber(payload: string): string {
  const sum = [...payload]
    .reverse()
    .map((d, i) => Number(d) * (i % 2 === 0 ? 2 : 1))
    .map((p) => Math.floor(p / 10) + (p % 10))
    .reduce((a, b) => a + b, 0);
  return `${payload}${(10 - (sum % 10)) % 10}`;
}

test('the reminder before the 75th birthday leads to adding the new card', async ({
  page,
  baseURL,
  problems,
}) => {
  // The slip below is refused by the server (422), which the browser logs.
  problems.allow.push(/status of 422/);
  // Her 75th birthday, in Japan, two weeks from today.
  const birthday = new Date(Date.now() + 9 * 3600_000 + 14 * 86_400_000);
  const [y, m, d] = [birthday.getUTCFullYear(), birthday.getUTCMonth() + 1, birthday.getUTCDate()];
  const born = `${y - 75}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const person = await registerByApi(baseURL ?? '', { name: '高齢', kana: 'コウレイ' }, born);
  await signInWithCode(page, person.email, ['S', String(y - 75 - 1925), String(m), String(d)]);

  const reminder = page.getByTestId('insurance-reminder');
  await expect(reminder).toContainText('75歳になります');
  await expect(reminder).toContainText('後期高齢者医療');
  // At the top of her page, within the first screen.
  const box = await reminder.boundingBox();
  expect((box?.y ?? 9999) < 640).toBe(true);
  await expectPhoneLayout(page);
  expect(await axeViolations(page)).toEqual([]);

  await reminder.getByRole('link', { name: '後期高齢者医療の保険を追加する' }).click();
  await expect(page).toHaveURL(/\/me\/insurance\/new\?late=/);
  await expect(page.getByRole('radio', { name: /後期高齢者医療/ })).toBeChecked();
  await expect(page.getByTestId('insurance-starts-readback')).toContainText('から始まる保険');
  await expectPhoneLayout(page);
  expect(await axeViolations(page)).toEqual([]);

  // A slip first: the number left out is named next to its box, and nothing is added.
  await page.getByLabel('保険者番号', { exact: true }).fill(insurerNumber('3914001'));
  await page.getByRole('button', { name: 'この保険を追加する' }).click();
  await expect(page.getByLabel('被保険者番号')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('被保険者番号').fill('00123456');
  await page.getByRole('button', { name: 'この保険を追加する' }).click();

  await expect(page).toHaveURL(/\/me\/insurance\?added=1$/);
  await expect(page.getByTestId('insurance-added')).toBeVisible();
  await expect(page.getByTestId('insurance-current')).toContainText('後期高齢者医療');
  await expect(page.getByTestId('insurance-current')).toContainText('末尾 56');
  await expect(page.getByTestId('insurance-earlier')).toContainText('まで');
  await expect(page.getByTestId('insurance-reminder')).toHaveCount(0);
  await expectPhoneLayout(page);
  expect(await axeViolations(page)).toEqual([]);

  await page.getByRole('link', { name: 'あなたのページに戻る' }).click();
  await expect(page.getByTestId('me-insurance')).toContainText('後期高齢者医療');
  await expect(page.getByTestId('insurance-reminder')).toHaveCount(0);

  await expect
    .poll(() => mailTo(person.email).filter((mail) => mail.subject.includes('新しい保険')).length)
    .toBe(1);
  const mail = mailTo(person.email).find((m) => m.subject.includes('新しい保険'));
  expect(mail?.text).not.toContain('00123456');
  expect(mail?.text).toContain(`${y}年${m}月${d}日`);
});
