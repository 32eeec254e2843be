import { expect, test, type APIRequestContext } from '@playwright/test';
import { AttackLog } from '../support/attack-log';
import { actionId, apiLogIn, partitionState, postAction } from './http-attacks';
import { logIn } from './support';

/**
 * Attacks over real HTTP against `next start`: a slice of the authorization matrix (server actions
 * posted raw, with the build's action ids), forged `x-middleware-subrequest`, a foreign Origin, a
 * session update claiming a role, forged client addresses and sign-in rate limits. The whole matrix
 * runs in-process in tests/integration/authz-matrix.test.ts.
 */

const OWN = 'acme-byok';
const FOREIGN = 'globex-sandbox';
const CHANGE_POLICY = () => actionId('lib/actions/change-policy.ts', 'changePolicyAction');
const RESTORE_KEYS = () => actionId('lib/actions/restore-keys.ts', 'restoreKeysAction');
const log = new AttackLog('attacks-http', 'http');
test.afterAll(() => log.write());
// Several sign-ins and raw requests per test, on two shared cores.
test.describe.configure({ timeout: 120_000 });

async function signedIn(playwright: typeof import('@playwright/test').request, baseURL: string | undefined, email: string) {
  const context = await playwright.newContext({ baseURL });
  const response = await apiLogIn(context, email);
  expect(response.status(), `sign-in of ${email}`).toBe(302);
  expect(response.headers().location).toMatch(/\/partitions$/);
  return context;
}

/** A change the partition's current state allows a partition admin to make (safe, not Client API Access). */
async function safeChange(officer: APIRequestContext, id: string) {
  const response = await officer.get(`/api/partitions/${id}`);
  const view = (await response.json()) as { partition: { version: number }; cards: { policy: string; value: boolean; change: { risk: string } }[] };
  const card = view.cards.find((c) => c.change.risk === 'safe' && c.policy !== 'clientApiAccess');
  if (!card) throw new Error(`no safe change on ${id}`);
  return { [card.policy]: String(!card.value), partitionId: id, expectedVersion: String(view.partition.version), idempotencyKey: crypto.randomUUID() };
}

test.describe('server actions over raw HTTP', () => {
  test('roles and tenants: viewer refused, foreign partition not found, no session refused; a security officer is allowed', async ({ playwright, baseURL }) => {
    await log.check(
      'HTTP: server actions by role and tenant',
      "raw action POSTs with the build's action ids: viewer, foreign partition, no cookie, forged cookie, a permitted officer",
      'refused (or sent to sign in) with nothing changed and logged; the permitted call applied',
      async () => {
        const officer = await signedIn(playwright.request, baseURL, 'so@acme.example');
        const viewer = await signedIn(playwright.request, baseURL, 'viewer@acme.example');
        const anonymous = await playwright.request.newContext({ baseURL });
        const before = await partitionState(officer, OWN);
        const form = await safeChange(officer, OWN);

        const asViewer = await postAction(viewer, `/partitions/${OWN}`, CHANGE_POLICY(), form);
        expect(asViewer.body).toContain('Your role does not allow this.');
        const restore = await postAction(viewer, `/partitions/${OWN}/bin`, RESTORE_KEYS(), { idempotencyKey: crypto.randomUUID(), keys: `${OWN}/k1` });
        expect(restore.body).toContain('Your role does not allow this.');
        const foreign = await postAction(officer, `/partitions/${OWN}`, CHANGE_POLICY(), { ...form, partitionId: FOREIGN, idempotencyKey: crypto.randomUUID() });
        expect(foreign.body).toContain('No such partition.');
        // No cookie at all: the proxy sends the caller to the login page; a forged cookie reaches the action, which refuses it.
        const noCookie = await postAction(anonymous, `/partitions/${OWN}`, CHANGE_POLICY(), form);
        expect(noCookie.status).toBe(307);
        const forgedCookie = await postAction(anonymous, `/partitions/${OWN}`, CHANGE_POLICY(), form, { cookie: 'authjs.session-token=forged' });
        expect(forgedCookie.body).toContain('Your session has ended. Sign in again.');
        expect(await partitionState(officer, OWN)).toEqual(before);

        const allowed = await postAction(officer, `/partitions/${OWN}`, CHANGE_POLICY(), form);
        expect(allowed.body).toContain('"ok":true');
        expect((await partitionState(officer, OWN)).version).toBe(before.version + 1);

        const securityLog = await (await officer.get('/security-log')).text();
        expect(securityLog).toContain('role viewer lacks policy.change');
        expect(securityLog).toContain('role viewer lacks bin.manage');
        expect(securityLog).toContain('partition not found or outside scope');
        for (const c of [officer, viewer, anonymous]) await c.dispose();
      },
      6,
    );
  });

  test('route handlers: own partition read, foreign one not found, none without a session', async ({ playwright, baseURL }) => {
    await log.check(
      'HTTP: route handlers by role and tenant',
      'own and foreign partition, a route the role lacks, no session',
      '200 / 404 / 403 / 401 as the permission table says',
      async () => {
        const viewer = await signedIn(playwright.request, baseURL, 'viewer@acme.example');
        expect((await viewer.get(`/api/partitions/${OWN}`)).status()).toBe(200);
        expect((await viewer.get(`/api/partitions/${FOREIGN}`)).status()).toBe(404);
        expect((await viewer.get('/api/reports')).status()).toBe(403);
        const anonymous = await playwright.request.newContext({ baseURL });
        expect((await anonymous.get(`/api/partitions/${OWN}`)).status()).toBe(401);
        await viewer.dispose();
        await anonymous.dispose();
      },
      4,
    );
  });

  test('forged x-middleware-subrequest headers bypass nothing', async ({ playwright, baseURL }) => {
    await log.check(
      'HTTP: forged x-middleware-subrequest',
      '4 forged header values x (page, route handler, server action)',
      'no bypass: still redirected, 401, refused; nothing changed',
      async () => {
        const forged = ['proxy', 'middleware', 'src/proxy', 'src/middleware'].map((name) => Array(5).fill(name).join(':'));
        const anonymous = await playwright.request.newContext({ baseURL });
        for (const value of forged) {
          const page = await anonymous.get('/partitions', { headers: { 'x-middleware-subrequest': value }, maxRedirects: 0 });
          expect(page.status(), value).toBe(307);
          expect(page.headers().location).toMatch(/\/login$/);
          expect(page.headers()['content-security-policy']).toContain('frame-ancestors');
          expect((await anonymous.get(`/api/partitions/${OWN}`, { headers: { 'x-middleware-subrequest': value } })).status()).toBe(401);
        }
        const viewer = await signedIn(playwright.request, baseURL, 'viewer@acme.example');
        const officer = await signedIn(playwright.request, baseURL, 'so@acme.example');
        const before = await partitionState(officer, OWN);
        for (const value of forged) {
          const denied = await postAction(viewer, `/partitions/${OWN}`, CHANGE_POLICY(), await safeChange(officer, OWN), { 'x-middleware-subrequest': value });
          expect(denied.body, value).toContain('Your role does not allow this.');
        }
        expect(await partitionState(officer, OWN)).toEqual(before);
        for (const c of [anonymous, viewer, officer]) await c.dispose();
      },
      12,
    );
  });

  test('a server action posted from a foreign Origin is refused by Next.js before it runs; nothing changes', async ({ playwright, baseURL }) => {
    await log.check(
      'HTTP: server action from a foreign Origin',
      "Origin https://evil.example, null, a lookalike host, on a permitted officer's action",
      'refused by Next.js before the action runs; nothing changed',
      async () => {
        const officer = await signedIn(playwright.request, baseURL, 'so@acme.example');
        const before = await partitionState(officer, OWN);
        for (const origin of ['https://evil.example', 'null', 'http://localhost.evil.example']) {
          const response = await postAction(officer, `/partitions/${OWN}`, CHANGE_POLICY(), await safeChange(officer, OWN), { origin });
          expect(response.body, origin).not.toContain('"ok":true');
          if (origin !== 'null') expect(response.status, origin).toBe(500);
        }
        expect(await partitionState(officer, OWN)).toEqual(before);
        await officer.dispose();
      },
      3,
    );
  });
});

test.describe('sessions', () => {
  test('a session update claiming a role or another session changes nothing', async ({ playwright, baseURL }) => {
    await log.check(
      'HTTP: session update claiming a role',
      'POST /api/auth/session with role, tenant and another session id',
      'same session, same role; the viewer is still refused',
      async () => {
        const viewer = await signedIn(playwright.request, baseURL, 'viewer@acme.example');
        const officer = await signedIn(playwright.request, baseURL, 'so@acme.example');
        const session = async () => (await (await viewer.get('/api/auth/session')).json()) as Record<string, unknown>;
        const before = await session();
        expect(before).not.toHaveProperty('role');
        const csrf = ((await (await viewer.get('/api/auth/csrf')).json()) as { csrfToken: string }).csrfToken;
        const update = await viewer.post('/api/auth/session', {
          data: { csrfToken: csrf, data: { role: 'security_officer', sid: 'someone-elses-session', user: { role: 'security_officer', tenantId: null } } },
        });
        expect(update.status()).toBeLessThan(500);
        expect((await session()).sid).toBe(before.sid);
        const denied = await postAction(viewer, `/partitions/${OWN}`, CHANGE_POLICY(), await safeChange(officer, OWN));
        expect(denied.body).toContain('Your role does not allow this.');
        await viewer.dispose();
        await officer.dispose();
      },
      1,
    );
  });

  test('session cookies are HttpOnly and SameSite=Lax (Secure and __Secure- under https: tests/integration/session-cookies.test.ts)', async ({ page, context }) => {
    await logIn(page, 'viewer@acme.example');
    const cookie = (await context.cookies()).find((c) => c.name.endsWith('authjs.session-token'));
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });
  });
});

test.describe('sign-in limits', () => {
  test('five wrong passwords lock the account with a clear message; a forged X-Forwarded-For is not believed', async ({ browser, playwright, baseURL }) => {
    await log.check(
      'HTTP: sign-in guessing and forged client address',
      '5 wrong passwords then one more (login form), the Auth.js endpoint, forged X-Forwarded-For',
      'locked with "Too many sign-in attempts; try again in 15 minutes."; the socket address logged, never the claimed one',
      async () => {
        const email = `nobody-${Date.now()}@acme.example`;
        const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.77' } });
        const page = await context.newPage();
        await page.goto('/login');
        for (let i = 0; i < 5; i++) {
          await page.getByLabel('Email').fill(email);
          await page.getByLabel('Password').fill(`guess-${i}`);
          await page.getByRole('button', { name: 'Sign in', exact: true }).click();
          await expect(page.getByTestId('login-error')).toHaveText('Wrong email or password.');
          await page.reload();
        }
        await page.getByLabel('Email').fill(email);
        await page.getByLabel('Password').fill('guess-5');
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        await expect(page.getByTestId('login-error')).toHaveText('Too many sign-in attempts; try again in 15 minutes.');
        await context.close();

        // The same lock holds on Auth.js's own endpoint, whatever address the client claims.
        const direct = await playwright.request.newContext({ baseURL });
        const response = await apiLogIn(direct, email, 'guess-6', { 'x-forwarded-for': '198.51.100.1' });
        expect(response.headers().location).toContain('code=rate_limited');
        await direct.dispose();

        // Anonymous attempts belong to no tenant: a provider-side compliance user reads them.
        const auditor = await signedIn(playwright.request, baseURL, 'compliance@provider.example');
        const securityLog = await (await auditor.get('/security-log')).text();
        expect(securityLog).toContain(`${email} from 127.0.0.1`);
        expect(securityLog).not.toContain('203.0.113.77');
        expect(securityLog).not.toContain('198.51.100.1');
        expect(securityLog).toContain('rate limited: too many failed sign-ins for this account');
        await auditor.dispose();
      },
      3,
    );
  });
});
