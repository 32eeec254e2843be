import { expect, test } from '@playwright/test';
import { clientKeys, clientSign, logIn } from './support';

// Seeded demo partition "code-signing" of Acme Bank; client identity acme-codesign_c1.
const PARTITION = 'acme-codesign';
const CLIENT = `${PARTITION}_c1`;

test('a security officer disables Object Usage through the warning; it persists, is audited, and the HSM refuses sign', async ({
  page,
  request,
}) => {
  const keys = await clientKeys(request, PARTITION, CLIENT);
  const signer = keys.find((k) => k.attributes.keyClass === 'private');
  expect(signer).toBeDefined();
  expect((await clientSign(request, PARTITION, CLIENT, signer!.id)).status).toBe(200);

  await logIn(page, 'so@acme.example');
  await page.goto(`/partitions/${PARTITION}`);
  const card = page.getByTestId('policy-card-objectUsage');
  await expect(card.getByTestId('policy-value-objectUsage')).toHaveText('Enabled');
  await card.getByRole('switch', { name: /Object Usage/ }).click();

  const dialog = page.getByTestId('change-dialog');
  await expect(dialog.getByTestId('change-warning')).toContainText('This causes an outage');
  await expect(dialog.getByTestId('change-impact')).toContainText(/private keys? will stop signing/);
  const confirm = dialog.getByTestId('confirm-change');
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/Reason/).fill('Suspected key misuse, incident 4711');
  await dialog.getByLabel(/to confirm/).fill('code-signing');
  await confirm.click();

  await expect(dialog).toBeHidden();
  await expect(card.getByTestId('policy-value-objectUsage')).toHaveText('Disabled');
  await expect(card.getByTestId('policy-saved-objectUsage')).toHaveText(/^Saved: Object Usage disabled \(version \d+\), recorded in the audit\.$/);
  await page.reload();
  await expect(page.getByTestId('policy-value-objectUsage')).toHaveText('Disabled');

  await page.getByRole('link', { name: 'Audit' }).click();
  const row = page.getByTestId('audit-row').first();
  await expect(row).toContainText('Object Usage');
  await expect(row).toContainText('Enabled → Disabled');
  await expect(row).toContainText('Suspected key misuse, incident 4711');
  await expect(row).toContainText('Applied');
  await expect(row).toContainText('Sofia Ortega');

  const refused = await clientSign(request, PARTITION, CLIENT, signer!.id);
  expect(refused.status).toBe(403);
  expect(refused.body.reasons?.[0]?.code).toBe('USAGE_DISABLED');
});

test('cancelling the warning changes nothing, and the switch is operable by keyboard', async ({ page }) => {
  await logIn(page, 'so@acme.example');
  await page.goto('/partitions/acme-dev');
  const toggle = page.getByRole('switch', { name: /Partition Read-Only/ });
  // The switch is disabled until React has hydrated the page; a disabled button cannot take focus.
  await expect(toggle).toBeEnabled();
  await toggle.focus();
  await expect(toggle).toBeFocused();
  await page.keyboard.press('Space');
  const dialog = page.getByTestId('change-dialog');
  await expect(dialog.getByTestId('change-warning')).toContainText('breaks client workflows');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(toggle).toBeFocused();
  await expect(page.getByTestId('policy-value-readOnly')).toHaveText('Disabled');
});

test('a card lists every effect of its switch: Read-Only names each key class that stops being deleted, as Object Destruction does', async ({ page }) => {
  await logIn(page, 'viewer@acme.example');
  await page.goto('/partitions/acme-pay-prod');
  const deletes = (texts: string[]) => texts.filter((t) => /keys? will stop (?:.* and )?being deleted\.$/.test(t)).map((t) => /^\d+ \w+ keys?/.exec(t)?.[0]);
  const destruction = await page.getByTestId('policy-impact-objectDestruction').locator('li').allInnerTexts();
  expect(deletes(destruction).length).toBeGreaterThan(1);

  const readOnly = page.getByTestId('policy-card-readOnly');
  const more = readOnly.getByTestId('policy-impact-more-readOnly');
  await expect(more).toBeVisible();
  await more.locator('summary').click();
  const effects = await readOnly.locator('li').allInnerTexts();
  expect(deletes(effects).sort()).toEqual(deletes(destruction).sort());
});
