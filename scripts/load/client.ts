import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/roles';
import type { AppContext } from '@/lib/context';
import { POLICY_IDS, riskOf, type ConfirmClass } from '@/lib/policy';
import { listPartitions, partitionView } from '@/lib/services/partitions';
import { changePolicy } from '@/lib/services/policy-change';
import type { Figures } from './figures';

/** Most iterations one client makes, whatever the clock says: every loop here is bounded. */
const MAX_ITERATIONS = 1_000_000;
const CHANGE_SHARE = 0.4;

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T;
}

/**
 * One console user in a loop until `deadline`: reads (partition list, partition page with its key
 * profile and audit, bin, policy log) and policy changes through the console's service layer, each
 * change read-then-saved against the version it saw (so clients racing on a partition conflict).
 */
export async function runClient(ctx: AppContext, actor: Actor, partitionIds: readonly string[], deadline: number, figures: Figures): Promise<void> {
  for (let i = 0; i < MAX_ITERATIONS && Date.now() < deadline; i += 1) {
    const started = performance.now();
    try {
      if (Math.random() < CHANGE_SHARE) await change(ctx, actor, pick(partitionIds), figures, started);
      else {
        await read(ctx, actor, pick(partitionIds));
        figures.read(performance.now() - started);
      }
    } catch (error) {
      figures.errors.push(error instanceof Error ? error.message : String(error));
    }
  }
}

async function read(ctx: AppContext, actor: Actor, partitionId: string): Promise<void> {
  const kind = Math.floor(Math.random() * 4);
  if (kind === 0) await listPartitions(ctx, actor, { sort: pick(['name', 'keys', 'status'] as const), limit: 20 });
  else if (kind === 1) {
    if (!(await partitionView(ctx, actor, partitionId))) throw new Error(`partition ${partitionId} not visible`);
  } else if (kind === 2) await ctx.hsm.admin.listBin({ partitionId, limit: 50 });
  else await ctx.hsm.admin.policyLog(partitionId, 0);
}

async function change(ctx: AppContext, actor: Actor, partitionId: string, figures: Figures, started: number): Promise<void> {
  const partition = await ctx.hsm.admin.getPartition(partitionId);
  if (!partition) throw new Error(`partition ${partitionId} is gone`);
  const policy = pick(POLICY_IDS);
  const from = partition.policy[policy];
  const risk = riskOf(policy, from, !from);
  const result = await changePolicy(ctx, actor, {
    partitionId,
    policy,
    value: !from,
    expectedVersion: partition.version,
    idempotencyKey: randomUUID(),
    confirm: risk === 'safe' ? null : (risk as ConfirmClass),
    reason: 'load test',
    typedName: partition.name,
    ticket: null,
  });
  figures.change(performance.now() - started);
  if (result.ok) figures.applied += 1;
  else if (result.code === 'conflict') figures.conflicts += 1;
  else if (result.code === 'invalid' && / is already /.test(result.error)) figures.stale += 1;
  else if (result.code === 'unavailable') figures.unknown += 1;
  else figures.errors.push(`${result.code}: ${result.error}`);
}
