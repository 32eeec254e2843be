import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { logIn } from './support';

async function expectNoSeriousViolations(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${name}: ${v.id} (${v.impact}) on ${v.nodes.length} nodes, first ${v.nodes[0]?.target.join(' ')}`),
  ).toEqual([]);
}

test('login page', async ({ page }) => {
  await page.goto('/login');
  await expectNoSeriousViolations(page, 'login');
});

const OFFICER_PAGES = [
  '/partitions',
  '/partitions/acme-pay-prod',
  '/partitions/acme-pay-prod/keys',
  '/partitions/acme-pay-prod/audit',
  '/security-log',
];

for (const path of OFFICER_PAGES) {
  test(`security officer: ${path}`, async ({ page }) => {
    test.setTimeout(90_000);
    await logIn(page, 'so@acme.example');
    await page.goto(path);
    await expectNoSeriousViolations(page, path);
  });
}

test('security officer: the open warning dialog', async ({ page }) => {
  await logIn(page, 'so@acme.example');
  await page.goto('/partitions/acme-pay-prod');
  await page.getByRole('switch', { name: /Client API Access/ }).click();
  await expect(page.getByTestId('change-dialog')).toBeVisible();
  await expectNoSeriousViolations(page, 'warning dialog');
});

test('pages of provider support (all tenants, offline partition)', async ({ page }) => {
  test.setTimeout(90_000);
  await logIn(page, 'support@provider.example');
  for (const path of ['/partitions', '/partitions/globex-pin', '/partitions/globex-pin/audit']) {
    await page.goto(path);
    await expectNoSeriousViolations(page, path);
  }
});

test.describe('dark theme', () => {
  test.use({ colorScheme: 'dark' });

  for (const path of ['/partitions', '/partitions/acme-pay-prod', '/partitions/acme-pay-prod/audit']) {
    test(`security officer, dark: ${path}`, async ({ page }) => {
      test.setTimeout(90_000);
      await logIn(page, 'so@acme.example');
      await page.goto(path);
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe('rgb(11, 17, 32)');
      await expectNoSeriousViolations(page, `dark ${path}`);
    });
  }
});
