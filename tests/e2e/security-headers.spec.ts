import { expect, test, type Page } from '@playwright/test';
import { AttackLog } from '../support/attack-log';
import { logIn } from './support';

/**
 * Response headers: a Content-Security-Policy with a fresh nonce per request and no inline-script
 * allowance, no framing, nosniff, a referrer that stays in the console; and the console still works
 * under that policy (no violation while using its pages).
 */

const log = new AttackLog('security-headers-http', 'http');
test.afterAll(() => log.write());
test.describe.configure({ timeout: 120_000 });

function cspOf(header: string | undefined): Map<string, string[]> {
  return new Map((header ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name ?? '', values]));
}

test('every response carries the security headers; the CSP nonce is fresh per request and on every script', async ({ request }) => {
  const nonces = new Set<string>();
  for (const path of ['/login', '/login', '/api/health', '/no-such-page']) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    const csp = cspOf(headers['content-security-policy']);
    const script = csp.get('script-src') ?? [];
    expect(script, path).not.toContain("'unsafe-inline'");
    expect(script, path).not.toContain("'unsafe-eval'");
    expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
    expect(csp.get('object-src'), path).toEqual(["'none'"]);
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('same-origin');
    expect(headers['x-frame-options'], path).toBe('DENY');
    const nonce = script.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
    expect(nonce, path).toBeTruthy();
    nonces.add(nonce as string);
    if (path === '/login') {
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    }
  }
  expect(nonces.size).toBe(4);
  log.count(
    'HTTP: response headers',
    'a page (twice), a route handler and an unknown path',
    'CSP with a fresh nonce on every script, no inline/eval script allowance, frame-ancestors none, nosniff, Referrer-Policy same-origin',
    4,
  );
});

async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return violations;
}

test('the console works under the policy: no violation on any page, and client-side navigation still runs', async ({ page }) => {
  const violations = await watchCsp(page);
  await page.goto('/login');
  await logIn(page, 'so@acme.example');
  for (const path of ['/partitions', '/partitions/acme-codesign', '/partitions/acme-codesign/keys', '/partitions/acme-codesign/bin', '/bin', '/reports', '/security-log']) {
    await page.goto(path);
    await expect(page.locator('main').first()).toBeVisible();
  }
  await page.goto('/partitions/acme-codesign');
  // Hydrated: the tab link navigates on the client, and the audit chain shows as verified.
  await page.getByRole('link', { name: 'Audit' }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByTestId('audit-chain-status')).toContainText('Chain verified');
  await page.goto('/partitions/acme-pay-prod/audit');
  await expect(page.getByTestId('audit-chain-status')).toContainText('Chain verified');
  // The count is of audit records, not of the table's changes: it says why it is about twice as many.
  await expect(page.getByTestId('audit-chain-status')).toContainText(/\d+ audit records \(a change writes two: its intent and its outcome\)/);
  expect(violations).toEqual([]);
  log.count('CSP: the console under its own policy', '9 console pages and a client-side navigation, as a security officer', 'no Content Security Policy violation', 10);
});
