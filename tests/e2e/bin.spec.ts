import { expect, test, type Locator, type Page } from '@playwright/test';
import { captureAction, clientKeys, logIn, replayAction } from './support';

// Seeded demo partition "card-issuing" of Globex Payments, whose bin holds keys invalidated by its clients.
const PARTITION = 'globex-issuing';
const CLIENT = `${PARTITION}_c1`;
const BIN = `/partitions/${PARTITION}/bin`;

type Row = { id: string; label: string; row: Locator };

/** The n-th key in the bin table, with its key ID and label. */
async function binRow(page: Page, index: number): Promise<Row> {
  const row = page.getByTestId('bin-row').nth(index);
  await expect(row).toBeVisible();
  const id = (await row.getAttribute('data-key-id')) ?? '';
  const label = ((await row.locator('td').nth(1).textContent()) ?? '').trim();
  expect(id).toMatch(/^key_/);
  return { id, label, row };
}

async function binCount(page: Page): Promise<number> {
  return page.getByTestId('bin-row').count();
}

test('a security officer restores one key and purges another through the dialogs', async ({ page, request }) => {
  await logIn(page, 'so@globex.example');
  await page.goto(BIN);
  await expect(page.getByTestId('bin-summary')).toContainText('Capacity held by the bin');
  const before = await binCount(page);
  expect(before).toBeGreaterThanOrEqual(3);

  // Restore: the key comes back and clients can list it again.
  const restored = await binRow(page, 0);
  expect((await clientKeys(request, PARTITION, CLIENT)).map((k) => k.id)).not.toContain(restored.id);
  await restored.row.getByRole('button', { name: `Restore ${restored.label} (${restored.id})` }).click();
  const restoreDialog = page.getByTestId('restore-dialog');
  await expect(restoreDialog).toContainText('same key ID, attributes and material');
  await restoreDialog.getByTestId('confirm-restore').click();
  await expect(restoreDialog).toBeHidden();
  await expect(page.getByTestId('bin-results')).toContainText('Restored 1 key.');
  await expect(page.locator(`[data-testid=bin-row][data-key-id="${restored.id}"]`)).toHaveCount(0);
  expect((await clientKeys(request, PARTITION, CLIENT)).map((k) => k.id)).toContain(restored.id);

  // Purge: irreversible, so the label must be typed before the button works.
  const purged = await binRow(page, 0);
  await purged.row.getByRole('button', { name: `Purge ${purged.label} (${purged.id})` }).click();
  const purgeDialog = page.getByTestId('purge-dialog');
  await expect(purgeDialog.getByTestId('purge-warning')).toContainText('irreversible');
  const confirm = purgeDialog.getByTestId('confirm-purge');
  await expect(confirm).toBeDisabled();
  await purgeDialog.getByLabel(/to confirm/).fill('not the label');
  await expect(confirm).toBeDisabled();
  await purgeDialog.getByLabel(/to confirm/).fill(purged.label);
  await confirm.click();
  await expect(purgeDialog).toBeHidden();
  await expect(page.getByTestId('bin-results')).toContainText('Purged 1 key.');
  await expect(page.locator(`[data-testid=bin-row][data-key-id="${purged.id}"]`)).toHaveCount(0);
  expect(await binCount(page)).toBe(before - 2);

  await page.reload();
  expect(await binCount(page)).toBe(before - 2);
  const history = page.getByTestId('bin-history-row');
  await expect(history.filter({ hasText: purged.id })).toContainText(['Purge']);
  await expect(history.filter({ hasText: restored.id })).toContainText(['Restore']);
  await expect(history.filter({ hasText: purged.id })).toContainText(['Gustav Berg']);
});

test('a viewer sees no restore or purge controls, and a direct call of the action is denied with nothing changed', async ({ browser }) => {
  // Capture a genuine purge request made by a security officer's browser (then drop it).
  const officer = await browser.newContext();
  const officerPage = await officer.newPage();
  await logIn(officerPage, 'so@globex.example');
  await officerPage.goto(BIN);
  const target = await binRow(officerPage, 0);
  const before = await binCount(officerPage);
  const captured = await captureAction(officerPage, BIN, async () => {
    await target.row.getByRole('button', { name: `Purge ${target.label} (${target.id})` }).click();
    await officerPage.getByTestId('purge-dialog').getByLabel(/to confirm/).fill(target.label);
    await officerPage.getByTestId('confirm-purge').click();
  });

  const viewer = await browser.newContext();
  const viewerPage = await viewer.newPage();
  await logIn(viewerPage, 'viewer@globex.example');
  await viewerPage.goto(BIN);
  await expect(viewerPage.getByTestId('bin-row').first()).toBeVisible();
  await expect(viewerPage.getByTestId('bin-read-only')).toContainText('only a security officer can restore or purge');
  await expect(viewerPage.getByRole('button', { name: /^(Restore|Purge)/ })).toHaveCount(0);
  await expect(viewerPage.getByRole('checkbox')).toHaveCount(0);
  await expect(viewerPage.getByTestId('restore-selected')).toHaveCount(0);

  expect(await replayAction(viewer.request, captured)).toContain('Your role does not allow this.');

  await officerPage.goto(BIN);
  await expect(officerPage.locator(`[data-testid=bin-row][data-key-id="${target.id}"]`)).toHaveCount(1);
  expect(await binCount(officerPage)).toBe(before);
  await expect(officerPage.getByTestId('bin-history-row').filter({ hasText: target.id })).toHaveCount(0);
  await officerPage.goto('/security-log');
  await expect(officerPage.getByTestId('security-log-table')).toContainText('role viewer lacks bin.manage');
  await officer.close();
  await viewer.close();
});

test('a double click on purge, and a replay of the same request, purge once and write one audit row', async ({ page }) => {
  await logIn(page, 'so@globex.example');
  await page.goto(BIN);
  const target = await binRow(page, 0);
  const posts: { headers: Record<string, string>; body: Buffer }[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.headers()['next-action']) {
      posts.push({ headers: request.headers(), body: request.postDataBuffer() ?? Buffer.alloc(0) });
    }
  });
  await target.row.getByRole('button', { name: `Purge ${target.label} (${target.id})` }).click();
  const dialog = page.getByTestId('purge-dialog');
  await dialog.getByLabel(/to confirm/).fill(target.label);
  await dialog.getByTestId('confirm-purge').dblclick();
  await expect(page.getByTestId('bin-results')).toContainText('Purged 1 key.');
  await expect(page.locator(`[data-testid=bin-row][data-key-id="${target.id}"]`)).toHaveCount(0);

  // A repeated submit of the very same request (same submission id) changes nothing more.
  const post = posts.find((p) => p.body.toString().includes(target.id));
  expect(post).toBeDefined();
  const replay = await page.request.post(BIN, {
    headers: {
      'next-action': post!.headers['next-action']!,
      'content-type': post!.headers['content-type']!,
      accept: 'text/x-component',
      'next-router-state-tree': post!.headers['next-router-state-tree'] ?? '',
    },
    data: post!.body,
  });
  expect(await replay.text()).toContain('"replayed":true');

  await page.reload();
  await expect(page.getByTestId('bin-history-row').filter({ hasText: target.id })).toHaveCount(1);
  await page.goto(`/partitions/${PARTITION}/audit`);
  const rows = page.getByTestId('audit-row').filter({ hasText: target.id });
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('Bin: purge');
  await expect(rows).toContainText('Applied');
});

test('support sees the bin’s counts and sizes, never a label, also across tenants', async ({ page }) => {
  await logIn(page, 'support@provider.example');
  await page.goto(BIN);
  await expect(page.getByTestId('bin-summary')).toContainText('held by the bin');
  await expect(page.getByTestId('bin-counts-only')).toBeVisible();
  await expect(page.getByTestId('bin-row')).toHaveCount(0);
  await expect(page.locator('main')).not.toContainText(/card-issuing-(tok|mac|kek|dek|sig|pin|cvv|tls|jwt|bak)-/);
  await page.goto('/bin');
  await expect(page.getByTestId(`bin-totals-${PARTITION}`)).toBeVisible();
  await expect(page.getByTestId('bin-row')).toHaveCount(0);
  await expect(page.locator('main')).not.toContainText(/card-issuing-(tok|mac|kek|dek|sig|pin|cvv|tls|jwt|bak)-/);
});
