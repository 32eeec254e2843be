import { expect, test } from '@playwright/test';
import { logIn } from './support';

// Dev sandbox partition of Acme Bank: Key Export is allowed there.
const PARTITION = 'acme-dev';

test('the inventory shows what is possible now, and follows a policy change', async ({ page }) => {
  await logIn(page, 'so@acme.example');
  await page.goto(`/partitions/${PARTITION}/keys`);
  const exportable = page
    .locator('tr[data-testid^="key-row-"]')
    .filter({ has: page.locator('[data-testid="possible-export"][data-allowed="true"]') })
    .first();
  const rowId = await exportable.getAttribute('data-testid');
  expect(rowId).toBeTruthy();
  const row = page.getByTestId(rowId!);
  await expect(row.getByTestId('possible-export')).toHaveAttribute('data-allowed', 'true');

  // Disallowing export is a safe change: the switch applies it at once.
  await page.goto(`/partitions/${PARTITION}`);
  await page.getByRole('switch', { name: /Key Export/ }).click();
  await expect(page.getByTestId('policy-value-keyExport')).toHaveText('Not allowed');

  await page.goto(`/partitions/${PARTITION}/keys`);
  const blocked = row.getByTestId('possible-export');
  await expect(blocked).toHaveAttribute('data-allowed', 'false');
  await blocked.focus();
  await expect(row.getByRole('tooltip')).toBeVisible();
  await expect(row.getByRole('tooltip')).toContainText('Key Export is not allowed on this partition.');

  await page.getByLabel('Blocked by').selectOption('keyExport');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/blockedBy=keyExport/);
  await expect(page.getByTestId(rowId!)).toBeVisible();
  await page.getByLabel('Type').selectOption('RSA');
  await page.getByRole('button', { name: 'Filter' }).click();
  for (const type of await page.locator('tr[data-testid^="key-row-"] td:nth-of-type(1)').allTextContents()) {
    expect(type).toMatch(/^RSA-/);
  }

  // Put the partition back as it was (allowing export is an exfiltration-class change: confirmed with a reason).
  await page.goto(`/partitions/${PARTITION}`);
  await page.getByRole('switch', { name: /Key Export/ }).click();
  await page.getByTestId('change-dialog').getByLabel(/Reason/).fill('Restore the sandbox after the inventory test');
  await page.getByTestId('confirm-change').click();
  await expect(page.getByTestId('policy-value-keyExport')).toHaveText('Allowed');
});

test('support never sees the key inventory', async ({ page }) => {
  await logIn(page, 'support@provider.example');
  await page.goto(`/partitions/${PARTITION}`);
  await expect(page.getByRole('link', { name: 'Keys' })).toHaveCount(0);
  const response = await page.goto(`/partitions/${PARTITION}/keys`);
  expect(response?.status()).toBe(404);
});
