import { changePolicyAction } from '@/lib/actions/change-policy';
import { purgeKeysAction } from '@/lib/actions/purge-keys';
import { restoreKeysAction } from '@/lib/actions/restore-keys';
import { runWithSession } from '@/lib/auth/current';
import type { PolicyId } from '@/lib/policy';
import { binForm } from './bin';
import { makePartition, uniqueId, type TestUser } from './context';
import type { Mutation, Observed } from './fault-matrix';
import { policyForm } from './forms';
import type { HttpTestContext } from './http';

/** The console's mutations, as the fault matrix drives them: through the real server actions. */

type Outcomes = { intents: number; applied: number; unknown: number; failed: number };

async function auditOf(h: HttpTestContext, column: 'idempotency_key' | 'submission_key', key: string): Promise<Outcomes> {
  const rows = await h.db.query<{ phase: string; outcome: string | null }>(`SELECT phase, outcome FROM audit_events WHERE ${column} = $1`, [key]);
  const count = (test: (r: { phase: string; outcome: string | null }) => boolean) => rows.filter(test).length;
  return {
    intents: count((r) => r.phase === 'intent'),
    applied: count((r) => r.outcome === 'applied'),
    unknown: count((r) => r.outcome === 'unknown'),
    failed: count((r) => r.outcome === 'failed' || r.outcome === 'conflict'),
  };
}

function observeFailure(result: { ok: false; error: string }): Observed {
  return { kind: /may or may not/.test(result.error) ? 'unknown' : 'refused', message: result.error };
}

export function policyMutation(
  h: () => HttpTestContext,
  user: () => TestUser,
  tenant: () => string,
  spec: { name: string; policy: PolicyId; from: boolean; fields: (partitionName: string) => Record<string, string> },
): Mutation {
  return {
    name: spec.name,
    match: { method: 'PUT', path: '/policies/' },
    prepare: async () => {
      const ctx = h();
      const p = await makePartition(ctx, tenant(), { policy: { [spec.policy]: spec.from } });
      const start = (await ctx.emulator.admin.getPartition(p.id))?.version ?? 0;
      const form = policyForm({ partitionId: p.id, expectedVersion: start, [spec.policy]: String(!spec.from), ...spec.fields(p.name) });
      const key = String(form.get('idempotencyKey'));
      return {
        submit: async () => {
          const result = await runWithSession(user().sessionId, () => changePolicyAction(form));
          return result.ok ? { kind: 'applied', message: 'applied' } : observeFailure(result);
        },
        hsmApplied: async () => {
          const [row] = await ctx.emulator.db.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM hsm.policy_log WHERE partition_id = $1 AND version > $2',
            [p.id, start],
          );
          return row?.n ?? 0;
        },
        audit: () => auditOf(ctx, 'idempotency_key', key),
      };
    },
  };
}

export function binMutation(h: () => HttpTestContext, user: () => TestUser, tenant: () => string, operation: 'restore' | 'purge'): Mutation {
  return {
    name: operation === 'restore' ? 'bin restore' : 'bin purge',
    match: { method: 'POST', path: `/bin/${operation}` },
    prepare: async () => {
      const ctx = h();
      const label = uniqueId('key');
      const p = await makePartition(ctx, tenant(), { keys: [{ label, type: 'AES', size: 256 }] });
      const keyId = p.keyIds[0]?.[0] as string;
      await ctx.emulator.client.deleteKey(p.id, p.clientId, keyId);
      const form = binForm([{ partitionId: p.id, keyId }], operation === 'purge' ? { confirmation: label } : {});
      const key = String(form.get('idempotencyKey'));
      const action = operation === 'restore' ? restoreKeysAction : purgeKeysAction;
      return {
        submit: async () => {
          const result = await runWithSession(user().sessionId, () => action(form));
          if (!result.ok) return observeFailure(result);
          const [r] = result.data.results;
          if (r?.status === 'restored' || r?.status === 'purged') return { kind: 'applied', message: r.message };
          return { kind: r?.status === 'unknown' ? 'unknown' : 'refused', message: r?.message ?? 'no result' };
        },
        hsmApplied: async () => {
          const [row] = await ctx.emulator.db.query<{ state: string }>('SELECT state FROM hsm.keys WHERE id = $1', [keyId]);
          return operation === 'restore' ? (row?.state === 'active' ? 1 : 0) : row ? 0 : 1;
        },
        audit: () => auditOf(ctx, 'submission_key', key),
      };
    },
  };
}
