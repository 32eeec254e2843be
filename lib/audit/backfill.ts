import type { Queryable } from '@/lib/db/driver';
import { auditRecordHash, contentOfRow, GENESIS_HASH } from './hash';

/**
 * Chains the rows written without the chain writer (before migration 004, or by a bulk seed such as
 * lib/seed/fleet.ts), in the order they were written, after any chained records of the same partition.
 * Runs inside the caller's transaction (the migration's); the append-only trigger is set aside for
 * this one update and restored before the transaction ends.
 */
export async function chainExistingAuditRows(tx: Queryable): Promise<void> {
  const rows = await tx.query<Record<string, unknown> & { id: number | string; partition_id: string }>(
    'SELECT * FROM audit_events WHERE hash IS NULL ORDER BY partition_id, id',
  );
  if (rows.length === 0) return;
  await tx.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
  const links: { id: number; seq: number; prev: string; hash: string }[] = [];
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
    links.push({ id: Number(row.id), seq, prev, hash });
    prev = hash;
  }
  // In batches: a bulk-seeded store (scripts/seed-fleet.ts) has hundreds of thousands of rows.
  for (let i = 0; i < links.length; i += BATCH) {
    const batch = links.slice(i, i + BATCH);
    await tx.query(
      `UPDATE audit_events a SET chain_seq = v.seq, prev_hash = v.prev, hash = v.hash
         FROM (SELECT unnest($1::bigint[]) AS id, unnest($2::int[]) AS seq, unnest($3::text[]) AS prev, unnest($4::text[]) AS hash) v
        WHERE a.id = v.id`,
      [batch.map((l) => l.id), batch.map((l) => l.seq), batch.map((l) => l.prev), batch.map((l) => l.hash)],
    );
  }
  await tx.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
}

const BATCH = 5_000;
