import { expect, test } from './fixtures';

/**
 * The interactive API page under its own Content-Security-Policy: its inline scripts run by their
 * hashes (no 'unsafe-inline' for scripts on the app's origin), and the page still works: the
 * operations are listed and one opens.
 */
test('the API page works with its scripts allowed by hash only', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text()))
      violations.push(m.text());
  });
  const missing: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 404) missing.push(r.url());
  });
  const response = await page.goto('/api/docs');
  expect(response?.status()).toBe(200);
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/);
  expect(csp).not.toContain("script-src 'unsafe-inline'");

  await expect(page.locator('.swagger-ui .opblock').first()).toBeVisible();
  await expect(page.locator('.swagger-ui')).toContainText('Send FHIR JP Core data');
  await page.locator('.swagger-ui .opblock-summary').first().click();
  await expect(page.locator('.swagger-ui .opblock-body').first()).toBeVisible();
  expect(violations).toEqual([]);
  expect(missing).toEqual([]);
});
