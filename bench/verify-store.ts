/**
 * Run by scripts/bench.ts after the server has stopped: checks the policy changes the bench made
 * against the store. Every change the console answered "applied" must be in the HSM's policy log at
 * the version it was given (no lost update), the partitions' versions must have moved by exactly the
 * number of applied changes, and the audit must hold one `applied` outcome per applied change.
 *   tsx bench/verify-store.ts <changes.json> <out.json>   (DATA_DIR points at the store)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createContext, defaultDatabaseLocation } from '@/lib/context';

export type SubmittedChanges = {
  startVersions: Record<string, number>;
  applied: { partitionId: string; version: number; policy: string; value: boolean; idempotencyKey: string }[];
  /** Every idempotency key the bench sent (applied, conflicting or otherwise). */
  keys: string[];
};

export type StoreCheck = {
  appliedAnswers: number;
  versionsMoved: number;
  policyLogEntries: number;
  auditApplied: number;
  auditConflicts: number;
  auditOtherOutcomes: number;
  auditIntentsWithoutOutcome: number;
  lostUpdates: number;
  duplicateVersions: number;
};

async function main() {
  const [input, out] = process.argv.slice(2);
  if (!input || !out) throw new Error('usage: tsx bench/verify-store.ts <changes.json> <out.json>');
  const submitted = JSON.parse(readFileSync(input, 'utf8')) as SubmittedChanges;
  const ids = Object.keys(submitted.startVersions);
  const ctx = await createContext({ database: defaultDatabaseLocation(), seedDemo: false });
  try {
    const versions = await ctx.db.query<{ id: string; version: number }>('SELECT id, version FROM hsm.partitions WHERE id = ANY($1::text[])', [ids]);
    const versionsMoved = versions.reduce((sum, row) => sum + (row.version - (submitted.startVersions[row.id] ?? row.version)), 0);
    const log = await ctx.db.query<{ partition_id: string; version: number; policy: string; to_value: boolean }>(
      'SELECT partition_id, version, policy, to_value FROM hsm.policy_log WHERE partition_id = ANY($1::text[])',
      [ids],
    );
    const logged = new Map<string, { policy: string; to: boolean }>();
    let policyLogEntries = 0;
    for (const entry of log) {
      logged.set(`${entry.partition_id}@${entry.version}`, { policy: entry.policy, to: entry.to_value });
      if (entry.version > (submitted.startVersions[entry.partition_id] ?? Infinity)) policyLogEntries++;
    }
    let lostUpdates = 0;
    const seen = new Set<string>();
    let duplicateVersions = 0;
    for (const change of submitted.applied) {
      const at = `${change.partitionId}@${change.version}`;
      if (seen.has(at)) duplicateVersions++;
      seen.add(at);
      const entry = logged.get(at);
      if (!entry || entry.policy !== change.policy || entry.to !== change.value) lostUpdates++;
    }
    const outcomes = await ctx.db.query<{ outcome: string | null; phase: string; n: number }>(
      `SELECT phase, outcome, count(*)::int AS n FROM audit_events WHERE idempotency_key = ANY($1::text[]) GROUP BY 1, 2`,
      [submitted.keys],
    );
    const n = (phase: string, outcome: string | null) =>
      outcomes.filter((o) => o.phase === phase && (outcome === null || o.outcome === outcome)).reduce((sum, o) => sum + o.n, 0);
    const intents = n('intent', null);
    const finals = n('outcome', null);
    const result: StoreCheck = {
      appliedAnswers: submitted.applied.length,
      versionsMoved,
      policyLogEntries,
      auditApplied: n('outcome', 'applied'),
      auditConflicts: n('outcome', 'conflict'),
      auditOtherOutcomes: finals - n('outcome', 'applied') - n('outcome', 'conflict'),
      auditIntentsWithoutOutcome: Math.max(0, intents - finals),
      lostUpdates,
      duplicateVersions,
    };
    writeFileSync(out, JSON.stringify(result, null, 2));
  } finally {
    await ctx.db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
