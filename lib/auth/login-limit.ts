import type { Database, Queryable } from '@/lib/db/driver';

/**
 * Sign-in rate limits, kept in the console's store (`login_attempts`) so they hold across restarts and
 * across instances on one Postgres server. A failed attempt counts against its account (until that
 * account signs in successfully) and against its address (for the whole window). An attempt is
 * counted before its password is checked, under a per-account and per-address lock, so parallel
 * guesses cannot slip past the limit; refused attempts do not extend the block.
 */
export const LOGIN_LIMITS = { perAccount: 5, perAddress: 20, windowMinutes: 15 } as const;

export type LoginBlock = { scope: 'account' | 'address'; minutes: number };

/** Lock namespace for sign-in attempts (two-key advisory locks). */
const ACCOUNT_LOCK = 16726;
const ADDRESS_LOCK = 16727;

export function tooManyAttemptsMessage(minutes: number): string {
  return `Too many sign-in attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

async function blockedFor(db: Queryable, column: 'account' | 'address', value: string, limit: number): Promise<number | null> {
  const sinceSuccess =
    column === 'account'
      ? `AND at > coalesce((SELECT max(at) FROM login_attempts WHERE account = $1 AND outcome = 'success'), '-infinity'::timestamptz)`
      : '';
  // The limit-th most recent counted failure: the block lasts until it leaves the window.
  const [row] = await db.query<{ minutes: number }>(
    `SELECT greatest(1, ceil(extract(epoch FROM (at + make_interval(mins => $3::int) - now())) / 60))::int AS minutes
       FROM login_attempts
      WHERE ${column} = $1 AND outcome IN ('pending', 'failure') AND at > now() - make_interval(mins => $3::int) ${sinceSuccess}
      ORDER BY at DESC OFFSET $2::int - 1 LIMIT 1`,
    [value, limit, LOGIN_LIMITS.windowMinutes],
  );
  return row ? Number(row.minutes) : null;
}

/** Whether a sign-in for this account from this address is refused now, and for how long. */
export async function loginBlock(db: Queryable, account: string, address: string): Promise<LoginBlock | null> {
  const byAccount = await blockedFor(db, 'account', account, LOGIN_LIMITS.perAccount);
  const byAddress = await blockedFor(db, 'address', address, LOGIN_LIMITS.perAddress);
  if (byAccount === null && byAddress === null) return null;
  return (byAccount ?? 0) >= (byAddress ?? 0) ? { scope: 'account', minutes: byAccount ?? 1 } : { scope: 'address', minutes: byAddress ?? 1 };
}

export type LoginAttempt = { attemptId: number } | { blocked: LoginBlock };

/** Counts an attempt before its password is checked, or refuses it (recorded as `blocked`, not counted). */
export async function beginLoginAttempt(db: Database, account: string, address: string): Promise<LoginAttempt> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [ACCOUNT_LOCK, account]);
    await tx.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [ADDRESS_LOCK, address]);
    const blocked = await loginBlock(tx, account, address);
    const outcome = blocked ? 'blocked' : 'pending';
    const [row] = await tx.query<{ id: number }>(
      'INSERT INTO login_attempts (account, address, outcome) VALUES ($1, $2, $3) RETURNING id',
      [account, address, outcome],
    );
    if (Math.random() < 0.01) await tx.query("DELETE FROM login_attempts WHERE at < now() - interval '1 day'");
    return blocked ? { blocked } : { attemptId: Number(row?.id) };
  });
}

/** Settles a counted attempt: a success clears the account's count (not the address's). */
export async function finishLoginAttempt(db: Queryable, attemptId: number, success: boolean): Promise<void> {
  await db.query('UPDATE login_attempts SET outcome = $2 WHERE id = $1', [attemptId, success ? 'success' : 'failure']);
}
