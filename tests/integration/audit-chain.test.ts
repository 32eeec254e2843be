import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { appendAudit } from '@/lib/audit/chain';
import { chainExistingAuditRows } from '@/lib/audit/backfill';
import { GENESIS_HASH } from '@/lib/audit/hash';
import { verifyAllChains, verifyChain } from '@/lib/audit/verify';
import { changePolicyAction } from '@/lib/actions/change-policy';
import { restoreKeysAction } from '@/lib/actions/restore-keys';
import { runWithSession } from '@/lib/auth/current';
import { writeIntent, writeOutcome } from '@/lib/services/audit';
import { makePartition, makeTenant, makeUser, testContext, type TestUser } from '../support/context';
import { binForm } from '../support/bin';
import { policyForm } from '../support/forms';
import { AttackLog } from '../support/attack-log';

type Ctx = Awaited<ReturnType<typeof testContext>>;
let ctx: Ctx;
let tenant: string;
let officer: TestUser;
const log = new AttackLog('audit-chain');
const TAMPER = 'Audit tampering';
const TAMPER_TRIED = 'a row edited, deleted, forged or re-ordered behind the append-only trigger';
const TAMPER_EXPECTED = 'the chain check names the first broken record';

beforeAll(async () => {
  ctx = await testContext();
  tenant = await makeTenant(ctx);
  officer = await makeUser(ctx, 'security_officer', tenant);
});
afterAll(async () => {
  log.write();
  await ctx.db.close();
});

/** Edits rows the way an attacker with database access would: the append-only trigger set aside. */
async function tamper(sql: string, params: unknown[]): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
    await tx.query(sql, params);
    await tx.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
  });
}

/** A partition with three policy changes through the real action: six chained records. */
async function partitionWithHistory() {
  const p = await makePartition(ctx, tenant);
  const changes: Record<string, string>[] = [
    { sessionObjects: 'false', confirm: 'workflow-breaking', reason: 'r1' },
    { sessionObjects: 'true' },
    { keyExport: 'true', confirm: 'exfiltration', reason: 'r3' },
  ];
  for (const [i, change] of changes.entries()) {
    const result = await runWithSession(officer.sessionId, () =>
      changePolicyAction(policyForm({ partitionId: p.id, expectedVersion: i + 1, ...change })),
    );
    expect(result.ok).toBe(true);
  }
  const rows = await ctx.db.query<{ id: number; chain_seq: number }>(
    'SELECT id, chain_seq FROM audit_events WHERE partition_id = $1 ORDER BY chain_seq',
    [p.id],
  );
  return { partition: p, rows: rows.map((r) => ({ id: Number(r.id), seq: Number(r.chain_seq) })) };
}

describe('tamper-evident audit', () => {
  it('policy changes and bin restores are appended to their partition chain, and the chain verifies', async () => {
    const { partition, rows } = await partitionWithHistory();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    const [first] = await ctx.db.query<{ prev_hash: string; hash: string }>(
      'SELECT prev_hash, hash FROM audit_events WHERE partition_id = $1 AND chain_seq = 1',
      [partition.id],
    );
    expect(first?.prev_hash).toBe(GENESIS_HASH);
    expect(first?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyChain(ctx.db, partition.id)).toEqual({ partitionId: partition.id, records: 6, broken: null });

    const binned = await makePartition(ctx, tenant, { keys: [{ label: 'old', type: 'AES', size: 256 }] });
    const keyId = binned.keyIds[0]?.[0] as string;
    await ctx.hsm.client.deleteKey(binned.id, binned.clientId, keyId);
    const restored = await runWithSession(officer.sessionId, () => restoreKeysAction(binForm([{ partitionId: binned.id, keyId }])));
    expect(restored.ok).toBe(true);
    expect(await verifyChain(ctx.db, binned.id)).toMatchObject({ records: 2, broken: null });
  });

  it('concurrent writes to one partition queue on its lock and keep one unbroken chain; other partitions do not wait', async () => {
    const a = await makePartition(ctx, tenant);
    const b = await makePartition(ctx, tenant);
    const actor = { userId: officer.id, sessionId: officer.sessionId, email: officer.email, name: 'SO', role: officer.role, tenantId: tenant };
    const writes = Array.from({ length: 12 }, (_, i) => {
      const p = i % 2 === 0 ? a : b;
      const key = randomUUID();
      return writeIntent(ctx.db, {
        idempotencyKey: key,
        action: 'policy.change',
        actor,
        tenantId: tenant,
        partitionId: p.id,
        partitionName: p.name,
        policy: 'keyImport',
        before: true,
        after: false,
        reason: `concurrent ${i}`,
        ticket: null,
      }).then(() => writeOutcome(ctx.db, key, { outcome: 'applied', message: null, backendVersion: i }));
    });
    await Promise.all(writes);
    for (const p of [a, b]) expect(await verifyChain(ctx.db, p.id)).toMatchObject({ records: 12, broken: null });
  });

  it('an edited record is named, with the record number and its id', async () => {
    await log.check(TAMPER, TAMPER_TRIED, TAMPER_EXPECTED, async () => {
      const { partition, rows } = await partitionWithHistory();
      const target = rows[3] as { id: number };
      await tamper('UPDATE audit_events SET reason = $1 WHERE id = $2', ['nothing to see here', target.id]);
      expect((await verifyChain(ctx.db, partition.id)).broken).toEqual({
        record: 4,
        id: target.id,
        reason: 'the record was changed after it was written',
      });
    });
  });

  it('an edited record whose hash was recomputed breaks the link of the next record', async () => {
    await log.check(TAMPER, TAMPER_TRIED, TAMPER_EXPECTED, async () => {
      const { partition, rows } = await partitionWithHistory();
      const target = rows[1] as { id: number };
      await tamper("UPDATE audit_events SET hash = repeat('a', 64) WHERE id = $1", [target.id]);
      const status = await verifyChain(ctx.db, partition.id);
      expect(status.broken).toMatchObject({ record: 2, id: target.id });
    });
  });

  it('a deleted record is named as missing', async () => {
    await log.check(TAMPER, TAMPER_TRIED, TAMPER_EXPECTED, async () => {
      const { partition, rows } = await partitionWithHistory();
      await tamper('DELETE FROM audit_events WHERE id = $1', [(rows[2] as { id: number }).id]);
      const status = await verifyChain(ctx.db, partition.id);
      expect(status.broken).toEqual({ record: 3, id: (rows[3] as { id: number }).id, reason: 'record 3 is missing (the next record is number 4)' });
    });
  });

  it('a forged record inserted without the chain writer is named', async () => {
    await log.check(TAMPER, TAMPER_TRIED, TAMPER_EXPECTED, async () => {
      const { partition } = await partitionWithHistory();
      const [forged] = await ctx.db.query<{ id: number }>(
        `INSERT INTO audit_events (phase, idempotency_key, action, tenant_id, partition_id, partition_name, actor_id, actor_name, actor_role,
            policy, before_value, after_value, outcome)
         VALUES ('outcome', $1, 'policy.change', $2, $3, 'x', 'usr', 'Mallory', 'security_officer', 'keyExport', false, true, 'applied')
         RETURNING id`,
        [randomUUID(), tenant, partition.id],
      );
      const status = await verifyChain(ctx.db, partition.id);
      expect(status.broken).toEqual({ record: 7, id: Number(forged?.id), reason: 'the record is not part of the chain (no hash)' });
    });
  });

  it('a record moved to another place in the chain is named', async () => {
    await log.check(TAMPER, TAMPER_TRIED, TAMPER_EXPECTED, async () => {
      const { partition, rows } = await partitionWithHistory();
      const [x, y] = [rows[4] as { id: number }, rows[5] as { id: number }];
      // Swap the last two records' places (through a free number: the position is unique).
      await tamper('UPDATE audit_events SET chain_seq = 100 WHERE id = $1', [x.id]);
      await tamper('UPDATE audit_events SET chain_seq = 5 WHERE id = $1', [y.id]);
      await tamper('UPDATE audit_events SET chain_seq = 6 WHERE id = $1', [x.id]);
      expect((await verifyChain(ctx.db, partition.id)).broken).toMatchObject({ record: 5, id: y.id });
    });
  });

  it('the chains of untouched partitions still verify; verifyAllChains names only the broken ones', async () => {
    const good = await partitionWithHistory();
    const bad = await partitionWithHistory();
    await tamper('UPDATE audit_events SET actor_name = $1 WHERE id = $2', ['Someone Else', (bad.rows[0] as { id: number }).id]);
    const statuses = await verifyAllChains(ctx.db);
    expect(statuses.find((s) => s.partitionId === good.partition.id)?.broken).toBeNull();
    expect(statuses.find((s) => s.partitionId === bad.partition.id)?.broken).toMatchObject({ record: 1 });
  });

  it('rows written before the chain existed are chained by the migration step, after any chained records', async () => {
    const p = await makePartition(ctx, tenant);
    await appendAudit(ctx.db, [{ phase: 'intent', idempotency_key: randomUUID(), partition_id: p.id, action: 'policy.change', tenant_id: tenant, partition_name: p.name, actor_id: 'a', actor_name: 'A', actor_role: 'security_officer' }]);
    for (let i = 0; i < 2; i++) {
      await ctx.db.query(
        `INSERT INTO audit_events (phase, idempotency_key, action, tenant_id, partition_id, partition_name, actor_id, actor_name, actor_role)
         VALUES ('intent', $1, 'policy.change', $2, $3, $4, 'a', 'A', 'security_officer')`,
        [randomUUID(), tenant, p.id, p.name],
      );
    }
    expect((await verifyChain(ctx.db, p.id)).broken).toMatchObject({ record: 2 });
    await ctx.db.transaction((tx) => chainExistingAuditRows(tx));
    expect(await verifyChain(ctx.db, p.id)).toMatchObject({ records: 3, broken: null });
    // The append-only trigger is back.
    await expect(ctx.db.query('DELETE FROM audit_events WHERE partition_id = $1', [p.id])).rejects.toThrow(/append-only/);
  });
});
