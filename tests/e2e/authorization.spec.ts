import { expect, test } from '@playwright/test';
import { captureAction, logIn, replayAction } from './support';

const PARTITION = 'acme-pay-prod';

test('a viewer sees no usable switch, and a direct call of the server action is denied with nothing changed', async ({ browser }) => {
  // Capture a genuine server-action request made by a security officer's browser (then drop it).
  const officer = await browser.newContext();
  const officerPage = await officer.newPage();
  await logIn(officerPage, 'so@acme.example');
  await officerPage.goto(`/partitions/${PARTITION}`);
  await expect(officerPage.getByTestId('policy-value-objectUsage')).toHaveText('Enabled');
  // Session Objects is disabled here: enabling it is safe, so the switch posts at once.
  const captured = await captureAction(officerPage, `/partitions/${PARTITION}`, () =>
    officerPage.getByRole('switch', { name: /Session Objects/ }).click(),
  );

  const viewer = await browser.newContext();
  const viewerPage = await viewer.newPage();
  await logIn(viewerPage, 'viewer@acme.example');
  await viewerPage.goto(`/partitions/${PARTITION}`);
  const viewerSwitch = viewerPage.getByRole('switch', { name: /Session Objects/ });
  await expect(viewerSwitch).toBeDisabled();
  await expect(viewerPage.getByTestId('policy-blocked-sessionObjects')).toContainText('can read policies but not change them');

  expect(await replayAction(viewer.request, captured)).toContain('Your role does not allow this.');

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
