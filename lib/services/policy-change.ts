import type { AppContext } from '@/lib/context';
import type { Actor } from '@/lib/auth/roles';
import { isHsmError, type PolicyLogEntry } from '@/lib/hsm/types';
import {
  needsReason,
  needsTypedName,
  policyEntry,
  riskOf,
  RISK_LABELS,
  valueWord,
  type ConfirmClass,
  type PartitionPolicy,
  type PolicyId,
} from '@/lib/policy';
import { actorOfVersion, findSubmission, writeIntent, writeOutcome } from './audit';
import { changeBlockedBecause, findVisiblePartition, visiblePolicy } from './partitions';
import { fail, ok, type Result } from './result';
import { logSecurityEvent } from './security-log';

export type PolicyChangeInput = {
  partitionId: string;
  policy: PolicyId;
  value: boolean;
  expectedVersion: number;
  idempotencyKey: string;
  confirm?: ConfirmClass | null;
  reason?: string | null;
  typedName?: string | null;
  ticket?: string | null;
};

/** `policy` as the actor may see it: support gets Client API Access only (DOMAIN.md). */
export type PolicyChangeApplied = { version: number; policy: Partial<PartitionPolicy>; replayed: boolean };

export type ConflictChange = { policy: PolicyId; from: boolean; to: boolean; by: string; role: string | null; at: string; version: number };

export type PolicyChangeConflict = { currentVersion: number; changes: ConflictChange[] };

const ACTION = 'policy.change';

/**
 * Applies one policy change: checks scope, role and confirmation, then writes the audit intent,
 * calls the HSM with the submission's idempotency key, and writes the outcome.
 */
export async function changePolicy(
  ctx: AppContext,
  actor: Actor,
  input: PolicyChangeInput,
): Promise<Result<PolicyChangeApplied, PolicyChangeConflict>> {
  const target = `${input.partitionId}/${input.policy}`;
  const partition = await findVisiblePartition(ctx, actor, input.partitionId);
  if (!partition) {
    await logSecurityEvent(ctx.db, { actor, action: ACTION, target, reason: 'partition not found or outside scope' });
    return fail('not-found', 'No such partition.');
  }

  const stored = await findSubmission(ctx.db, input.idempotencyKey);
  if (stored.intent && (stored.intent.actorId !== actor.userId || stored.intent.partitionId !== input.partitionId)) {
    await logSecurityEvent(ctx.db, { actor, action: ACTION, target, reason: 'idempotency key belongs to another submission' });
    return fail('invalid', 'This form was already used for another change. Reload the page and try again.');
  }
  if (stored.outcome) return replay(ctx, actor, input, stored.outcome);

  const from = partition.policy[input.policy];
  const label = policyEntry(input.policy).label;
  // A retry of a submission whose outcome is unknown goes to the backend again with the same key.
  const retrying = stored.intent !== null;
  const alreadySet = !retrying && from === input.value;
  if (alreadySet && partition.version === input.expectedVersion) {
    return fail('invalid', `${label} is already ${valueWord(input.policy, from).toLowerCase()}.`);
  }
  // A stale form whose change someone else already made is a conflict like any other: it names who
  // changed what since the form was loaded (once the actor is known to be allowed this change at all).
  const risk = riskOf(input.policy, alreadySet ? !input.value : from, input.value);

  const denied = deniedBecause(actor, input.policy, risk);
  if (denied) {
    await logSecurityEvent(ctx.db, { actor, action: ACTION, target, reason: `denied: ${denied}` });
    return fail('forbidden', denied);
  }
  if (alreadySet) return conflict(ctx, input.partitionId, input.expectedVersion, partition.version);

  const missing = missingConfirmation(actor, input, partition.name, from);
  if (missing) {
    await logSecurityEvent(ctx.db, { actor, action: ACTION, target, reason: `refused: ${Object.values(missing).flat().join(' ')}` });
    return fail('invalid', `This ${RISK_LABELS[risk].toLowerCase()} change needs explicit confirmation.`, { fieldErrors: missing });
  }

  if (!retrying && partition.version !== input.expectedVersion) {
    return conflict(ctx, input.partitionId, input.expectedVersion, partition.version);
  }

  await writeIntent(ctx.db, {
    idempotencyKey: input.idempotencyKey,
    action: ACTION,
    actor,
    tenantId: partition.tenantId,
    partitionId: partition.id,
    partitionName: partition.name,
    policy: input.policy,
    before: from,
    after: input.value,
    reason: input.reason?.trim() || null,
    ticket: input.ticket?.trim() || null,
  });

  let result;
  try {
    result = await ctx.hsm.admin.setPolicy({
      partitionId: partition.id,
      policy: input.policy,
      value: input.value,
      expectedVersion: input.expectedVersion,
      idempotencyKey: input.idempotencyKey,
      actor: `console:${actor.userId}`,
    });
  } catch (error) {
    const definitive = isHsmError(error) && error.code !== 'UNAVAILABLE';
    const message = definitive ? error.message : 'The HSM did not answer.';
    await writeOutcome(ctx.db, input.idempotencyKey, {
      outcome: definitive ? 'failed' : 'unknown',
      message,
      backendVersion: null,
    });
    return fail(
      definitive ? 'failed' : 'unavailable',
      definitive
        ? `The HSM refused the change: ${message}`
        : 'The HSM did not answer, so the change may or may not have been applied. Submit again: it will be applied at most once.',
    );
  }

  if (result.status === 'not-found') {
    await writeOutcome(ctx.db, input.idempotencyKey, { outcome: 'failed', message: 'partition not found', backendVersion: null });
    return fail('not-found', 'No such partition.');
  }
  if (result.status === 'conflict') {
    const details = await conflictDetails(ctx, input.partitionId, result.changes, result.currentVersion);
    await writeOutcome(ctx.db, input.idempotencyKey, {
      outcome: 'conflict',
      message: conflictSentence(details),
      backendVersion: result.currentVersion,
    });
    return fail('conflict', conflictSentence(details), { details });
  }
  await writeOutcome(ctx.db, input.idempotencyKey, {
    outcome: 'applied',
    message: `${label} ${valueWord(input.policy, from).toLowerCase()} → ${valueWord(input.policy, input.value).toLowerCase()}`,
    backendVersion: result.version,
  });
  return ok({ version: result.version, policy: visiblePolicy(actor, result.policy), replayed: false });
}

function missingConfirmation(
  actor: Actor,
  input: PolicyChangeInput,
  partitionName: string,
  from: boolean,
): Record<string, string[]> | null {
  const risk = riskOf(input.policy, from, input.value);
  const errors: Record<string, string[]> = {};
  if (risk !== 'safe' && input.confirm !== risk) {
    errors.confirm = [`Confirm the ${RISK_LABELS[risk].toLowerCase()} risk of this change.`];
  }
  if (needsReason(input.policy, from, input.value) && !input.reason?.trim()) {
    errors.reason = ['Give a reason for this change.'];
  }
  if (needsTypedName(risk) && input.typedName?.trim() !== partitionName) {
    errors.typedName = [`Type the partition name "${partitionName}" to confirm.`];
  }
  if (actor.role === 'support' && input.policy === 'clientApiAccess' && !input.ticket?.trim()) {
    errors.ticket = ['Give the support ticket reference.'];
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

async function replay(
  ctx: AppContext,
  actor: Actor,
  input: PolicyChangeInput,
  outcome: NonNullable<Awaited<ReturnType<typeof findSubmission>>['outcome']>,
): Promise<Result<PolicyChangeApplied, PolicyChangeConflict>> {
  if (outcome.outcome === 'applied') {
    const partition = await ctx.hsm.admin.getPartition(input.partitionId);
    if (!partition) return fail('not-found', 'No such partition.');
    return ok({ version: outcome.backendVersion ?? partition.version, policy: visiblePolicy(actor, partition.policy), replayed: true });
  }
  if (outcome.outcome === 'conflict') {
    return conflict(ctx, input.partitionId, input.expectedVersion, outcome.backendVersion ?? input.expectedVersion);
  }
  return fail('failed', outcome.message ?? 'The HSM refused the change.');
}

/** Why the actor may not make this change at all, or null. */
function deniedBecause(actor: Actor, policy: PolicyId, risk: ReturnType<typeof riskOf>): string | null {
  if (actor.role === 'support' && policy !== 'clientApiAccess') return 'Provider support may only take a partition offline or bring it online.';
  return changeBlockedBecause(actor, policy, risk);
}

async function conflict(
  ctx: AppContext,
  partitionId: string,
  expectedVersion: number,
  currentVersion: number,
): Promise<Result<never, PolicyChangeConflict>> {
  const changes = await ctx.hsm.admin.policyLog(partitionId, expectedVersion);
  const details = await conflictDetails(ctx, partitionId, changes, currentVersion);
  return fail('conflict', conflictSentence(details), { details });
}

async function conflictDetails(
  ctx: AppContext,
  partitionId: string,
  changes: PolicyLogEntry[],
  currentVersion: number,
): Promise<PolicyChangeConflict> {
  const named = await Promise.all(
    changes.map(async (change): Promise<ConflictChange> => {
      const who = await actorOfVersion(ctx.db, partitionId, change.version);
      return {
        policy: change.policy,
        from: change.from,
        to: change.to,
        by: who?.name ?? 'changed outside the console',
        role: who?.role ?? null,
        at: change.at,
        version: change.version,
      };
    }),
  );
  return { currentVersion, changes: named };
}

function conflictSentence(details: PolicyChangeConflict): string {
  if (details.changes.length === 0) return 'The partition changed since you opened it. Reload and try again.';
  const parts = details.changes.map(
    (c) =>
      `${policyEntry(c.policy).label} was set to ${valueWord(c.policy, c.to).toLowerCase()} by ${c.by}${c.role ? ` (${c.role.replace('_', ' ')})` : ''}`,
  );
  return `Not saved: the partition changed since you opened it. ${parts.join('; ')}. Review and try again.`;
}
