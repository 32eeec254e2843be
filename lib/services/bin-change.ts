import type { AppContext } from '@/lib/context';
import type { Actor } from '@/lib/auth/roles';
import { isHsmError, type BinnedKey, type BinResult, type PartitionDetail } from '@/lib/hsm/types';
import type { BinKeyRef } from '@/lib/schemas/bin';
import { type BinAction, type BinOutcome, findBinSubmission, type StoredBinKey, writeBinIntents, writeBinOutcomes } from './bin-audit';
import { findVisiblePartition } from './partitions';
import { fail, ok, type Result } from './result';
import { logSecurityEvent } from './security-log';

/**
 * Restore and purge: scope and confirmation checks, then per key an audit intent, the backend call
 * (one per partition, with an idempotency key derived from the user's submission), and an outcome.
 * A double click, a repeated submit or a replayed request finds the submission's records and returns
 * them: each key is restored or purged once and has one audit record.
 */

export type BinChangeInput = { idempotencyKey: string; keys: BinKeyRef[]; confirmation?: string };

export type BinKeyOutcome = {
  partitionId: string;
  partitionName: string;
  keyId: string;
  label: string | null;
  status: 'restored' | 'purged' | 'failed' | 'unknown';
  message: string;
};

export type BinChangeResult = { results: BinKeyOutcome[]; replayed: boolean };

const NO_ANSWER = 'The HSM did not answer: this key may or may not have been changed. Submit again: it is applied at most once.';

export function restoreKeys(ctx: AppContext, actor: Actor, input: BinChangeInput): Promise<Result<BinChangeResult>> {
  return changeBin(ctx, actor, 'bin.restore', input);
}

export function purgeKeys(ctx: AppContext, actor: Actor, input: BinChangeInput): Promise<Result<BinChangeResult>> {
  return changeBin(ctx, actor, 'bin.purge', input);
}

/** The backend's idempotency key for one partition's share of a submission. */
export function backendKey(submissionKey: string, partitionId: string): string {
  return `${submissionKey}:${partitionId}`;
}

function describe(keys: readonly BinKeyRef[]): string {
  const text = keys.map((k) => `${k.partitionId}/${k.keyId}`).join(',');
  return text.length > 200 ? `${text.slice(0, 197)}…` : text;
}

async function changeBin(ctx: AppContext, actor: Actor, action: BinAction, input: BinChangeInput): Promise<Result<BinChangeResult>> {
  const target = describe(input.keys);
  const partitions = new Map<string, PartitionDetail>();
  for (const partitionId of new Set(input.keys.map((k) => k.partitionId))) {
    const partition = await findVisiblePartition(ctx, actor, partitionId);
    if (!partition) {
      await logSecurityEvent(ctx.db, { actor, action, target, reason: 'partition not found or outside scope' });
      return fail('not-found', 'No such partition.');
    }
    partitions.set(partitionId, partition);
  }

  const stored = await findBinSubmission(ctx.db, input.idempotencyKey);
  if (stored.length > 0) {
    if (!sameSubmission(stored, actor, action, input.keys)) {
      await logSecurityEvent(ctx.db, { actor, action, target, reason: 'idempotency key belongs to another submission' });
      return fail('invalid', 'This form was already used for another change. Reload the page and try again.');
    }
    if (stored.every((s) => s.outcome !== null)) return ok({ results: stored.map((s) => storedOutcome(s, action)), replayed: true });
    // Some keys have no final outcome (the HSM did not answer): ask again with the same keys.
  } else {
    const binned = await binnedKeys(ctx, input.keys);
    if (action === 'bin.purge') {
      const missing = missingConfirmation(input, binned);
      if (missing) {
        await logSecurityEvent(ctx.db, { actor, action, target, reason: `refused: ${missing}` });
        return fail('invalid', 'Purging is irreversible and needs your typed confirmation.', { fieldErrors: { confirmation: [missing] } });
      }
    }
    await writeBinIntents(
      ctx.db,
      { submissionKey: input.idempotencyKey, action, actor },
      input.keys.map((k) => {
        const partition = partitions.get(k.partitionId) as PartitionDetail;
        return {
          partitionId: partition.id,
          partitionName: partition.name,
          tenantId: partition.tenantId,
          keyId: k.keyId,
          keyLabel: binned.get(k.keyId)?.label ?? null,
        };
      }),
    );
  }

  const outcomes: BinOutcome[] = [];
  for (const [partitionId, keyIds] of groupByPartition(input.keys)) {
    outcomes.push(...(await callBackend(ctx, actor, action, input.idempotencyKey, partitionId, keyIds)));
  }
  await writeBinOutcomes(ctx.db, input.idempotencyKey, outcomes);

  const labels = new Map((await findBinSubmission(ctx.db, input.idempotencyKey)).map((s) => [s.keyId, s.keyLabel]));
  const results = input.keys.map((k): BinKeyOutcome => {
    const outcome = outcomes.find((o) => o.keyId === k.keyId);
    return {
      partitionId: k.partitionId,
      partitionName: partitions.get(k.partitionId)?.name ?? k.partitionId,
      keyId: k.keyId,
      label: outcome?.keyLabel ?? labels.get(k.keyId) ?? null,
      status: statusOf(action, outcome?.outcome ?? 'unknown'),
      message: outcome?.message ?? NO_ANSWER,
    };
  });
  return ok({ results, replayed: false });
}

async function callBackend(
  ctx: AppContext,
  actor: Actor,
  action: BinAction,
  submissionKey: string,
  partitionId: string,
  keyIds: string[],
): Promise<BinOutcome[]> {
  const request = { partitionId, keyIds, idempotencyKey: backendKey(submissionKey, partitionId), actor: `console:${actor.userId}` };
  let result: BinResult;
  try {
    result = action === 'bin.restore' ? await ctx.hsm.admin.restoreKeys(request) : await ctx.hsm.admin.purgeKeys(request);
  } catch (error) {
    const definitive = isHsmError(error) && error.code !== 'UNAVAILABLE';
    return keyIds.map((keyId) => ({
      keyId,
      outcome: definitive ? 'failed' : 'unknown',
      message: definitive ? `The HSM refused: ${error.message}` : NO_ANSWER,
    }));
  }
  if (result.status === 'not-found') {
    return keyIds.map((keyId) => ({ keyId, outcome: 'failed', message: 'The partition was not found on the HSM.' }));
  }
  return keyIds.map((keyId): BinOutcome => {
    const r = result.status === 'done' ? result.results.find((x) => x.keyId === keyId) : undefined;
    if (!r) return { keyId, outcome: 'failed', message: 'Not processed: the HSM has another request under this submission.' };
    if (r.status === 'not-in-bin') return { keyId, outcome: 'failed', message: r.message };
    return { keyId, outcome: 'applied', message: r.message, keyLabel: r.label };
  });
}

/** The keys of the request that are in their partition's bin right now, by key id. */
async function binnedKeys(ctx: AppContext, keys: readonly BinKeyRef[]): Promise<Map<string, BinnedKey>> {
  const found = new Map<string, BinnedKey>();
  for (const [partitionId, keyIds] of groupByPartition(keys)) {
    const page = await ctx.hsm.admin.listBin({ partitionId, keyIds, limit: keyIds.length });
    for (const key of page.items) found.set(key.id, key);
  }
  return found;
}

/**
 * Purge needs the key's label typed for one key, or the number of keys for a selection. A key no
 * longer in the bin has no label to type against: the HSM will answer "not in the bin" for it.
 */
function missingConfirmation(input: BinChangeInput, binned: Map<string, BinnedKey>): string | null {
  const typed = input.confirmation?.trim() ?? '';
  if (input.keys.length > 1) {
    return typed === String(input.keys.length) ? null : `Type the number of keys (${input.keys.length}) to confirm.`;
  }
  const [only] = input.keys;
  const label = only ? binned.get(only.keyId)?.label : undefined;
  if (label === undefined) return typed ? null : 'Type the key’s label to confirm.';
  return typed === label ? null : `Type the key’s label "${label}" to confirm.`;
}

function groupByPartition(keys: readonly BinKeyRef[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const k of keys) {
    const group = groups.get(k.partitionId) ?? [];
    group.push(k.keyId);
    groups.set(k.partitionId, group);
  }
  return groups;
}

function sameSubmission(stored: StoredBinKey[], actor: Actor, action: BinAction, keys: readonly BinKeyRef[]): boolean {
  if (stored.some((s) => s.actorId !== actor.userId || s.action !== action)) return false;
  const a = new Set(stored.map((s) => `${s.partitionId}/${s.keyId}`));
  return a.size === keys.length && keys.every((k) => a.has(`${k.partitionId}/${k.keyId}`));
}

function statusOf(action: BinAction, outcome: BinOutcome['outcome']): BinKeyOutcome['status'] {
  if (outcome === 'applied') return action === 'bin.restore' ? 'restored' : 'purged';
  return outcome === 'unknown' ? 'unknown' : 'failed';
}

function storedOutcome(s: StoredBinKey, action: BinAction): BinKeyOutcome {
  return {
    partitionId: s.partitionId,
    partitionName: s.partitionName,
    keyId: s.keyId,
    label: s.outcome?.keyLabel ?? s.keyLabel,
    status: statusOf(action, s.outcome?.outcome ?? 'unknown'),
    message: s.outcome?.message ?? NO_ANSWER,
  };
}
