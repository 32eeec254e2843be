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

/** Writes the intent rows of a submission in one transaction; a replay writes nothing. */
export async function writeBinIntents(
  db: Database,
  submission: { submissionKey: string; action: BinAction; actor: Actor },
  keys: readonly BinIntent[],
): Promise<void> {
  await db.transaction(async (tx) => {
    for (const key of keys) {
      await tx.query(
        `INSERT INTO audit_events (phase, idempotency_key, submission_key, action, tenant_id, partition_id, partition_name,
            actor_id, actor_name, actor_role, key_id, key_label)
         VALUES ('intent', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (idempotency_key) WHERE phase = 'intent' DO NOTHING`,
        [
          binAuditKey(submission.submissionKey, key.keyId),
          submission.submissionKey,
          submission.action,
          key.tenantId,
          key.partitionId,
          key.partitionName,
          submission.actor.userId,
          submission.actor.name,
          submission.actor.role,
          key.keyId,
          key.keyLabel,
        ],
      );
    }
  });
}

export type BinOutcome = { keyId: string; outcome: AuditOutcome; message: string; keyLabel?: string | null };

/** Writes one outcome row per key, copying who/what from its intent. A second final outcome is ignored. */
export async function writeBinOutcomes(db: Database, submissionKey: string, outcomes: readonly BinOutcome[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (const o of outcomes) {
      await tx.query(
        `INSERT INTO audit_events (phase, idempotency_key, submission_key, action, tenant_id, partition_id, partition_name,
            actor_id, actor_name, actor_role, key_id, key_label, outcome, message)
         SELECT 'outcome', idempotency_key, submission_key, action, tenant_id, partition_id, partition_name, actor_id,
                actor_name, actor_role, key_id, coalesce(key_label, $2), $3, $4
           FROM audit_events WHERE idempotency_key = $1 AND phase = 'intent'
         ON CONFLICT (idempotency_key) WHERE phase = 'outcome' AND outcome <> 'unknown' DO NOTHING`,
        [binAuditKey(submissionKey, o.keyId), o.keyLabel ?? null, o.outcome, o.message],
      );
    }
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
