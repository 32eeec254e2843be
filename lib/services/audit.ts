import { appendAudit, appendAuditInTransaction, recordOfRow } from '@/lib/audit/chain';
import type { Database, Queryable } from '@/lib/db/driver';
import type { Actor } from '@/lib/auth/roles';
import type { PolicyId } from '@/lib/policy';

export type AuditOutcome = 'applied' | 'failed' | 'conflict' | 'unknown';

export type AuditIntent = {
  idempotencyKey: string;
  action: 'policy.change';
  actor: Actor;
  tenantId: string;
  partitionId: string;
  partitionName: string;
  policy: PolicyId;
  before: boolean;
  after: boolean;
  reason: string | null;
  ticket: string | null;
};

/** Writes the intent row (a link of the partition's audit chain); false when this submission already has one (a replay). */
export async function writeIntent(db: Database, intent: AuditIntent): Promise<boolean> {
  const [written] = await appendAudit(db, [
    {
      phase: 'intent',
      idempotency_key: intent.idempotencyKey,
      action: intent.action,
      tenant_id: intent.tenantId,
      partition_id: intent.partitionId,
      partition_name: intent.partitionName,
      actor_id: intent.actor.userId,
      actor_name: intent.actor.name,
      actor_role: intent.actor.role,
      policy: intent.policy,
      before_value: intent.before,
      after_value: intent.after,
      reason: intent.reason,
      ticket: intent.ticket,
    },
  ]);
  return written === true;
}

/** Writes the outcome row, copying who/what from the intent. A second final outcome is ignored. */
export async function writeOutcome(
  db: Database,
  idempotencyKey: string,
  outcome: { outcome: AuditOutcome; message: string | null; backendVersion: number | null },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [intent] = await tx.query("SELECT * FROM audit_events WHERE idempotency_key = $1 AND phase = 'intent'", [idempotencyKey]);
    if (!intent) return;
    await appendAuditInTransaction(tx, [
      {
        ...recordOfRow(intent),
        phase: 'outcome',
        idempotency_key: idempotencyKey,
        outcome: outcome.outcome,
        message: outcome.message,
        backend_version: outcome.backendVersion,
      },
    ]);
  });
}

export type StoredSubmission = {
  intent: { actorId: string; partitionId: string; policy: PolicyId; after: boolean } | null;
  outcome: { outcome: Exclude<AuditOutcome, 'unknown'>; message: string | null; backendVersion: number | null } | null;
};

export async function findSubmission(db: Queryable, idempotencyKey: string): Promise<StoredSubmission> {
  const rows = await db.query<{
    phase: 'intent' | 'outcome';
    actor_id: string;
    partition_id: string;
    policy: PolicyId;
    after_value: boolean;
    outcome: AuditOutcome | null;
    message: string | null;
    backend_version: number | null;
  }>(
    `SELECT phase, actor_id, partition_id, policy, after_value, outcome, message, backend_version
       FROM audit_events WHERE idempotency_key = $1 AND (phase = 'intent' OR outcome <> 'unknown')`,
    [idempotencyKey],
  );
  const intent = rows.find((r) => r.phase === 'intent');
  const outcome = rows.find((r) => r.phase === 'outcome');
  return {
    intent: intent
      ? { actorId: intent.actor_id, partitionId: intent.partition_id, policy: intent.policy, after: intent.after_value }
      : null,
    outcome:
      outcome && outcome.outcome && outcome.outcome !== 'unknown'
        ? { outcome: outcome.outcome, message: outcome.message, backendVersion: outcome.backend_version }
        : null,
  };
}

export type AuditEntry = {
  idempotencyKey: string;
  at: string;
  /** 'policy.change', 'bin.restore' or 'bin.purge'. */
  action: string;
  /** The key a bin entry is about (one entry per key); null for policy changes. */
  keyId: string | null;
  keyLabel: string | null;
  actorName: string;
  actorRole: string;
  partitionId: string;
  partitionName: string;
  policy: PolicyId | null;
  before: boolean | null;
  after: boolean | null;
  reason: string | null;
  ticket: string | null;
  outcome: AuditOutcome | 'pending';
  message: string | null;
  version: number | null;
};

/** One line per submission (intent joined with its final outcome), newest first. */
export async function listAudit(
  db: Queryable,
  filter: {
    partitionId?: string;
    tenantId?: string | null;
    policies?: readonly PolicyId[];
    actions?: readonly string[];
    limit?: number;
  },
): Promise<AuditEntry[]> {
  const rows = await db.query<{
    idempotency_key: string;
    at: Date;
    action: string;
    key_id: string | null;
    key_label: string | null;
    actor_name: string;
    actor_role: string;
    partition_id: string;
    partition_name: string;
    policy: PolicyId | null;
    before_value: boolean | null;
    after_value: boolean | null;
    reason: string | null;
    ticket: string | null;
    outcome: AuditOutcome | null;
    message: string | null;
    backend_version: number | null;
  }>(
    `SELECT i.idempotency_key, i.at, i.action, i.key_id, i.key_label, i.actor_name, i.actor_role, i.partition_id, i.partition_name, i.policy,
            i.before_value, i.after_value, i.reason, i.ticket, o.outcome, o.message, o.backend_version
       FROM audit_events i
       LEFT JOIN LATERAL (
         SELECT outcome, message, backend_version FROM audit_events o
          WHERE o.idempotency_key = i.idempotency_key AND o.phase = 'outcome'
          ORDER BY (o.outcome = 'unknown'), o.id DESC LIMIT 1
       ) o ON true
      WHERE i.phase = 'intent'
        AND ($1::text IS NULL OR i.partition_id = $1)
        AND ($2::text IS NULL OR i.tenant_id = $2)
        AND ($3::text[] IS NULL OR i.policy = ANY($3))
        AND ($5::text[] IS NULL OR i.action = ANY($5))
      ORDER BY i.at DESC, i.id DESC
      LIMIT $4`,
    [
      filter.partitionId ?? null,
      filter.tenantId ?? null,
      filter.policies ? [...filter.policies] : null,
      filter.limit ?? 200,
      filter.actions ? [...filter.actions] : null,
    ],
  );
  return rows.map((r) => ({
    idempotencyKey: r.idempotency_key,
    at: new Date(r.at).toISOString(),
    action: r.action,
    keyId: r.key_id,
    keyLabel: r.key_label,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    partitionId: r.partition_id,
    partitionName: r.partition_name,
    policy: r.policy,
    before: r.before_value,
    after: r.after_value,
    reason: r.reason,
    ticket: r.ticket,
    outcome: r.outcome ?? 'pending',
    message: r.message,
    version: r.backend_version,
  }));
}

/** The console user behind a backend version, if the change came through the console. */
export async function actorOfVersion(
  db: Queryable,
  partitionId: string,
  version: number,
): Promise<{ name: string; role: string } | null> {
  const [row] = await db.query<{ actor_name: string; actor_role: string }>(
    `SELECT actor_name, actor_role FROM audit_events
      WHERE partition_id = $1 AND phase = 'outcome' AND outcome = 'applied' AND backend_version = $2 LIMIT 1`,
    [partitionId, version],
  );
  return row ? { name: row.actor_name, role: row.actor_role } : null;
}
