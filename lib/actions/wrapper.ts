import type { z } from 'zod';
import { getContext, type AppContext } from '@/lib/context';
import { can, type Permission } from '@/lib/auth/permissions';
import { currentSessionId } from '@/lib/auth/current';
import type { Actor } from '@/lib/auth/roles';
import { resolveActor } from '@/lib/auth/sessions';
import { isHsmError } from '@/lib/hsm/types';
import { fail, type Result } from '@/lib/services/result';
import { logSecurityEvent } from '@/lib/services/security-log';

export type ActionSpec<S extends z.ZodType, T, E> = {
  /** Names the action in the security log. */
  name: string;
  permission: Permission;
  schema: S;
  run: (ctx: AppContext, actor: Actor, input: z.output<S>) => Promise<Result<T, E>>;
};

function toRecord(input: FormData | Record<string, unknown>): Record<string, unknown> {
  if (!(input instanceof FormData)) return input;
  const record: Record<string, unknown> = {};
  for (const [key, value] of input.entries()) {
    // React adds $ACTION_* fields to forms it posts; they are not user input.
    if (!key.startsWith('$ACTION')) record[key] = typeof value === 'string' ? value : '';
  }
  return record;
}

/**
 * Every server action runs through here: authenticate (session row re-read from the store),
 * authorize (permission table), validate (zod), then call the service. Denials and invalid input
 * change nothing and go to the security log.
 */
export async function runAction<S extends z.ZodType, T, E>(
  spec: ActionSpec<S, T, E>,
  input: unknown,
): Promise<Result<T, E>> {
  const ctx = await getContext();
  const actor = await resolveActor(ctx.db, await currentSessionId());
  if (!actor) {
    await logSecurityEvent(ctx.db, { actor: null, action: spec.name, reason: 'not signed in' });
    return fail('unauthenticated', 'Your session has ended. Sign in again.');
  }
  if (!can(actor.role, spec.permission)) {
    await logSecurityEvent(ctx.db, { actor, action: spec.name, reason: `denied: role ${actor.role} lacks ${spec.permission}` });
    return fail('forbidden', 'Your role does not allow this.');
  }
  const record = input instanceof FormData || (typeof input === 'object' && input !== null) ? toRecord(input as FormData) : {};
  // A NUL can never be stored (PostgreSQL text refuses it): refuse it here, for every action, as bad input.
  const withNul = Object.keys(record).filter((k) => typeof record[k] === 'string' && (record[k] as string).includes('\u0000'));
  if (withNul.length > 0) {
    await logSecurityEvent(ctx.db, { actor, action: spec.name, reason: `invalid input: NUL character in ${withNul.join(', ')}`.slice(0, 500) });
    const fieldErrors = Object.fromEntries(withNul.map((k) => [k.slice(0, 64), ['Contains a character that is not allowed.']]));
    return fail('invalid', 'Some fields need attention.', { fieldErrors });
  }
  const parsed = spec.schema.safeParse(record);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'form');
      (fieldErrors[field] ??= []).push(issue.message);
    }
    await logSecurityEvent(ctx.db, {
      actor,
      action: spec.name,
      reason: `invalid input: ${Object.entries(fieldErrors).map(([f, m]) => `${f}: ${m.join(', ')}`).join('; ')}`.slice(0, 500),
    });
    return fail('invalid', 'Some fields need attention.', { fieldErrors });
  }
  try {
    return await spec.run(ctx, actor, parsed.data);
  } catch (error) {
    // Services catch the HSM's silence around their own backend calls (an `unknown` outcome); one
    // that reaches here came from a read before any change was sent.
    if (isHsmError(error) && error.code === 'UNAVAILABLE') {
      return fail('unavailable', 'The HSM is not answering right now, so this request changed nothing. Try again in a moment.');
    }
    console.error(`[action ${spec.name}]`, error);
    return fail('failed', 'Something went wrong on the server. Nothing was changed; try again.');
  }
}
