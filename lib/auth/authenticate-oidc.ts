import { getContext } from '@/lib/context';
import { logSecurityEvent } from '@/lib/services/security-log';
import { scopeProblem, type Role } from './roles';
import { createSession } from './sessions';

/**
 * Admits only users pre-provisioned by (issuer, subject); the identity provider's claims never give a
 * role or a tenant. Returns a new store session id, or null (and a security-log row) when refused.
 */
export async function openOidcSession(issuer: string, subject: string): Promise<string | null> {
  const ctx = await getContext();
  const [user] = await ctx.db.query<{ id: string; disabled: boolean; role: Role; tenant_id: string | null }>(
    'SELECT id, disabled, role, tenant_id FROM users WHERE oidc_issuer = $1 AND oidc_subject = $2',
    [issuer, subject],
  );
  const refused = !user
    ? 'subject not provisioned for this console'
    : user.disabled
      ? 'user disabled'
      : scopeProblem(user.role, user.tenant_id) !== null
        ? `refused: the ${user.role} account has no valid tenant scope`
        : null;
  if (!user || refused) {
    await logSecurityEvent(ctx.db, { actor: null, action: 'login.oidc', target: `${issuer} ${subject}`.slice(0, 300), reason: refused ?? '' });
    return null;
  }
  return createSession(ctx.db, user.id);
}
