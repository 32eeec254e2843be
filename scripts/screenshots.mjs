#!/usr/bin/env node
// Takes the screenshots in docs/screenshots from a running console (default http://127.0.0.1:3000).
// Usage: npm run screenshots [-- BASE_URL]
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const out = new URL('../docs/screenshots/', import.meta.url).pathname;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });

async function logIn(email) {
  await page.goto(`${base}/login`);
  await page.fill('#email', email);
  await page.fill('#password', 'demo-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL('**/partitions');
}

await logIn('support@provider.example');
await page.screenshot({ path: `${out}partitions-list.png`, fullPage: true });
await page.click('button:has-text("Sign out")');
await page.waitForURL('**/login');

await logIn('so@acme.example');
await page.goto(`${base}/partitions/acme-pay-prod`);
await page.click('[data-testid=policy-switch-objectUsage]');
await page.waitForSelector('[data-testid=change-warning]');
await page.fill('#change-reason', 'Suspected misuse of the signing keys, incident 4711');
await page.screenshot({ path: `${out}partition-warning.png` });
await page.keyboard.press('Escape');
await page.screenshot({ path: `${out}partition-policies.png`, fullPage: true });
await page.goto(`${base}/partitions/acme-pay-prod/audit`);
await page.screenshot({ path: `${out}partition-audit.png`, fullPage: true });
await page.goto(`${base}/partitions/acme-pay-prod/keys?blockedBy=keyExport`);
await page.locator('[data-testid=possible-export][data-allowed=false]').first().focus();
await page.screenshot({ path: `${out}key-inventory.png` });
await page.goto(`${base}/partitions/acme-pay-prod/bin`);
await page.waitForSelector('[data-testid=bin-summary]');
await page.screenshot({ path: `${out}bin.png`, fullPage: true });

// Reports: the posture chart with a bar chosen and its partitions, the builder, a generated report.
await page.click('button:has-text("Sign out")');
await page.waitForURL('**/login');
await logIn('compliance@provider.example');
await page.goto(`${base}/reports`);
await page.click('[data-testid=generate-report]');
await page.waitForSelector('[data-testid=report-row][data-status=done]', { timeout: 30_000 });
await page.goto(`${base}/reports?bar=export#posture`);
await page.waitForSelector('[data-testid=posture-list]');
await page.screenshot({ path: `${out}reports.png`, fullPage: true });
await browser.close();
console.log(`Screenshots written to ${out}`);
