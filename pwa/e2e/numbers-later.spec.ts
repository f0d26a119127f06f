import {
  axeViolations,
  expect,
  expectPhoneLayout,
  test,
  waitForServiceWorkerControl,
} from './fixtures';
import { nextCode, seenMail } from './mail';
import { demoEntryPoint, compact } from './renkei';
import { addAuthenticator } from './staff';

/**
 * Registering with only a マイナ保険証 and no numbers to hand, on a 360 px phone: from the poster,
 * the person chooses the マイナ保険証, ticks "add the numbers later", and finishes without them
 * (name, reading, birth date, sex, contact, passkey). Her page says she is joined but not yet
 * found by insurance numbers, and her insurance page leads to adding them: the first insurance,
 * which may leave its first day out.
 */

test.use({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

/** The MHLW check digit of an 8-digit insurer number. */
function insurerNumber(payload: string): string {
  const sum = [...payload]
    .reverse()
    .map((d, i) => Number(d) * (i % 2 === 0 ? 2 : 1))
    .map((p) => Math.floor(p / 10) + (p % 10))
    .reduce((a, b) => a + b, 0);
  return `${payload}${(10 - (sum % 10)) % 10}`;
}

test('a person with only a マイナ保険証 registers without numbers and adds them later', async ({
  page,
}) => {
  await addAuthenticator(page);
  await page.goto(`/r/${compact(demoEntryPoint().code)}`);
  await waitForServiceWorkerControl(page);
  await page.getByRole('button', { name: '同意して登録に進む' }).click();
  await expect(page).toHaveURL(/\/details$/);
  await page.getByRole('radio', { name: /マイナ保険証/ }).check();
  await page.getByTestId('numbers-later').check();
  await expect(page.getByTestId('numbers-later-note')).toContainText('保険の番号なしで登録します');
  await expect(page.getByLabel('保険者番号', { exact: true })).toHaveCount(0);
  await expectPhoneLayout(page);
  expect(await axeViolations(page)).toEqual([]);

  const kana = 'アイウエオカキクケコサシスセソタチツテト';
  const given = Array.from({ length: 3 }, () => kana[Math.floor(Math.random() * kana.length)]).join(
    '',
  );
  const email = `m${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.jp`;
  await page.getByLabel('氏名（漢字）').fill(`番号 ${given}`);
  await page.getByLabel('氏名（フリガナ）').fill(`バンゴウ ${given}`);
  await page.getByLabel('元号・西暦').selectOption('S');
  await page.getByLabel('年', { exact: true }).fill('30');
  await page.getByLabel('月', { exact: true }).fill('3');
  await page.getByLabel('日', { exact: true }).fill('3');
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

  // Her page: joined, and what the missing numbers mean, with the way to add them.
  await page.goto('/me');
  await expect(page.getByTestId('me-insurance-later')).toContainText('番号なしで登録しています');
  await expectPhoneLayout(page);
  await page.getByTestId('me-insurance-open').click();
  await expect(page.getByTestId('insurance-none')).toContainText('番号なしで登録しています');
  await page.getByTestId('insurance-add').click();
  await expect(page).toHaveURL(/\/me\/insurance\/new$/);
  await page.getByRole('radio', { name: /マイナ保険証/ }).check();
  await expect(page.getByTestId('numbers-later')).toHaveCount(0);
  await page.getByLabel('保険者番号', { exact: true }).fill(insurerNumber('0613992'));
  await page.getByLabel(/^記号/).fill('A1');
  await page
    .getByLabel('番号', { exact: true })
    .fill(String(1000 + Math.floor(Math.random() * 9000)));
  await page.getByLabel(/^枝番/).fill('00');
  // Her first insurance: the first day may be left out.
  await expectPhoneLayout(page);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'この保険を追加する' }).click();
  await expect(page).toHaveURL(/\/me\/insurance\?added=1$/);
  await expect(page.getByTestId('insurance-current')).toContainText('登録のときから');
  await expectPhoneLayout(page);
});
