import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveActor } from '@/lib/auth/sessions';
import { AttackLog } from '../support/attack-log';
import { makeTenant, makeUser, testContext, type TestUser } from '../support/context';

/**
 * Auth.js's own routes, called in-process as the browser would: the session cookie's flags under
 * http and https, and a client-side session update that claims a role or another session.
 */
type Ctx = Awaited<ReturnType<typeof testContext>>;
type Handlers = (typeof import('@/lib/auth/config'))['handlers'];
let ctx: Ctx;
let viewer: TestUser;
let handlers: Handlers;
const log = new AttackLog('session-cookies');

beforeAll(async () => {
  process.env.AUTH_SECRET ??= 'integration-test-secret-0123456789abcdef';
  ctx = await testContext();
  viewer = await makeUser(ctx, 'viewer', await makeTenant(ctx));
  ({ handlers } = await import('@/lib/auth/config'));
});
afterAll(async () => {
  log.write();
  await ctx.db.close();
});

function cookiePairs(setCookies: string[]): string {
  return setCookies.map((c) => c.split(';')[0]).join('; ');
}

async function signIn(origin: string): Promise<{ setCookies: string[]; jar: string }> {
  const csrf = await handlers.GET(new NextRequest(`${origin}/api/auth/csrf`));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await handlers.POST(
    new NextRequest(`${origin}/api/auth/callback/credentials`, {
      method: 'POST',
      body: new URLSearchParams({ csrfToken, email: viewer.email, password: 'test-password', callbackUrl: `${origin}/partitions` }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiePairs(csrf.headers.getSetCookie()), 'x-forwarded-for': '203.0.113.5' },
    }),
  );
  expect(response.status).toBe(302);
  const setCookies = response.headers.getSetCookie();
  return { setCookies, jar: `${cookiePairs(csrf.headers.getSetCookie())}; ${cookiePairs(setCookies)}` };
}

describe('session cookies', () => {
  it('under https: __Secure- prefixed, Secure, HttpOnly, SameSite=Lax', async () => {
    const { setCookies } = await signIn('https://console.example');
    const session = setCookies.find((c) => c.startsWith('__Secure-authjs.session-token='));
    expect(session).toBeDefined();
    expect(session).toMatch(/; Secure/i);
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; SameSite=Lax/i);
  });

  it('under plain http (local use): HttpOnly, SameSite=Lax, not Secure', async () => {
    const { setCookies } = await signIn('http://localhost:3000');
    const session = setCookies.find((c) => c.startsWith('authjs.session-token='));
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; SameSite=Lax/i);
    expect(session).not.toMatch(/; Secure/i);
  });

  it('a session update from the client claiming a role or another session id changes nothing', async () => {
    await log.check('Session update claiming a role', 'POST /api/auth/session with role, tenant and another session id', 'ignored: same session, same role', async () => {
      const origin = 'http://localhost:3000';
      const { jar } = await signIn(origin);
      const read = async (cookie: string) => (await (await handlers.GET(new NextRequest(`${origin}/api/auth/session`, { headers: { cookie } }))).json()) as { sid?: string };
      const before = await read(jar);
      expect(before.sid).toBeTruthy();
      const csrf = await handlers.GET(new NextRequest(`${origin}/api/auth/csrf`, { headers: { cookie: jar } }));
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const update = await handlers.POST(
        new NextRequest(`${origin}/api/auth/session`, {
          method: 'POST',
          body: JSON.stringify({ csrfToken, data: { role: 'security_officer', tenantId: null, sid: viewer.sessionId, user: { role: 'security_officer' } } }),
          headers: { 'content-type': 'application/json', cookie: jar },
        }),
      );
      expect(update.status).toBeLessThan(500);
      const updatedJar = update.headers.getSetCookie().length > 0 ? `${jar}; ${cookiePairs(update.headers.getSetCookie())}` : jar;
      const after = await read(updatedJar);
      expect(after.sid).toBe(before.sid);
      expect(after).not.toHaveProperty('role');
      expect((await resolveActor(ctx.db, after.sid))?.role).toBe('viewer');
    });
  });
});
