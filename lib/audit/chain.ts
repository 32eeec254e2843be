import type { Database, Queryable } from '@/lib/db/driver';
import { AUDIT_CONTENT_FIELDS, auditRecordHash, contentOfRow, GENESIS_HASH, type AuditContent, type AuditValue } from './hash';

/**
 * The one place that writes `audit_events` rows: each row is appended to its partition's hash chain
 * (chain_seq, prev_hash, hash) under that partition's advisory lock, held until the transaction ends.
 * One chain per partition, so writes to different partitions never wait for each other.
 */

/** A new record: `at` defaults to now; unset columns are null. */
export type NewAuditRecord = Partial<Omit<AuditContent, 'at'>> & {
  partition_id: string;
  phase: 'intent' | 'outcome';
  idempotency_key: string;
  at?: string;
};

/** Namespace of the chain locks (the two-key advisory lock form keeps them apart from other locks). */
const CHAIN_LOCK_SPACE = 16725;

const COLUMNS = [...AUDIT_CONTENT_FIELDS, 'chain_seq', 'prev_hash', 'hash'] as const;

/** Which unique index a conflicting insert yields to: one intent, and one final outcome, per key. */
function conflictClause(record: NewAuditRecord): string {
  return record.phase === 'intent'
    ? `ON CONFLICT (idempotency_key) WHERE phase = 'intent' DO NOTHING`
    : `ON CONFLICT (idempotency_key) WHERE phase = 'outcome' AND outcome <> 'unknown' DO NOTHING`;
}

export async function lockChains(tx: Queryable, partitionIds: Iterable<string>): Promise<void> {
  // Always in the same order, so two transactions spanning the same partitions cannot deadlock.
  for (const id of [...new Set(partitionIds)].sort()) {
    await tx.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [CHAIN_LOCK_SPACE, id]);
  }
}

async function chainHead(tx: Queryable, partitionId: string): Promise<{ seq: number; hash: string }> {
  const [head] = await tx.query<{ chain_seq: number; hash: string }>(
    'SELECT chain_seq, hash FROM audit_events WHERE partition_id = $1 AND chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1',
    [partitionId],
  );
  return head ? { seq: Number(head.chain_seq), hash: head.hash } : { seq: 0, hash: GENESIS_HASH };
}

/**
 * Appends records inside the caller's transaction (which must not have written audit rows of these
 * partitions outside this function). Returns, per record, whether it was written: a record that
 * meets an existing intent or final outcome for its idempotency key is skipped, as before chaining.
 */
export async function appendAuditInTransaction(tx: Queryable, records: readonly NewAuditRecord[]): Promise<boolean[]> {
  await lockChains(
    tx,
    records.map((r) => r.partition_id),
  );
  const written: boolean[] = [];
  for (const record of records) {
    const content = { ...record, at: record.at ?? new Date().toISOString() } as Record<string, AuditValue | undefined>;
    for (const field of AUDIT_CONTENT_FIELDS) content[field] ??= null;
    const head = await chainHead(tx, record.partition_id);
    const seq = head.seq + 1;
    const hash = auditRecordHash(content as AuditContent, seq, head.hash);
    const values = [...AUDIT_CONTENT_FIELDS.map((f) => content[f] ?? null), seq, head.hash, hash];
    const rows = await tx.query(
      `INSERT INTO audit_events (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
       ${conflictClause(record)} RETURNING id`,
      values,
    );
    written.push(rows.length === 1);
  }
  return written;
}

/** Appends records in a transaction of their own. */
export function appendAudit(db: Database, records: readonly NewAuditRecord[]): Promise<boolean[]> {
  if (records.length === 0) return Promise.resolve([]);
  return db.transaction((tx) => appendAuditInTransaction(tx, records));
}

/** An intent row's content, to copy into its outcome (who, what, where). */
export function recordOfRow(row: Record<string, unknown>): Omit<AuditContent, 'at'> {
  const { at: _at, ...rest } = contentOfRow(row);
  return rest;
}
