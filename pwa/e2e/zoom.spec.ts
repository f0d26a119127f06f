import { expect, test } from './fixtures';
import {
  facilityKey,
  medicationRequest as request,
  postFhir,
  registerByApi,
  signInWithCode,
} from './people';

/**
 * Large text and zoom (WCAG 1.4.4 and 1.4.10): the person's page and the emergency card on a
 * 360×640 phone zoomed to 200 % (a page 180 CSS px wide) and at the largest Android font size
 * (twice the default text), with medicines whose names are long: nothing scrolls sideways.
 */

async function noSidewaysScroll(page: import('@playwright/test').Page, what: string) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, what).toBeLessThanOrEqual(0);
}

test('the person page and the emergency card reflow at 200 % zoom and with the largest font', async ({
  page,
  baseURL,
}) => {
  const base = baseURL ?? '';
  const person = await registerByApi(base, { name: '拡大', kana: 'カクダイ' });
  const { status } = await postFhir(base, facilityKey('1410900001'), person, [
    request(
      `z1-${person.email}`,
      '2171022F1093',
      'アムロジピンベシル酸塩口腔内崩壊錠5mg「サワイ」',
      30,
    ),
    request(`z2-${person.email}`, '1149019F1560', 'ロキソプロフェンナトリウム水和物錠60mg', 5),
  ]);
  expect(status).toBe(200);
  await page.setViewportSize({ width: 360, height: 640 });
  await signInWithCode(page, person.email);
  await expect(page.getByTestId('summary-current').locator('li')).toHaveCount(2);

  // 200 % zoom of a 360 px phone: 180 CSS px.
  await page.setViewportSize({ width: 180, height: 320 });
  await noSidewaysScroll(page, '/me at 200 %');
  await page.getByTestId('open-card').click();
  await expect(page.getByTestId('card-current')).toContainText('アムロジピン');
  await noSidewaysScroll(page, 'the card at 200 %');

  // The largest Android font size: the browser's default text twice as large (the app sizes
  // its text from it), the phone as wide as ever.
  await page.setViewportSize({ width: 360, height: 640 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
  await page.reload();
  await expect(page.getByTestId('card-current')).toContainText('アムロジピン');
  expect(
    await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize)),
  ).toBe(36);
  await noSidewaysScroll(page, 'the card with the largest font');
  await page.goto('/me');
  await expect(page.getByTestId('summary-current').locator('li')).toHaveCount(2);
  await noSidewaysScroll(page, '/me with the largest font');
  // A medicine's name is not squeezed into a narrow column: its line box is most of the width.
  const item = await page.getByTestId('summary-current').locator('li').first().boundingBox();
  console.log(
    `a medicine's line at the largest font on a 360 px phone: ${Math.round(item?.width ?? 0)} px wide`,
  );
  expect(item?.width ?? 0).toBeGreaterThan(200);
});
