import type { Queryable } from '@/lib/db/driver';
import { auditRecordHash, contentOfRow, GENESIS_HASH } from './hash';

/**
 * Chains the rows written before the audit became tamper-evident (migration 004), in the order they
 * were written, after any chained records of the same partition. Runs once, inside the migration's
 * transaction; the append-only trigger is set aside for this one update and restored before the
 * transaction ends.
 */
export async function chainExistingAuditRows(tx: Queryable): Promise<void> {
  const rows = await tx.query<Record<string, unknown> & { id: number | string; partition_id: string }>(
    'SELECT * FROM audit_events WHERE hash IS NULL ORDER BY partition_id, id',
  );
  if (rows.length === 0) return;
  await tx.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
  let partition = '';
  let seq = 0;
  let prev = GENESIS_HASH;
  for (const row of rows) {
    if (row.partition_id !== partition) {
      partition = row.partition_id;
      // Continue after the partition's chained records, if it has any.
      const [head] = await tx.query<{ chain_seq: number; hash: string }>(
        'SELECT chain_seq, hash FROM audit_events WHERE partition_id = $1 AND hash IS NOT NULL ORDER BY chain_seq DESC LIMIT 1',
        [partition],
      );
      seq = head ? Number(head.chain_seq) : 0;
      prev = head?.hash ?? GENESIS_HASH;
    }
    seq += 1;
    const hash = auditRecordHash(contentOfRow(row), seq, prev);
    await tx.query('UPDATE audit_events SET chain_seq = $1, prev_hash = $2, hash = $3 WHERE id = $4', [seq, prev, hash, row.id]);
    prev = hash;
  }
  await tx.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
}
