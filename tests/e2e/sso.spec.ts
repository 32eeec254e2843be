import { expect, test, type Page } from '@playwright/test';

/** The dev issuer's login page accepts any login: the login is the OIDC subject. */
async function signInAtIdp(page: Page, subject: string) {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Sign in with Test IdP' }).click();
  await expect(page).toHaveURL(new RegExp(`127\\.0\\.0\\.1:${process.env.E2E_OIDC_PORT ?? '3101'}/interaction/`));
  await page.locator('input[name=login]').fill(subject);
  await page.locator('input[name=password]').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  // The issuer asks once for consent to share the identity with the console.
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('a user pre-provisioned by (issuer, subject) signs in with OIDC and gets the role from the store', async ({ page }) => {
  await signInAtIdp(page, 'oidc-officer');
  await expect(page).toHaveURL(/\/partitions$/);
  await expect(page.getByTestId('current-user')).toContainText('Olga Single-Sign-On');
  await expect(page.getByTestId('current-user')).toContainText('Security officer · tenant acme');
  await expect(page.getByTestId('partition-total')).toHaveText(/^\d+ partitions$/);
});

test('an unknown subject is refused, and the refusal is in words', async ({ page }) => {
  await signInAtIdp(page, 'somebody-else');
  await expect(page).toHaveURL(/\/login\?error=AccessDenied/);
  await expect(page.getByTestId('sso-error')).toContainText('not provisioned for this console');
  await page.goto('/partitions');
  await expect(page).toHaveURL(/\/login$/);
});
