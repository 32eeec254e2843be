import { getContext, type AppContext } from '@/lib/context';
import { can, type Permission } from '@/lib/auth/permissions';
import { currentSessionId } from '@/lib/auth/current';
import type { Actor } from '@/lib/auth/roles';
import { resolveActor } from '@/lib/auth/sessions';
import { logSecurityEvent } from '@/lib/services/security-log';

/** Route handlers' counterpart of the action wrapper: authenticate, authorize, then handle. */
export async function guardRoute(
  name: string,
  permission: Permission,
  handle: (ctx: AppContext, actor: Actor) => Promise<Response>,
): Promise<Response> {
  const ctx = await getContext();
  const actor = await resolveActor(ctx.db, await currentSessionId());
  if (!actor) {
    await logSecurityEvent(ctx.db, { actor: null, action: name, reason: 'not signed in' });
    return Response.json({ error: 'Sign in first.' }, { status: 401 });
  }
  if (!can(actor.role, permission)) {
    await logSecurityEvent(ctx.db, { actor, action: name, reason: `denied: role ${actor.role} lacks ${permission}` });
    return Response.json({ error: 'Your role does not allow this.' }, { status: 403 });
  }
  return handle(ctx, actor);
}
