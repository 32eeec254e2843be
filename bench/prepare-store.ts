/**
 * Run by scripts/bench.ts after the seed, before the server starts (the embedded store has one owner
 * at a time): adds the bench's security officer, picks the partitions it changes, and records the query
 * plans (EXPLAIN ANALYZE) of the partitions list and partition page at this scale.
 *   tsx bench/prepare-store.ts <out.json>   (DATA_DIR points at the seeded store)
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { hashPassword } from '@/lib/auth/password';
import { createContext, defaultDatabaseLocation } from '@/lib/context';
import type { Database, Queryable, Row } from '@/lib/db/driver';
import { EmulatorAdmin } from '@/lib/hsm/emulator/admin';
import { POLICY_COLUMNS } from '@/lib/hsm/emulator/rows';
import { actorOfVersion, findSubmission, listAudit } from '@/lib/services/audit';
import { BENCH_PASSWORD, BENCH_TENANT, CHANGED_POLICIES, LIST_SCENARIOS, USERS, type ChangedPolicy } from './scenarios';

export type PreparedStore = {
  partitions: { id: string; name: string; version: number; policy: Record<ChangedPolicy, boolean> }[];
  plans: { label: string; sql: string; plan: string; ms: number }[];
  counts: Record<string, number>;
};

/** A database whose queries are explained (ANALYZE runs them) instead of answered. */
function explaining(db: Database, plans: PreparedStore['plans'], label: () => string): Database {
  const query = async <T extends Row>(sql: string, params?: readonly unknown[]): Promise<T[]> => {
    const rows = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    const time = /Execution Time: ([\d.]+) ms/.exec(plan);
    plans.push({ label: label(), sql: sql.replace(/\s+/g, ' ').trim(), plan, ms: time?.[1] ? Number(time[1]) : Number.NaN });
    return [];
  };
  const queryable: Queryable = { query };
  return { ...db, query, transaction: (fn) => fn(queryable) };
}

async function main() {
  const out = process.argv[2];
  if (!out) throw new Error('usage: tsx bench/prepare-store.ts <out.json>');
  const ctx = await createContext({ database: defaultDatabaseLocation(), seedDemo: false });
  try {
    await ctx.db.query(
      `INSERT INTO users (id, email, name, password_hash, role, tenant_id) VALUES ($1, $2, 'Bench Officer', $3, 'security_officer', $4)
       ON CONFLICT (email) DO NOTHING`,
      [`usr_${randomUUID().slice(0, 12)}`, USERS.officer, await hashPassword(BENCH_PASSWORD), BENCH_TENANT],
    );
    const rows = await ctx.db.query<{ id: string; name: string; version: number } & Record<string, unknown>>(
      'SELECT * FROM hsm.partitions WHERE tenant_id = $1 AND client_api_access AND object_usage ORDER BY id LIMIT 100',
      [BENCH_TENANT],
    );
    const partitions = rows.map((row) => ({
      id: row.id,
      name: row.name,
      version: row.version,
      policy: Object.fromEntries(CHANGED_POLICIES.map((policy) => [policy, row[POLICY_COLUMNS[policy]] === true])) as Record<ChangedPolicy, boolean>,
    }));
    const counts: Record<string, number> = {};
    for (const [name, sql] of Object.entries({
      partitions: 'SELECT count(*)::int AS n FROM hsm.partitions',
      tenants: 'SELECT count(*)::int AS n FROM hsm.tenants',
      keys: 'SELECT count(*)::int AS n FROM hsm.keys',
      binnedKeys: "SELECT count(*)::int AS n FROM hsm.keys WHERE state = 'binned'",
      policyLog: 'SELECT count(*)::int AS n FROM hsm.policy_log',
      auditEvents: 'SELECT count(*)::int AS n FROM audit_events',
    })) {
      const [row] = await ctx.db.query<{ n: number }>(sql);
      counts[name] = row?.n ?? 0;
    }

    const plans: PreparedStore['plans'] = [];
    let label = '';
    const db = explaining(ctx.db, plans, () => label);
    const admin = new EmulatorAdmin(db);
    for (const scenario of LIST_SCENARIOS) {
      label = `partitions list: ${scenario.label}`;
      await admin.listPartitions({ search: scenario.q, tenantId: scenario.tenant ?? null, sort: scenario.sort, dir: scenario.dir, limit: 50 });
    }
    const sample = partitions[0]?.id ?? 'fleet-p00001';
    label = 'partition page: partition';
    await admin.getPartition(sample);
    label = 'partition page: key profile';
    await admin.keyProfile(sample);
    label = 'audit tab: change history';
    await listAudit(db, { partitionId: sample });
    const [submission] = await ctx.db.query<{ idempotency_key: string }>(
      "SELECT idempotency_key FROM audit_events WHERE partition_id = $1 AND phase = 'intent' LIMIT 1",
      [sample],
    );
    label = 'policy change: the submission lookup (replay check)';
    await findSubmission(db, submission?.idempotency_key ?? 'none');
    label = 'policy change: the partition version check (HSM)';
    await admin.policyLog(sample, 0);
    label = 'policy change: who made a conflicting version';
    await actorOfVersion(db, sample, 2);

    const result: PreparedStore = { partitions, plans, counts };
    writeFileSync(out, JSON.stringify(result, null, 2));
  } finally {
    await ctx.db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
