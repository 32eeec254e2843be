import { getContext } from '@/lib/context';
import { loginSchema } from '@/lib/schemas/login';
import { logSecurityEvent } from '@/lib/services/security-log';
import { beginLoginAttempt, finishLoginAttempt } from './login-limit';
import { hashPassword, verifyPassword } from './password';
import { scopeProblem, type Role } from './roles';
import { createSession } from './sessions';

export type SignedInUser = { id: string; name: string; email: string; sid: string };

/** An unknown email is checked against this, so it costs the same time as a wrong password. */
let decoyHash: Promise<string> | undefined;

/**
 * Checks a password against the store and opens a session row. Null on a wrong email or password,
 * 'rate-limited' while the account or the address has too many recent failures (lib/auth/login-limit.ts).
 * Every sign-in with a password comes through here: the login form's action and a direct POST to
 * /api/auth/callback/credentials alike.
 */
export async function authenticateWithPassword(raw: unknown, address: string): Promise<SignedInUser | null | 'rate-limited'> {
  const parsed = loginSchema.safeParse(raw);
  if (!parsed.success) return null;
  const ctx = await getContext();
  const email = parsed.data.email.toLowerCase();
  const target = `${email} from ${address}`;
  const attempt = await beginLoginAttempt(ctx.db, email, address);
  if ('blocked' in attempt) {
    await logSecurityEvent(ctx.db, {
      actor: null,
      action: 'login',
      target,
      reason: `rate limited: too many failed sign-ins for this ${attempt.blocked.scope}`,
    });
    return 'rate-limited';
  }
  const [user] = await ctx.db.query<{ id: string; name: string; email: string; password_hash: string | null; disabled: boolean; role: Role; tenant_id: string | null }>(
    'SELECT id, name, email, password_hash, disabled, role, tenant_id FROM users WHERE lower(email) = $1',
    [email],
  );
  decoyHash ??= hashPassword('decoy password, never valid');
  const valid = await verifyPassword(parsed.data.password, user?.password_hash ?? (await decoyHash));
  if (!user || user.disabled || !valid) {
    await finishLoginAttempt(ctx.db, attempt.attemptId, false);
    await logSecurityEvent(ctx.db, { actor: null, action: 'login', target, reason: 'wrong email or password' });
    return null;
  }
  await finishLoginAttempt(ctx.db, attempt.attemptId, true);
  if (scopeProblem(user.role, user.tenant_id) !== null) {
    // The right password, but an account no session could act for (resolveActor refuses it too).
    await logSecurityEvent(ctx.db, { actor: null, action: 'login', target, reason: `refused: the ${user.role} account has no valid tenant scope` });
    return null;
  }
  const sid = await createSession(ctx.db, user.id);
  return { id: user.id, name: user.name, email: user.email, sid };
}
