import { expect, test, type Page } from '@playwright/test';
import { captureAction, clientKeys, clientSign, logIn, replayAction } from './support';

// Seeded "payments-dr" of Acme Bank: read-only, but signing works (Read-Only blocks changes, not use).
const PARTITION = 'acme-pay-dr';
const NAME = 'payments-dr';
const CLIENT = `${PARTITION}_c1`;
const OFFLINE_REASON = 'HSM node firmware 7.8.4 rollout';
const ONLINE_REASON = 'Firmware rollout finished, checks green';

async function supportFinds(page: Page) {
  await logIn(page, 'support@provider.example');
  await page.getByLabel('Search name, tenant or ID').fill(NAME);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByTestId(`partition-row-${PARTITION}`)).toBeVisible();
  await page.getByRole('link', { name: NAME, exact: true }).click();
  await expect(page.getByTestId('partition-name')).toHaveText(NAME);
}

test('support takes a partition offline and back online; the officer sees why; the HSM refuses, then accepts, signing', async ({
  browser,
  page,
  request,
}) => {
  const signer = (await clientKeys(request, PARTITION, CLIENT)).find((k) => k.attributes.keyClass === 'private');
  expect(signer).toBeDefined();
  expect((await clientSign(request, PARTITION, CLIENT, signer!.id)).status).toBe(200);

  // Support finds the partition by search (a partition ID works too) and sees only its status.
  await supportFinds(page);
  await expect(page.locator('[data-testid^="policy-card-"]')).toHaveCount(1);
  await expect(page.getByTestId('policy-card-clientApiAccess')).toBeVisible();
  expect(await page.content()).not.toMatch(new RegExp(`${NAME}-[a-z]{3}-(aes|ec|rsa)-\\d{4}`));

  // Take offline: what stops, reason, ticket and the typed name are all required.
  await page.getByRole('switch', { name: /Client API Access/ }).click();
  const dialog = page.getByTestId('change-dialog');
  await expect(dialog.getByTestId('change-warning')).toContainText('every JCE, PKCS#11, MSCNG and REST client call fails');
  await expect(dialog.getByTestId('change-impact')).toContainText('will lose access');
  const confirm = dialog.getByTestId('confirm-change');
  await dialog.getByLabel(/Reason/).fill(OFFLINE_REASON);
  await dialog.getByLabel(/to confirm/).fill(NAME);
  await expect(confirm).toBeDisabled(); // the ticket is still missing
  await dialog.getByLabel('Support ticket').fill('SUP-5150');
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('partition-status')).toContainText('Offline');

  // The HSM's client API refuses every call while offline.
  const refused = await clientSign(request, PARTITION, CLIENT, signer!.id);
  expect(refused.status).toBe(403);
  expect(refused.body.reasons?.[0]?.code).toBe('PARTITION_OFFLINE');

  // A security officer of the tenant sees the banner: since, by whom (role), why, ticket.
  const officer = await browser.newContext();
  const officerPage = await officer.newPage();
  await logIn(officerPage, 'so@acme.example');
  await officerPage.goto(`/partitions/${PARTITION}`);
  const banner = officerPage.getByTestId('offline-banner');
  await expect(banner).toContainText('This partition is offline');
  await expect(banner).toContainText('Sam Support (Provider support)');
  await expect(banner).toContainText(OFFLINE_REASON);
  await expect(banner).toContainText('ticket SUP-5150');
  await expect(banner).toContainText(/Since \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+00:00/);

  // Bring online: the dialog shows why it went offline, and asks for a reason and a ticket.
  await page.reload();
  await page.getByRole('switch', { name: /Client API Access/ }).click();
  const online = page.getByTestId('change-dialog');
  const why = online.getByTestId('offline-reason');
  await expect(why).toContainText(OFFLINE_REASON);
  await expect(why).toContainText('SUP-5150');
  await expect(why).toContainText('Sam Support (Provider support)');
  await online.getByLabel(/Reason/).fill(ONLINE_REASON);
  await online.getByLabel('Support ticket').fill('SUP-5150');
  await online.getByTestId('confirm-change').click();
  await expect(online).toBeHidden();
  await expect(page.getByTestId('partition-status')).toContainText('Online');
  expect((await clientSign(request, PARTITION, CLIENT, signer!.id)).status).toBe(200);

  // Both events are in the partition's history, with reason and ticket.
  await page.getByRole('link', { name: 'Audit' }).click();
  const rows = page.getByTestId('audit-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Disabled → Enabled');
  await expect(rows.nth(0)).toContainText(ONLINE_REASON);
  await expect(rows.nth(1)).toContainText('Enabled → Disabled');
  await expect(rows.nth(1)).toContainText(OFFLINE_REASON);
  await expect(rows.nth(1)).toContainText('Ticket SUP-5150');
  await officerPage.goto(`/partitions/${PARTITION}/audit`);
  await expect(officerPage.getByTestId('audit-row').first()).toContainText('Sam Support');
  await officerPage.goto(`/partitions/${PARTITION}`);
  await expect(officerPage.getByTestId('offline-banner')).toHaveCount(0);
  await officer.close();
});

test('support cannot open key details nor change another policy, even by replaying the server action', async ({ browser, page }) => {
  // A genuine server-action request from a security officer's browser (aborted before it lands).
  const officer = await browser.newContext();
  const officerPage = await officer.newPage();
  await logIn(officerPage, 'so@acme.example');
  await officerPage.goto(`/partitions/${PARTITION}`);
  await expect(officerPage.getByTestId('policy-value-sessionObjects')).toHaveText('Disabled');
  // Enabling Session Objects is safe: the switch posts at once.
  const captured = await captureAction(officerPage, `/partitions/${PARTITION}`, () =>
    officerPage.getByRole('switch', { name: /Session Objects/ }).click(),
  );

  await supportFinds(page);
  for (const path of [`/partitions/${PARTITION}/keys`, '/reports']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  const api = await page.request.get(`/api/partitions/${PARTITION}`);
  const view = (await api.json()) as { partition: { policy: Record<string, boolean> }; cards: { policy: string }[] };
  expect(Object.keys(view.partition.policy)).toEqual(['clientApiAccess']);
  expect(view.cards.map((c) => c.policy)).toEqual(['clientApiAccess']);

  expect(await replayAction(page.request, captured)).toContain(
    'Provider support may only take a partition offline or bring it online.',
  );

  await officerPage.reload();
  await expect(officerPage.getByTestId('policy-value-sessionObjects')).toHaveText('Disabled');
  await officer.close();
  // The refusal is in the security log, which provider-side compliance reads across tenants.
  const auditor = await browser.newContext();
  const auditorPage = await auditor.newPage();
  await logIn(auditorPage, 'compliance@provider.example');
  await auditorPage.goto('/security-log');
  await expect(auditorPage.getByTestId('security-log-table')).toContainText('Provider support may only take a partition offline');
  await auditor.close();
});
