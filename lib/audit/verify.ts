import type { Queryable } from '@/lib/db/driver';
import { auditRecordHash, contentOfRow, GENESIS_HASH } from './hash';

export type ChainBreak = {
  /** 1-based position in the partition's chain. */
  record: number;
  /** The row's id in `audit_events`. */
  id: number;
  reason: string;
};

export type ChainStatus = { partitionId: string; records: number; broken: ChainBreak | null };

type ChainRow = Record<string, unknown> & { id: number | string; chain_seq: number | null; prev_hash: string | null; hash: string | null };

/** Checks one chain link: its place, its link to the previous record, and its contents. */
function checkLink(row: ChainRow, position: number, prevHash: string): string | null {
  if (row.chain_seq === null || row.hash === null || row.prev_hash === null) return 'the record is not part of the chain (no hash)';
  if (Number(row.chain_seq) !== position) {
    return Number(row.chain_seq) > position
      ? `record ${position} is missing (the next record is number ${row.chain_seq})`
      : `the record claims to be number ${row.chain_seq}`;
  }
  if (row.prev_hash !== prevHash) return `the link to record ${position - 1} does not match`;
  if (auditRecordHash(contentOfRow(row), position, prevHash) !== row.hash) return 'the record was changed after it was written';
  return null;
}

/** Verifies one partition's chain from its first record; names the first broken one. */
export async function verifyChain(db: Queryable, partitionId: string): Promise<ChainStatus> {
  const rows = await db.query<ChainRow>(
    'SELECT * FROM audit_events WHERE partition_id = $1 ORDER BY chain_seq ASC NULLS LAST, id ASC',
    [partitionId],
  );
  let prevHash = GENESIS_HASH;
  for (const [index, row] of rows.entries()) {
    const reason = checkLink(row, index + 1, prevHash);
    if (reason) return { partitionId, records: rows.length, broken: { record: index + 1, id: Number(row.id), reason } };
    prevHash = row.hash as string;
  }
  return { partitionId, records: rows.length, broken: null };
}

/** Every partition's chain, in partition id order. */
export async function verifyAllChains(db: Queryable): Promise<ChainStatus[]> {
  const partitions = await db.query<{ partition_id: string }>('SELECT DISTINCT partition_id FROM audit_events ORDER BY partition_id');
  const statuses: ChainStatus[] = [];
  for (const { partition_id } of partitions) statuses.push(await verifyChain(db, partition_id));
  return statuses;
}

export function describeChain(status: ChainStatus): string {
  if (!status.broken) return `verified (${status.records} record${status.records === 1 ? '' : 's'})`;
  return `broken at record ${status.broken.record} (audit_events id ${status.broken.id}): ${status.broken.reason}`;
}
