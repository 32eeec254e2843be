import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateWithPassword } from '@/lib/auth/authenticate';
import { beginLoginAttempt, finishLoginAttempt, LOGIN_LIMITS, loginBlock, tooManyAttemptsMessage } from '@/lib/auth/login-limit';
import { openDatabase, type Database } from '@/lib/db/driver';
import { AttackLog } from '../support/attack-log';
import { makeTenant, makeUser, testContext, uniqueId, type TestUser } from '../support/context';

type Ctx = Awaited<ReturnType<typeof testContext>>;
let ctx: Ctx;
let user: TestUser;
let tenant: string;
/** A second instance's connection to the same store (Postgres), or the same one (embedded engine). */
let otherInstance: Database;
const log = new AttackLog('login-limit');
const GUESSING = 'Password guessing';
const TRIED = 'wrong passwords for one account then the right one; an unknown email; spraying 20 accounts from one address; 12 parallel guesses';
const EXPECTED = 'account locked after 5 failures, address after 20, for 15 minutes, the right password refused meanwhile; parallel guesses capped at 5; all logged';

beforeAll(async () => {
  ctx = await testContext();
  tenant = await makeTenant(ctx);
  user = await makeUser(ctx, 'viewer', tenant);
  otherInstance = process.env.TEST_DATABASE_URL ? await openDatabase(process.env.TEST_DATABASE_URL) : ctx.db;
});
afterAll(async () => {
  log.write();
  if (otherInstance !== ctx.db) await otherInstance.close();
  await ctx.db.close();
});

/** A unique address per call: documentation ranges, IPv6 so that there are enough of them. */
function address(): string {
  return `2001:db8::${uniqueId('a').slice(-8, -4)}:${uniqueId('a').slice(-4)}`;
}

/** Failed attempts recorded the way the sign-in records them, without paying for scrypt each time. */
async function fail(account: string, from: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    const attempt = await beginLoginAttempt(ctx.db, account, from);
    if ('attemptId' in attempt) await finishLoginAttempt(ctx.db, attempt.attemptId, false);
  }
}

function login(email: string, password: string, from: string) {
  return authenticateWithPassword({ email, password }, from);
}

describe('sign-in rate limits', () => {
  it('five failures lock the account, even against the right password, with a clear message and a security-log row', async () => {
    await log.check(GUESSING, TRIED, EXPECTED, async () => {
      const target = await makeUser(ctx, 'security_officer', tenant);
      const from = address();
      for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) expect(await login(target.email, 'wrong', from)).toBeNull();
      expect(await login(target.email, 'test-password', from)).toBe('rate-limited');
      // From another address too: the lock is on the account.
      expect(await login(target.email, 'test-password', address())).toBe('rate-limited');
      const block = await loginBlock(ctx.db, target.email, from);
      expect(block).toEqual({ scope: 'account', minutes: LOGIN_LIMITS.windowMinutes });
      expect(tooManyAttemptsMessage(block?.minutes ?? 0)).toBe('Too many sign-in attempts; try again in 15 minutes.');
      const rows = await ctx.db.query<{ reason: string; target: string }>(
        "SELECT reason, target FROM security_log WHERE action = 'login' AND target LIKE $1 ORDER BY id",
        [`${target.email}%`],
      );
      expect(rows.filter((r) => r.reason === 'wrong email or password')).toHaveLength(5);
      expect(rows.at(-1)?.reason).toBe('rate limited: too many failed sign-ins for this account');
      expect(rows[0]?.target).toBe(`${target.email} from ${from}`);
    });
  });

  it('the lock ends when the failures leave the window; a success clears the account count', async () => {
    const from = address();
    await fail(user.email, from, LOGIN_LIMITS.perAccount);
    expect(await login(user.email, 'test-password', from)).toBe('rate-limited');
    await ctx.db.query("UPDATE login_attempts SET at = at - interval '16 minutes' WHERE account = $1", [user.email]);
    expect(await login(user.email, 'test-password', from)).toMatchObject({ id: user.id });
    await fail(user.email, from, LOGIN_LIMITS.perAccount - 1);
    expect(await login(user.email, 'test-password', from)).toMatchObject({ id: user.id });
    await fail(user.email, from, LOGIN_LIMITS.perAccount - 1);
    expect(await loginBlock(ctx.db, user.email, from)).toBeNull();
  });

  it('an unknown email is limited like a real one (no hint that it does not exist)', async () => {
    await log.check(GUESSING, TRIED, EXPECTED, async () => {
      const ghost = `${uniqueId('ghost')}@test.example`;
      const from = address();
      for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) expect(await login(ghost, 'x', from)).toBeNull();
      expect(await login(ghost, 'x', from)).toBe('rate-limited');
    });
  });

  it('twenty failures from one address lock that address for every account; other addresses still sign in', async () => {
    await log.check(GUESSING, TRIED, EXPECTED, async () => {
      const from = address();
      for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) await fail(`${uniqueId('spray')}@test.example`, from, 1);
      const victim = await makeUser(ctx, 'viewer', tenant);
      expect(await login(victim.email, 'test-password', from)).toBe('rate-limited');
      expect(await loginBlock(ctx.db, victim.email, from)).toMatchObject({ scope: 'address' });
      expect(await login(victim.email, 'test-password', address())).toMatchObject({ id: victim.id });
    });
  });

  it('parallel guesses cannot slip past the limit: attempts are counted before the password is checked', async () => {
    await log.check(GUESSING, TRIED, EXPECTED, async () => {
      const target = await makeUser(ctx, 'viewer', tenant);
      const results = await Promise.all(Array.from({ length: 12 }, () => login(target.email, 'wrong', address())));
      expect(results.filter((r) => r === null)).toHaveLength(LOGIN_LIMITS.perAccount);
      expect(results.filter((r) => r === 'rate-limited')).toHaveLength(12 - LOGIN_LIMITS.perAccount);
    });
  });

  it('the limits live in the store: another instance (or a restart) sees the same lock', async () => {
    const target = await makeUser(ctx, 'viewer', tenant);
    const from = address();
    await fail(target.email, from, LOGIN_LIMITS.perAccount);
    expect(await loginBlock(otherInstance, target.email, from)).toMatchObject({ scope: 'account' });
  });
});
