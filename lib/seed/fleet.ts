import { AUDIT_CONTENT_FIELDS, auditRecordHash, GENESIS_HASH, type AuditContent } from '@/lib/audit/hash';
import type { Database, Queryable } from '@/lib/db/driver';

export type FleetSpec = {
  tenants: number;
  partitions: number;
  keys: number;
  /** Share of keys already in the bin. */
  binShare: number;
  /** Policy changes over the past year (each gives one audit intent and one outcome). */
  changes: number;
};

export const DEFAULT_FLEET: FleetSpec = { tenants: 50, partitions: 10_000, keys: 200_000, binShare: 0.05, changes: 100_000 };

const PACKAGES = ['standard', 'byok', 'payments-hsm', 'dev-sandbox'];
/** Policies the history toggles: enough variety for reports, never taking the fleet offline. */
const TOGGLED = ['keyExport', 'keyImport', 'sessionObjects', 'readOnly', 'objectDestruction'] as const;
/** Each toggled policy's column and its value when the partition was created (a function of i). */
const INITIAL: Record<(typeof TOGGLED)[number], { column: string; initial: string }> = {
  keyExport: { column: 'key_export', initial: 'i % 7 = 0' },
  keyImport: { column: 'key_import', initial: 'i % 4 <> 1' },
  sessionObjects: { column: 'session_objects', initial: 'true' },
  readOnly: { column: 'read_only', initial: 'false' },
  objectDestruction: { column: 'object_destruction', initial: 'true' },
};

/**
 * Loads a fleet into the embedded cluster and the console's audit in a few set-based statements:
 * tenants `fleet-tNN`, partitions `fleet-pNNNNN`, keys (material made lazily on first use), binned
 * keys, and a year of policy changes consistent between the HSM's policy log and the audit.
 *
 * Every table is written once: the history and the keys' placement are worked out first in temporary
 * tables (neither depends on the partitions' rows), so each partition is inserted with its final
 * policies, version and counts, and rows go in sorted by partition (index-friendly); the audit rows
 * are hash-chained as they are written. 10,000 partitions take ~30 s of CPU (docs/PERFORMANCE.md).
 * Ends with VACUUM ANALYZE: the embedded engine has no autovacuum; the partitions list and audit
 * queries need the planner's statistics at this size, and a report's look-up of who made each change
 * is an index-only scan (migration 009) only over pages the visibility map marks all-visible.
 */
export async function seedFleet(db: Database, spec: FleetSpec, actor: { id: string; name: string; role: string }) {
  const pad = (width: number, expr: string) => `lpad((${expr})::text, ${width}, '0')`;
  const tenantId = (expr: string) => `'fleet-t' || ${pad(2, expr)}`;
  const partitionId = (expr: string) => `'fleet-p' || ${pad(5, expr)}`;
  const perPartition = Math.max(1, Math.round(spec.changes / spec.partitions));
  const binEvery = Math.max(1, Math.round(1 / spec.binShare));

  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO hsm.tenants (id, name)
       SELECT ${tenantId('i')}, 'Fleet Tenant ' || ${pad(2, 'i')} FROM generate_series(1, $1::int) i`,
      [spec.tenants],
    );
    // History: change n of partition i toggles one policy, spread over the past year (to the millisecond,
    // the precision the audit's hash chain reads times back with).
    await tx.query(
      `CREATE TEMP TABLE fleet_changes ON COMMIT DROP AS
       SELECT i, n, (ARRAY['${TOGGLED.join("','")}'])[1 + (i + n) % ${TOGGLED.length}] AS policy,
              date_trunc('milliseconds', now() - interval '365 days' + (n * interval '1 day' * 365 / ($2::int + 1)) + (i % 3600) * interval '1 second') AS at
         FROM generate_series(1, $1::int) i, generate_series(1, $2::int) n`,
      [spec.partitions, perPartition],
    );
    // Keys spread unevenly, as in real fleets: low-numbered partitions hold more of them.
    await tx.query(
      `CREATE TEMP TABLE fleet_keys ON COMMIT DROP AS
       SELECT k, 1 + (abs(hashtext(k::text)) % $2::int) * (1 + abs(hashtext('s' || k)) % 100) / 100 AS i,
              k % $3::int = 0 AS binned, CASE WHEN k % 3 = 0 THEN 394 ELSE 288 END AS bytes
         FROM generate_series(1, $1::int) k`,
      [spec.keys, spec.partitions, binEvery],
    );
    // Each partition as it stands after its history: a policy toggled an odd number of times is flipped.
    const flips = TOGGLED.map((policy) => `count(*) FILTER (WHERE policy = '${policy}') % 2 = 1 AS ${INITIAL[policy].column}`);
    const finalValue = (policy: (typeof TOGGLED)[number]) =>
      `(${INITIAL[policy].initial}) <> coalesce(h.${INITIAL[policy].column}, false)`;
    await tx.query(
      `INSERT INTO hsm.partitions (id, tenant_id, name, package, capacity_objects, capacity_bytes, key_import, key_export,
          key_invalidation, read_only, session_objects, object_destruction, object_usage, client_api_access, version,
          key_count, bin_count, used_objects, used_bytes, created_at, updated_at)
       SELECT ${partitionId('i')}, ${tenantId("1 + abs(hashtext('t' || i)) % $2::int")},
              (ARRAY['payments','tokens','signing','backup','byok','pki','kms','dev'])[1 + i % 8] || '-' ||
              (ARRAY['eu','us','ap','sa'])[1 + (i / 8) % 4] || '-' || ${pad(5, 'i')},
              (ARRAY['${PACKAGES.join("','")}'])[1 + abs(hashtext('p' || i)) % 4], 200 * (1 + i % 10), 150000 * (1 + i % 10),
              ${finalValue('keyImport')}, ${finalValue('keyExport')}, i % 11 <> 0, ${finalValue('readOnly')},
              ${finalValue('sessionObjects')}, ${finalValue('objectDestruction')}, i % 53 <> 0, i % 97 <> 0,
              1 + coalesce(h.changes, 0), coalesce(c.live, 0), coalesce(c.binned, 0), coalesce(c.total, 0), coalesce(c.bytes, 0),
              now() - interval '400 days', coalesce(h.last_at, now() - interval '400 days')
         FROM generate_series(1, $1::int) i
         LEFT JOIN (SELECT i, count(*)::int AS changes, max(at) AS last_at, ${flips.join(', ')} FROM fleet_changes GROUP BY i) h USING (i)
         LEFT JOIN (SELECT i, count(*) FILTER (WHERE NOT binned)::int AS live, count(*) FILTER (WHERE binned)::int AS binned,
                           count(*)::int AS total, sum(bytes)::bigint AS bytes
                      FROM fleet_keys GROUP BY i) c USING (i)
        ORDER BY i`,
      [spec.partitions, spec.tenants],
    );
    await tx.query(
      `INSERT INTO hsm.clients (id, partition_id, name, kind)
       SELECT ${partitionId('p')} || '_c' || c, ${partitionId('p')}, 'app-' || c, (ARRAY['PKCS#11','JCE','MSCNG','REST'])[c]
         FROM generate_series(1, $1::int) p, generate_series(1, 2) c`,
      [spec.partitions],
    );
    await tx.query(
      `INSERT INTO hsm.keys (id, partition_id, label, type, size, key_class, extractable, sensitive, modifiable, destroyable,
          always_sensitive, never_extractable, bytes, state, created_at, binned_at, binned_by)
       SELECT 'fk' || ${pad(7, 'k')}, ${partitionId('i')}, 'key-' || ${pad(7, 'k')},
              CASE WHEN k % 3 = 0 THEN 'EC' ELSE 'AES' END, 256, CASE WHEN k % 3 = 0 THEN 'private' ELSE 'secret' END,
              k % 4 = 0, k % 6 <> 0, k % 5 <> 0, k % 13 <> 0, k % 6 <> 0, k % 4 <> 0, bytes,
              CASE WHEN binned THEN 'binned' ELSE 'active' END,
              now() - (k % 380) * interval '1 day',
              CASE WHEN binned THEN now() - (k % 60) * interval '1 day' END,
              CASE WHEN binned THEN ${partitionId('i')} || '_c1' END
         FROM fleet_keys ORDER BY i, k`,
    );
    // The HSM's log: from/to follow from how often the policy was toggled before (parity), starting
    // from the partition's initial value.
    const initialOf = `CASE c.policy ${TOGGLED.map((p) => `WHEN '${p}' THEN ${INITIAL[p].initial}`).join(' ')} END`;
    await tx.query(
      `CREATE TEMP TABLE fleet_log ON COMMIT DROP AS
       SELECT ${partitionId('c.i')} AS partition_id, c.n + 1 AS version, c.policy, c.at,
              (${initialOf}) <> ((count(*) OVER (PARTITION BY c.i, c.policy ORDER BY c.n) - 1) % 2 = 1) AS from_value
         FROM fleet_changes c ORDER BY c.i, c.n`,
    );
    await tx.query(
      `INSERT INTO hsm.policy_log (partition_id, version, policy, from_value, to_value, actor, at)
       SELECT partition_id, version, policy, from_value, NOT from_value, $1, at FROM fleet_log`,
      [`console:${actor.id}`],
    );
    await insertChainedAudit(tx, actor);
  });
  for (const table of ['hsm.tenants', 'hsm.partitions', 'hsm.clients', 'hsm.keys', 'hsm.policy_log', 'audit_events']) {
    await db.query(`VACUUM (ANALYZE) ${table}`);
  }
}

const AUDIT_BATCH = 10_000;

/**
 * The console's audit of the same history: one intent and one outcome per change, each a link of its
 * partition's hash chain (lib/audit/hash.ts), hashed here as they are written, so that no row has to be
 * rewritten afterwards (updating 200,000 rows cost more than writing them: docs/PERFORMANCE.md).
 * Fleet partitions are new, so every chain starts at the genesis hash.
 */
async function insertChainedAudit(tx: Queryable, actor: { id: string; name: string; role: string }): Promise<void> {
  const changes = await tx.query<{ partition_id: string; version: number; policy: string; from_value: boolean; at: string; tenant_id: string; name: string }>(
    `SELECT l.partition_id, l.version, l.policy, l.from_value, to_char(l.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
            p.tenant_id, p.name
       FROM fleet_log l JOIN hsm.partitions p ON p.id = l.partition_id
      ORDER BY l.partition_id, l.version`,
  );
  const rows: (AuditContent & { chain_seq: number; prev_hash: string; hash: string })[] = [];
  const blank = Object.fromEntries(AUDIT_CONTENT_FIELDS.map((field) => [field, null])) as unknown as AuditContent;
  let partition = '';
  let seq = 0;
  let prev = GENESIS_HASH;
  for (const change of changes) {
    if (change.partition_id !== partition) {
      partition = change.partition_id;
      seq = 0;
      prev = GENESIS_HASH;
    }
    for (const phase of ['intent', 'outcome'] as const) {
      const content: AuditContent = {
        ...blank,
        at: change.at,
        phase,
        idempotency_key: `fleet-${change.partition_id}-${change.version}`,
        action: 'policy.change',
        tenant_id: change.tenant_id,
        partition_id: change.partition_id,
        partition_name: change.name,
        actor_id: actor.id,
        actor_name: actor.name,
        actor_role: actor.role,
        policy: change.policy,
        before_value: change.from_value,
        after_value: !change.from_value,
        reason: 'Fleet history',
        outcome: phase === 'outcome' ? 'applied' : null,
        message: phase === 'outcome' ? 'seeded history' : null,
        backend_version: phase === 'outcome' ? change.version : null,
      };
      seq += 1;
      const hash = auditRecordHash(content, seq, prev);
      rows.push({ ...content, chain_seq: seq, prev_hash: prev, hash });
      prev = hash;
    }
  }
  // Every content column, as the hash saw it, plus the chain's own three.
  const columns = [...AUDIT_CONTENT_FIELDS, 'chain_seq', 'prev_hash', 'hash'] as const;
  const types: Record<string, string> = { at: 'timestamptz', before_value: 'boolean', after_value: 'boolean', backend_version: 'int', chain_seq: 'int' };
  for (let i = 0; i < rows.length; i += AUDIT_BATCH) {
    const batch = rows.slice(i, i + AUDIT_BATCH);
    await tx.query(
      `INSERT INTO audit_events (${columns.join(', ')})
       SELECT * FROM unnest(${columns.map((column, n) => `$${n + 1}::${types[column] ?? 'text'}[]`).join(', ')})`,
      columns.map((column) => batch.map((row) => row[column])),
    );
  }
}
