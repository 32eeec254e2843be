import { appendAudit, appendAuditInTransaction, recordOfRow, type NewAuditRecord } from '@/lib/audit/chain';
import type { Database, Queryable } from '@/lib/db/driver';
import type { Actor } from '@/lib/auth/roles';
import type { AuditOutcome } from './audit';

/**
 * The audit of bin restores and purges: one intent and one outcome row per key, so that every key
 * has its own record (actor, role, key ID, label, partition, result). The row's idempotency key is
 * `<submission>:<key id>` (the unique indexes keep it to one intent and one final outcome per key)
 * and `submission_key` groups the keys of one user submission.
 */

export type BinAction = 'bin.restore' | 'bin.purge';

export type BinIntent = {
  partitionId: string;
  partitionName: string;
  tenantId: string;
  keyId: string;
  /** Null when the key was not in the bin when the request came. */
  keyLabel: string | null;
};

export function binAuditKey(submissionKey: string, keyId: string): string {
  return `${submissionKey}:${keyId}`;
}

/** Writes the intent rows of a submission in one transaction (links of each partition's chain); a replay writes nothing. */
export async function writeBinIntents(
  db: Database,
  submission: { submissionKey: string; action: BinAction; actor: Actor },
  keys: readonly BinIntent[],
): Promise<void> {
  await appendAudit(
    db,
    keys.map((key) => ({
      phase: 'intent',
      idempotency_key: binAuditKey(submission.submissionKey, key.keyId),
      submission_key: submission.submissionKey,
      action: submission.action,
      tenant_id: key.tenantId,
      partition_id: key.partitionId,
      partition_name: key.partitionName,
      actor_id: submission.actor.userId,
      actor_name: submission.actor.name,
      actor_role: submission.actor.role,
      key_id: key.keyId,
      key_label: key.keyLabel,
    })),
  );
}

export type BinOutcome = { keyId: string; outcome: AuditOutcome; message: string; keyLabel?: string | null };

/** Writes one outcome row per key, copying who/what from its intent. A second final outcome is ignored. */
export async function writeBinOutcomes(db: Database, submissionKey: string, outcomes: readonly BinOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  await db.transaction(async (tx) => {
    const intents = await tx.query<Record<string, unknown> & { idempotency_key: string }>(
      "SELECT * FROM audit_events WHERE submission_key = $1 AND phase = 'intent'",
      [submissionKey],
    );
    const byKey = new Map(intents.map((row) => [row.idempotency_key, row]));
    const records: NewAuditRecord[] = [];
    for (const o of outcomes) {
      const intent = byKey.get(binAuditKey(submissionKey, o.keyId));
      if (!intent) continue;
      const record = recordOfRow(intent);
      records.push({
        ...record,
        phase: 'outcome',
        idempotency_key: binAuditKey(submissionKey, o.keyId),
        key_label: record.key_label ?? o.keyLabel ?? null,
        outcome: o.outcome,
        message: o.message,
      });
    }
    await appendAuditInTransaction(tx, records);
  });
}

export type StoredBinKey = {
  actorId: string;
  action: string;
  partitionId: string;
  partitionName: string;
  keyId: string;
  keyLabel: string | null;
  /** The final outcome, or null while none is known (never answered, or `unknown`). */
  outcome: { outcome: Exclude<AuditOutcome, 'unknown'>; message: string | null; keyLabel: string | null } | null;
};

/** The keys of a submission already recorded, with their final outcomes. */
export async function findBinSubmission(db: Queryable, submissionKey: string): Promise<StoredBinKey[]> {
  const rows = await db.query<{
    phase: 'intent' | 'outcome';
    actor_id: string;
    action: string;
    partition_id: string;
    partition_name: string;
    key_id: string;
    key_label: string | null;
    outcome: AuditOutcome | null;
    message: string | null;
  }>(
    `SELECT phase, actor_id, action, partition_id, partition_name, key_id, key_label, outcome, message
       FROM audit_events WHERE submission_key = $1 AND (phase = 'intent' OR outcome <> 'unknown') ORDER BY id`,
    [submissionKey],
  );
  const outcomes = new Map(rows.filter((r) => r.phase === 'outcome').map((r) => [r.key_id, r]));
  return rows
    .filter((r) => r.phase === 'intent')
    .map((r) => {
      const o = outcomes.get(r.key_id);
      return {
        actorId: r.actor_id,
        action: r.action,
        partitionId: r.partition_id,
        partitionName: r.partition_name,
        keyId: r.key_id,
        keyLabel: r.key_label,
        outcome:
          o?.outcome && o.outcome !== 'unknown' ? { outcome: o.outcome, message: o.message, keyLabel: o.key_label } : null,
      };
    });
}
