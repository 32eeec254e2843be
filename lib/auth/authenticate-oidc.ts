import { getContext } from '@/lib/context';
import { logSecurityEvent } from '@/lib/services/security-log';
import { createSession } from './sessions';

/**
 * Admits only users pre-provisioned by (issuer, subject); the identity provider's claims never give a
 * role or a tenant. Returns a new store session id, or null (and a security-log row) when refused.
 */
export async function openOidcSession(issuer: string, subject: string): Promise<string | null> {
  const ctx = await getContext();
  const [user] = await ctx.db.query<{ id: string; disabled: boolean }>(
    'SELECT id, disabled FROM users WHERE oidc_issuer = $1 AND oidc_subject = $2',
    [issuer, subject],
  );
  if (!user || user.disabled) {
    await logSecurityEvent(ctx.db, {
      actor: null,
      action: 'login.oidc',
      target: `${issuer} ${subject}`.slice(0, 300),
      reason: user ? 'user disabled' : 'subject not provisioned for this console',
    });
    return null;
  }
  return createSession(ctx.db, user.id);
}
