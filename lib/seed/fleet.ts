import type { Database } from '@/lib/db/driver';

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

/** Keys spread unevenly, as in real fleets: low-numbered partitions hold more of them. */
const SKEWED = "1 + (abs(hashtext(k::text)) % $2::int) * (1 + abs(hashtext('s' || k)) % 100) / 100";

const PACKAGES = ['standard', 'byok', 'payments-hsm', 'dev-sandbox'];
/** Policies the history toggles: enough variety for reports, never taking the fleet offline. */
const TOGGLED = ['keyExport', 'keyImport', 'sessionObjects', 'readOnly', 'objectDestruction'];
const COLUMNS: Record<string, string> = {
  keyExport: 'key_export',
  keyImport: 'key_import',
  sessionObjects: 'session_objects',
  readOnly: 'read_only',
  objectDestruction: 'object_destruction',
};

/**
 * Loads a fleet into the embedded cluster and the console's audit in a few set-based statements:
 * tenants `fleet-tNN`, partitions `fleet-pNNNNN`, keys (material made lazily on first use), binned
 * keys, and a year of policy changes consistent between the HSM's policy log and the audit.
 */
export async function seedFleet(db: Database, spec: FleetSpec, actor: { id: string; name: string; role: string }) {
  const pad = (width: number) => `lpad((%s)::text, ${width}, '0')`;
  const tenantId = (expr: string) => `'fleet-t' || ${pad(2).replace('%s', expr)}`;
  const partitionId = (expr: string) => `'fleet-p' || ${pad(5).replace('%s', expr)}`;
  const perPartition = Math.max(1, Math.round(spec.changes / spec.partitions));

  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO hsm.tenants (id, name)
       SELECT ${tenantId('i')}, 'Fleet Tenant ' || ${pad(2).replace('%s', 'i')} FROM generate_series(1, $1::int) i`,
      [spec.tenants],
    );
    await tx.query(
      `INSERT INTO hsm.partitions (id, tenant_id, name, package, capacity_objects, capacity_bytes, key_import, key_export,
          key_invalidation, read_only, session_objects, object_destruction, object_usage, client_api_access, created_at, updated_at)
       SELECT ${partitionId('i')}, ${tenantId("1 + abs(hashtext('t' || i)) % $2::int")},
              (ARRAY['payments','tokens','signing','backup','byok','pki','kms','dev'])[1 + i % 8] || '-' ||
              (ARRAY['eu','us','ap','sa'])[1 + (i / 8) % 4] || '-' || ${pad(5).replace('%s', 'i')},
              (ARRAY['${PACKAGES.join("','")}'])[1 + abs(hashtext('p' || i)) % 4], 200 * (1 + i % 10), 150000 * (1 + i % 10),
              i % 4 <> 1, i % 7 = 0, i % 11 <> 0, false, true, true, i % 53 <> 0, i % 97 <> 0,
              now() - interval '400 days', now() - interval '400 days'
         FROM generate_series(1, $1::int) i`,
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
       SELECT 'fk' || ${pad(7).replace('%s', 'k')}, ${partitionId(SKEWED)},
              'key-' || ${pad(7).replace('%s', 'k')},
              CASE WHEN k % 3 = 0 THEN 'EC' ELSE 'AES' END, CASE WHEN k % 3 = 0 THEN 256 ELSE 256 END,
              CASE WHEN k % 3 = 0 THEN 'private' ELSE 'secret' END,
              k % 4 = 0, k % 6 <> 0, k % 5 <> 0, k % 13 <> 0, k % 6 <> 0, k % 4 <> 0,
              CASE WHEN k % 3 = 0 THEN 394 ELSE 288 END,
              CASE WHEN k % $3::int = 0 THEN 'binned' ELSE 'active' END,
              now() - (k % 380) * interval '1 day',
              CASE WHEN k % $3::int = 0 THEN now() - (k % 60) * interval '1 day' END,
              CASE WHEN k % $3::int = 0 THEN ${partitionId(SKEWED)} || '_c1' END
         FROM generate_series(1, $1::int) k`,
      [spec.keys, spec.partitions, Math.max(1, Math.round(1 / spec.binShare))],
    );
    await tx.query(
      `UPDATE hsm.partitions p SET key_count = s.live, bin_count = s.binned, used_objects = s.total, used_bytes = s.bytes
         FROM (SELECT partition_id, count(*) FILTER (WHERE state = 'active')::int AS live,
                      count(*) FILTER (WHERE state = 'binned')::int AS binned, count(*)::int AS total, sum(bytes) AS bytes
                 FROM hsm.keys WHERE partition_id LIKE 'fleet-p%' GROUP BY partition_id) s
        WHERE p.id = s.partition_id`,
    );
    // History: change n of partition i toggles one policy; its from/to follow from how often that policy
    // was toggled before (parity), starting from the partition's initial value.
    await tx.query(`CREATE TEMP TABLE fleet_changes ON COMMIT DROP AS
       SELECT ${partitionId('i')} AS partition_id, n,
              (ARRAY['${TOGGLED.join("','")}'])[1 + (i + n) % ${TOGGLED.length}] AS policy,
              now() - interval '365 days' + (n * interval '1 day' * 365 / ($2 + 1)) + (i % 3600) * interval '1 second' AS at
         FROM generate_series(1, $1::int) i, generate_series(1, $2) n`.replace('$1', String(spec.partitions)).replace(/\$2/g, String(perPartition)));
    await tx.query(`CREATE TEMP TABLE fleet_log ON COMMIT DROP AS
       SELECT c.partition_id, c.n, c.policy, c.at,
              (count(*) OVER (PARTITION BY c.partition_id, c.policy ORDER BY c.n) - 1) % 2 = 1 AS flipped_before
         FROM fleet_changes c`);
    for (const [policy, column] of Object.entries(COLUMNS)) {
      await tx.query(
        `INSERT INTO hsm.policy_log (partition_id, version, policy, from_value, to_value, actor, at)
         SELECT l.partition_id, l.n + 1, l.policy, p.${column} <> l.flipped_before, p.${column} = l.flipped_before, $2, l.at
           FROM fleet_log l JOIN hsm.partitions p ON p.id = l.partition_id WHERE l.policy = $1`,
        [policy, `console:${actor.id}`],
      );
    }
    for (const [policy, column] of Object.entries(COLUMNS)) {
      await tx.query(
        `UPDATE hsm.partitions p SET ${column} = s.to_value
           FROM (SELECT DISTINCT ON (partition_id) partition_id, to_value FROM hsm.policy_log
                  WHERE policy = $1 AND partition_id LIKE 'fleet-p%' ORDER BY partition_id, version DESC) s
          WHERE p.id = s.partition_id`,
        [policy],
      );
    }
    await tx.query(
      `UPDATE hsm.partitions p SET version = 1 + $1::int, updated_at = s.at
         FROM (SELECT partition_id, max(at) AS at FROM hsm.policy_log WHERE partition_id LIKE 'fleet-p%' GROUP BY partition_id) s
        WHERE p.id = s.partition_id`,
      [perPartition],
    );
  });

  // The console's audit of the same history: one intent and one outcome per change.
  for (const phase of ['intent', 'outcome'] as const) {
    await db.query(
      `INSERT INTO audit_events (at, phase, idempotency_key, action, tenant_id, partition_id, partition_name, actor_id, actor_name,
          actor_role, policy, before_value, after_value, reason, outcome, message, backend_version)
       SELECT l.at, $1, 'fleet-' || l.partition_id || '-' || l.version, 'policy.change', p.tenant_id, l.partition_id, p.name,
              $2, $3, $4, l.policy, l.from_value, l.to_value, 'Fleet history', CASE WHEN $1 = 'outcome' THEN 'applied' END,
              CASE WHEN $1 = 'outcome' THEN 'seeded history' END, CASE WHEN $1 = 'outcome' THEN l.version END
         FROM hsm.policy_log l JOIN hsm.partitions p ON p.id = l.partition_id
        WHERE l.partition_id LIKE 'fleet-p%'`,
      [phase, actor.id, actor.name, actor.role],
    );
  }
}
