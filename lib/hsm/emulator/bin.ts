import type { Database, Queryable } from '@/lib/db/driver';
import type { KeyClass } from '@/lib/policy';
import {
  HsmError,
  type BinKeyResult,
  type BinnedKey,
  type BinQuery,
  type BinRequest,
  type BinResult,
  type BinTotals,
  type BinTotalsQuery,
  type KeyType,
  type Page,
} from '../types';
import { decodeCursor, encodeCursor } from './cursor';
import { iso } from './rows';

/**
 * The partition bin, on the admin face: keys a client-API delete invalidated (state `binned`) keep
 * their row, id, label, material and space until a security officer restores or purges them.
 * Restore and purge are administrative: they work while the partition is read-only or offline, and
 * while Object Destruction is disabled.
 */

const MAX_PAGE = 200;

type BinRow = {
  id: string;
  partition_id: string;
  partition_name: string;
  tenant_id: string;
  label: string;
  type: KeyType;
  size: number;
  key_class: KeyClass;
  bytes: number;
  created_at: Date | string;
  binned_at: Date | string;
  binned_by: string | null;
  client_name: string | null;
  sort_value: string;
};

function binnedKeyOf(row: BinRow): BinnedKey {
  return {
    id: row.id,
    partitionId: row.partition_id,
    partitionName: row.partition_name,
    tenantId: row.tenant_id,
    label: row.label,
    type: row.type,
    size: row.size,
    keyClass: row.key_class,
    bytes: Number(row.bytes),
    createdAt: iso(row.created_at),
    binnedAt: iso(row.binned_at),
    binnedBy: { clientId: row.binned_by, clientName: row.client_name },
  };
}

/** Binned keys, newest invalidation first, with a keyset cursor over (binned_at, id). */
export async function listBin(db: Queryable, query: BinQuery): Promise<Page<BinnedKey>> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), MAX_PAGE);
  const cursor = decodeCursor(query.cursor);
  const where = [
    "k.state = 'binned'",
    '($1::text IS NULL OR k.partition_id = $1)',
    '($2::text IS NULL OR p.tenant_id = $2)',
    '($3::text[] IS NULL OR k.id = ANY($3))',
  ];
  const params: unknown[] = [query.partitionId ?? null, query.tenantId ?? null, query.keyIds ? [...query.keyIds] : null];
  const from = 'FROM hsm.keys k JOIN hsm.partitions p ON p.id = k.partition_id';
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${from} WHERE ${where.join(' AND ')}`, params);

  // Walking backwards flips the comparison and the order, then the page is reversed.
  const back = cursor?.back ?? false;
  if (cursor) {
    params.push(String(cursor.v), cursor.id);
    where.push(`(k.binned_at, k.id) ${back ? '>' : '<'} ($4::timestamptz, $5::text)`);
  }
  const order = back ? 'ASC' : 'DESC';
  const rows = await db.query<BinRow>(
    `SELECT k.id, k.partition_id, p.name AS partition_name, p.tenant_id, k.label, k.type, k.size, k.key_class, k.bytes,
            k.created_at, k.binned_at, k.binned_by, c.name AS client_name, k.binned_at::text AS sort_value
       ${from} LEFT JOIN hsm.clients c ON c.id = k.binned_by
      WHERE ${where.join(' AND ')}
      ORDER BY k.binned_at ${order}, k.id ${order}
      LIMIT ${limit + 1}`,
    params,
  );
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (back) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const hasNext = back ? cursor !== null : more;
  const hasPrev = back ? more : cursor !== null;
  return {
    items: page.map(binnedKeyOf),
    total: count?.n ?? 0,
    nextCursor: hasNext && last ? encodeCursor({ v: last.sort_value, id: last.id, back: false }) : null,
    prevCursor: hasPrev && first ? encodeCursor({ v: first.sort_value, id: first.id, back: true }) : null,
  };
}

/** What each partition's bin holds against its capacity, the fullest bin (by share of capacity) first. */
export async function binTotals(db: Queryable, query: BinTotalsQuery): Promise<BinTotals[]> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), MAX_PAGE);
  const rows = await db.query<{
    id: string;
    name: string;
    tenant_id: string;
    tenant_name: string;
    capacity_objects: number;
    capacity_bytes: number | string;
    used_objects: number;
    used_bytes: number | string;
    objects: number;
    bytes: number | string;
  }>(
    `SELECT p.id, p.name, p.tenant_id, t.name AS tenant_name, p.capacity_objects, p.capacity_bytes, p.used_objects, p.used_bytes,
            count(k.id)::int AS objects, coalesce(sum(k.bytes), 0)::bigint AS bytes
       FROM hsm.partitions p
       JOIN hsm.tenants t ON t.id = p.tenant_id
       LEFT JOIN hsm.keys k ON k.partition_id = p.id AND k.state = 'binned'
      WHERE ($1::text IS NULL OR p.id = $1) AND ($2::text IS NULL OR p.tenant_id = $2)
      GROUP BY p.id, t.name
      ORDER BY greatest(count(k.id)::float8 / greatest(p.capacity_objects, 1),
                        coalesce(sum(k.bytes), 0)::float8 / greatest(p.capacity_bytes, 1)) DESC, lower(p.name), p.id
      LIMIT ${limit}`,
    [query.partitionId ?? null, query.tenantId ?? null],
  );
  return rows.map((row) => ({
    partitionId: row.id,
    partitionName: row.name,
    tenantId: row.tenant_id,
    tenantName: row.tenant_name,
    objects: row.objects,
    bytes: Number(row.bytes),
    capacity: {
      objects: row.capacity_objects,
      bytes: Number(row.capacity_bytes),
      usedObjects: row.used_objects,
      usedBytes: Number(row.used_bytes),
    },
  }));
}

type BinOperation = 'restoreKeys' | 'purgeKeys';

const NOT_IN_BIN = "Not in this partition's bin: it was already restored or purged, or was never invalidated.";

/**
 * Restores or purges each requested key under the partition's row lock, one result per key. The
 * result is stored under the request's idempotency key: a replay (or a concurrent double submit,
 * which waits for the lock) returns it and changes nothing.
 */
async function changeBin(db: Database, request: BinRequest, operation: BinOperation): Promise<BinResult> {
  return db.transaction(async (tx) => {
    const [partition] = await tx.query('SELECT id FROM hsm.partitions WHERE id = $1 FOR UPDATE', [request.partitionId]);
    if (!partition) return { status: 'not-found' };
    const [stored] = await tx.query<{ operation: string; result: BinResult }>(
      'SELECT operation, result FROM hsm.idempotency WHERE key = $1',
      [request.idempotencyKey],
    );
    if (stored) {
      if (stored.operation !== operation) {
        throw new HsmError('INVALID_REQUEST', 'This idempotency key was already used for another operation.');
      }
      return stored.result;
    }
    const results: BinKeyResult[] = [];
    for (const keyId of new Set(request.keyIds)) {
      const [key] = await tx.query<{ label: string; bytes: number }>(
        "SELECT label, bytes FROM hsm.keys WHERE id = $1 AND partition_id = $2 AND state = 'binned' FOR UPDATE",
        [keyId, request.partitionId],
      );
      if (!key) {
        results.push({ keyId, status: 'not-in-bin', label: null, message: NOT_IN_BIN });
        continue;
      }
      if (operation === 'restoreKeys') {
        // Nothing but the state changes: same id, attributes, material, label and space.
        await tx.query("UPDATE hsm.keys SET state = 'active', binned_at = NULL, binned_by = NULL WHERE id = $1", [keyId]);
        await tx.query('UPDATE hsm.partitions SET key_count = key_count + 1, bin_count = bin_count - 1 WHERE id = $1', [
          request.partitionId,
        ]);
        results.push({ keyId, status: 'restored', label: key.label, message: 'Restored: clients can use it again.' });
      } else {
        // Deleting the row destroys the material and frees the space, the id and the label.
        await tx.query('DELETE FROM hsm.keys WHERE id = $1', [keyId]);
        await tx.query(
          'UPDATE hsm.partitions SET bin_count = bin_count - 1, used_objects = used_objects - 1, used_bytes = used_bytes - $2 WHERE id = $1',
          [request.partitionId, key.bytes],
        );
        results.push({ keyId, status: 'purged', label: key.label, message: 'Purged: the key material is destroyed.' });
      }
    }
    const result: BinResult = { status: 'done', results };
    await tx.query('INSERT INTO hsm.idempotency (key, operation, result) VALUES ($1, $2, $3)', [
      request.idempotencyKey,
      operation,
      JSON.stringify(result),
    ]);
    return result;
  });
}

export function restoreKeys(db: Database, request: BinRequest): Promise<BinResult> {
  return changeBin(db, request, 'restoreKeys');
}

export function purgeKeys(db: Database, request: BinRequest): Promise<BinResult> {
  return changeBin(db, request, 'purgeKeys');
}
