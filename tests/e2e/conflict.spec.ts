import { expect, test } from '@playwright/test';
import { logIn } from './support';

// Initech's ehr-signing partition, opened by the same security officer in two browsers.
const PARTITION = 'initech-ehr';

test('a save against a stale version is refused, names the change and who made it, and the switch rolls back', async ({ browser }) => {
  const first = await browser.newContext();
  const second = await browser.newContext();
  const a = await first.newPage();
  const b = await second.newPage();
  await logIn(a, 'so@initech.example');
  await logIn(b, 'so@initech.example');
  await a.goto(`/partitions/${PARTITION}`);
  await b.goto(`/partitions/${PARTITION}`);
  await expect(b.getByTestId('policy-value-keyImport')).toHaveText('Allowed');

  // A disallows Key Import (a safe change: applied at once).
  await a.getByRole('switch', { name: /Key Import/ }).click();
  await expect(a.getByTestId('policy-value-keyImport')).toHaveText('Not allowed');

  // B still shows the old version and tries to disable Session Objects.
  await b.getByRole('switch', { name: /Session Objects/ }).click();
  const dialog = b.getByTestId('change-dialog');
  await dialog.getByLabel(/Reason/).fill('No session keys in production');
  await dialog.getByTestId('confirm-change').click();
  const error = b.getByTestId('policy-error-sessionObjects');
  await expect(error).toContainText('Not saved: the partition changed since you opened it.');
  await expect(error).toContainText('Key Import: Allowed → Not allowed, by Ines Duarte (security officer)');
  await expect(b.getByTestId('policy-value-sessionObjects')).toHaveText('Enabled');

  await error.getByRole('button', { name: 'Load the latest policies' }).click();
  await expect(b.getByTestId('policy-value-keyImport')).toHaveText('Not allowed');
  await expect(b.getByTestId('policy-value-sessionObjects')).toHaveText('Enabled');

  await b.goto(`/partitions/${PARTITION}/audit`);
  // The refused save never reached the HSM: the history holds A's change and nothing applied for B.
  const rows = b.getByTestId('audit-row');
  await expect(rows.first()).toContainText('Key Import');
  await expect(rows.filter({ hasText: 'Session Objects' }).filter({ hasText: 'Applied' })).toHaveCount(0);
  await first.close();
  await second.close();
});
