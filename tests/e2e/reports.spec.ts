import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { logIn } from './support';

test('compliance sees the posture chart, lists the partitions behind a bar, generates, downloads and verifies a CSV report', async ({
  page,
}) => {
  await logIn(page, 'compliance@provider.example');
  await page.getByRole('link', { name: 'Reports' }).click();
  await expect(page).toHaveURL(/\/reports$/);

  const chart = page.getByTestId('posture-chart');
  await expect(chart).toBeVisible();
  await expect(page.getByTestId('posture-bar-offline')).toHaveAttribute('aria-label', /Offline: \d+ of \d+ partitions/);
  await page.getByTestId('posture-bar-offline').click();
  await expect(page).toHaveURL(/bar=offline/);
  const listed = page.getByTestId('posture-list');
  await expect(listed).toContainText('Offline');
  await expect(listed.getByTestId('posture-partition').filter({ hasText: 'pin-translation' })).toBeVisible();
  await page.getByTestId('posture-bar-export').click();
  await expect(page.getByTestId('posture-list').getByTestId('posture-partition').filter({ hasText: 'dev-sandbox' })).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // Generate a CSV of everything the user may see (the defaults), and watch it finish.
  await page.getByTestId('generate-report').click();
  await expect(page.getByTestId('report-started')).toBeVisible();
  const row = page.getByTestId('report-row').first();
  await expect(row).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  await expect(row).toContainText('All partitions of all tenants');
  await expect(row).toContainText('Carla Compliance');
  await expect(row.getByTestId('report-digest')).toHaveText(/^[0-9a-f]{16}…$/);

  const dir = mkdtempSync(path.join(tmpdir(), 'e2e-report-'));
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('report-download').click()]);
  expect(download.suggestedFilename()).toMatch(/^policy-report_All-partitions-of-all-tenants_\d{8}-\d{4}Z\.csv$/);
  const file = path.join(dir, 'report.csv');
  await download.saveAs(file);
  const bytes = readFileSync(file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8');
  expect(text).toContain('created_at (UTC)');
  expect(text).toContain('платёжные-ключи');
  expect(text).toContain('电子病历签名密钥');

  // The signature verifies with OpenSSL and the published key.
  const [sig] = await Promise.all([page.waitForEvent('download'), row.getByTestId('report-signature').click()]);
  await sig.saveAs(path.join(dir, 'report.sig'));
  const pem = await page.request.get('/api/reports/signing-key');
  writeFileSync(path.join(dir, 'report-signing-key.pem'), await pem.body());
  const verified = execFileSync('openssl', ['dgst', '-sha256', '-verify', 'report-signing-key.pem', '-signature', 'report.sig', 'report.csv'], {
    cwd: dir,
    encoding: 'utf8',
  });
  expect(verified).toBe('Verified OK\n');

  // Listed for re-download, and the download itself is audited.
  await page.reload();
  await expect(page.getByTestId('report-row').first()).toContainText('1 download');
  await expect(page.getByTestId('report-audit')).toContainText(`downloaded ${download.suggestedFilename()}`);
  await expect(page.getByTestId('signing-key-fingerprint')).toBeVisible();
});

test('a PDF over chosen partitions downloads under its non-ASCII name', async ({ page }) => {
  await logIn(page, 'compliance@provider.example');
  await page.goto('/reports');
  const builder = page.getByTestId('report-builder');
  await builder.getByLabel('Chosen partitions').check();
  await builder.getByLabel('Find partitions (name, tenant or ID)').fill('电子病历');
  await builder.getByRole('button', { name: 'Add 电子病历签名密钥' }).click();
  await expect(builder.getByTestId('picker-chosen')).toContainText('电子病历签名密钥');
  await builder.getByLabel('PDF').check();
  await page.getByTestId('generate-report').click();
  const row = page.getByTestId('report-row').first();
  await expect(row).toContainText('Partitions 电子病历签名密钥 of Initech Health');
  await expect(row).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('report-download').click()]);
  expect(download.suggestedFilename()).toMatch(/^policy-report_Partitions-电子病历签名密钥-of-Initech-Health_\d{8}-\d{4}Z\.pdf$/);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'e2e-pdf-')), 'report.pdf');
  await download.saveAs(file);
  expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
});

test('a viewer has no reports: no link, and the page and its downloads are refused', async ({ page }) => {
  await logIn(page, 'viewer@acme.example');
  await expect(page.getByRole('link', { name: 'Reports' })).toHaveCount(0);
  expect((await page.goto('/reports'))?.status()).toBe(404);
  expect((await page.request.get('/api/reports')).status()).toBe(403);
  expect((await page.request.get('/api/reports/signing-key')).status()).toBe(403);
});
