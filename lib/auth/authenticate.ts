import { getContext } from '@/lib/context';
import { loginSchema } from '@/lib/schemas/login';
import { logSecurityEvent } from '@/lib/services/security-log';
import { verifyPassword } from './password';
import { createSession } from './sessions';

export type SignedInUser = { id: string; name: string; email: string; sid: string };

/** Checks a password against the store and opens a session row. Null on any failure. */
export async function authenticateWithPassword(raw: unknown): Promise<SignedInUser | null> {
  const parsed = loginSchema.safeParse(raw);
  if (!parsed.success) return null;
  const ctx = await getContext();
  const email = parsed.data.email.toLowerCase();
  const [user] = await ctx.db.query<{ id: string; name: string; email: string; password_hash: string | null; disabled: boolean }>(
    'SELECT id, name, email, password_hash, disabled FROM users WHERE lower(email) = $1',
    [email],
  );
  const valid = user && !user.disabled && (await verifyPassword(parsed.data.password, user.password_hash));
  if (!user || !valid) {
    await logSecurityEvent(ctx.db, { actor: null, action: 'login', target: email, reason: 'wrong email or password' });
    return null;
  }
  const sid = await createSession(ctx.db, user.id);
  return { id: user.id, name: user.name, email: user.email, sid };
}
