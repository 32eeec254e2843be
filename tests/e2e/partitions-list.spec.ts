import { expect, test } from '@playwright/test';
import { logIn } from './support';

// Seeded "payments-prod" of Acme Bank.
const PARTITION = 'acme-pay-prod';
const NAME = 'payments-prod';

test('a row link opens the partition inside the app (no page load), and its page is prefetched only on hover', async ({ page }) => {
  await logIn(page, 'so@acme.example');
  await expect(page.getByTestId(`partition-row-${PARTITION}`)).toBeVisible();

  const prefetches: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/partitions/') && request.headers()['rsc'] === '1') prefetches.push(url.pathname);
  });
  // Rows do not prefetch as they come into view.
  await page.waitForTimeout(500);
  expect(prefetches.filter((p) => p === `/partitions/${PARTITION}`)).toEqual([]);

  // A marker on the window survives a client-side navigation and not a page load.
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
  const link = page.getByRole('link', { name: NAME, exact: true });
  await link.hover();
  await expect.poll(() => prefetches.includes(`/partitions/${PARTITION}`)).toBe(true);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/partitions/${PARTITION}$`));
  await expect(page.getByTestId('partition-name')).toHaveText(NAME);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
});

test('a click anywhere on a row opens its partition; the search box stops at the longest term the list accepts', async ({ page }) => {
  await logIn(page, 'so@acme.example');
  await expect(page.locator('#partition-search')).toHaveAttribute('maxlength', '100');
  const row = page.getByTestId(`partition-row-${PARTITION}`);
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
  // The last cell, far from the name's link.
  await row.locator('td').last().click();
  await expect(page).toHaveURL(new RegExp(`/partitions/${PARTITION}$`));
  await expect(page.getByTestId('partition-name')).toHaveText(NAME);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
});
