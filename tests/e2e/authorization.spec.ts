import { expect, test } from '@playwright/test';
import { logIn } from './support';

const PARTITION = 'acme-pay-prod';

test('a viewer sees no usable switch, and a direct call of the server action is denied with nothing changed', async ({ browser }) => {
  // Capture a genuine server-action request made by a security officer's browser (then drop it).
  const officer = await browser.newContext();
  const officerPage = await officer.newPage();
  await logIn(officerPage, 'so@acme.example');
  await officerPage.goto(`/partitions/${PARTITION}`);
  await expect(officerPage.getByTestId('policy-value-objectUsage')).toHaveText('Enabled');
  let captured: { headers: Record<string, string>; body: Buffer } | null = null;
  await officerPage.route(`**/partitions/${PARTITION}`, async (route) => {
    const request = route.request();
    if (request.method() === 'POST' && request.headers()['next-action']) {
      captured = { headers: request.headers(), body: request.postDataBuffer() ?? Buffer.alloc(0) };
      await route.abort();
      return;
    }
    await route.continue();
  });
  // Session Objects is disabled here: enabling it is safe, so the switch posts at once.
  await officerPage.getByRole('switch', { name: /Session Objects/ }).click();
  await expect.poll(() => captured !== null).toBe(true);

  const viewer = await browser.newContext();
  const viewerPage = await viewer.newPage();
  await logIn(viewerPage, 'viewer@acme.example');
  await viewerPage.goto(`/partitions/${PARTITION}`);
  const viewerSwitch = viewerPage.getByRole('switch', { name: /Session Objects/ });
  await expect(viewerSwitch).toBeDisabled();
  await expect(viewerPage.getByTestId('policy-blocked-sessionObjects')).toContainText('can read policies but not change them');

  const { headers, body } = captured!;
  const response = await viewer.request.post(`/partitions/${PARTITION}`, {
    headers: {
      'next-action': headers['next-action']!,
      'content-type': headers['content-type']!,
      accept: 'text/x-component',
      'next-router-state-tree': headers['next-router-state-tree'] ?? '',
    },
    data: body,
  });
  const text = await response.text();
  expect(text).toContain('Your role does not allow this.');

  await officerPage.unroute(`**/partitions/${PARTITION}`);
  await officerPage.reload();
  await expect(officerPage.getByTestId('policy-value-sessionObjects')).toHaveText('Disabled');
  await officerPage.goto('/security-log');
  await expect(officerPage.getByTestId('security-log-table')).toContainText('role viewer lacks policy.change');
  await officer.close();
  await viewer.close();
});

test('a partition of another tenant is not found', async ({ page }) => {
  await logIn(page, 'so@acme.example');
  const response = await page.goto('/partitions/globex-token');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
});

test('wrong password is refused in words', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill('so@acme.example');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('login-error')).toHaveText('Wrong email or password.');
});

test('logging out ends the session: the old cookie no longer opens the console', async ({ page, context }) => {
  await logIn(page, 'viewer@acme.example');
  const cookies = await context.cookies();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await context.addCookies(cookies);
  await page.goto('/partitions');
  await expect(page).toHaveURL(/\/login$/);
});

test('health answers without a session and reveals nothing else', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok', database: 'ok', hsm: 'ok' });
});
