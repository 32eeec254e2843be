import type { KeyProfile, PolicyId } from '@/lib/policy';
import type { Database, Queryable } from '@/lib/db/driver';
import type {
  ClientIdentity,
  HsmAdmin,
  Page,
  PartitionDetail,
  PartitionQuery,
  PartitionSummary,
  PolicyChangeRequest,
  PolicyChangeResult,
  PolicyLogEntry,
  Tenant,
} from '../types';
import { decodeCursor, encodeCursor, SORT_EXPRESSIONS } from './cursor';
import { type KeyRow, attributesOf, detailOf, iso, PARTITION_SELECT, type PartitionRow, policyOf, POLICY_COLUMNS, summaryOf } from './rows';

const MAX_PAGE = 200;

export class EmulatorAdmin implements HsmAdmin {
  constructor(private readonly db: Database) {}

  async health(): Promise<void> {
    await this.db.query('SELECT 1 FROM hsm.tenants LIMIT 1');
  }

  async listTenants(): Promise<Tenant[]> {
    return this.db.query<Tenant>('SELECT id, name FROM hsm.tenants ORDER BY name');
  }

  async listClients(partitionId: string): Promise<ClientIdentity[]> {
    return this.db.query<ClientIdentity>(
      'SELECT id, partition_id AS "partitionId", name, kind FROM hsm.clients WHERE partition_id = $1 ORDER BY name',
      [partitionId],
    );
  }

  async listPartitions(query: PartitionQuery): Promise<Page<PartitionSummary>> {
    const sort = SORT_EXPRESSIONS[query.sort ?? 'name'];
    const desc = query.dir === 'desc';
    const limit = Math.min(Math.max(query.limit ?? 50, 1), MAX_PAGE);
    const cursor = decodeCursor(query.cursor);
    const search = query.search?.trim().toLowerCase() || null;

    const where = [
      '($1::text IS NULL OR p.tenant_id = $1)',
      "($2::text IS NULL OR lower(p.name) LIKE '%' || $2 || '%' OR lower(t.name) LIKE '%' || $2 || '%' OR lower(p.id) = $2)",
    ];
    const params: unknown[] = [query.tenantId ?? null, search?.replace(/[%_\\]/g, (c) => `\\${c}`) ?? null];
    const total = Number(
      (await this.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM hsm.partitions p JOIN hsm.tenants t ON t.id = p.tenant_id WHERE ${where.join(' AND ')}`,
        params,
      ))[0]?.n ?? 0,
    );

    // Walking backwards flips the comparison and the order, then the page is reversed.
    const back = cursor?.back ?? false;
    const ascending = desc === back;
    if (cursor) {
      params.push(cursor.v, cursor.id);
      where.push(`(${sort.expr}, p.id) ${ascending ? '>' : '<'} ($3::${sort.type}, $4::text)`);
    }
    const order = ascending ? 'ASC' : 'DESC';
    const rows = await this.db.query<PartitionRow & { sort_value: string | number }>(
      `SELECT p.*, t.name AS tenant_name, ${sort.expr} AS sort_value
         FROM hsm.partitions p JOIN hsm.tenants t ON t.id = p.tenant_id
        WHERE ${where.join(' AND ')}
        ORDER BY ${sort.expr} ${order}, p.id ${order}
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
      items: page.map(summaryOf),
      total,
      nextCursor: hasNext && last ? encodeCursor({ v: last.sort_value, id: last.id, back: false }) : null,
      prevCursor: hasPrev && first ? encodeCursor({ v: first.sort_value, id: first.id, back: true }) : null,
    };
  }

  async getPartition(id: string): Promise<PartitionDetail | null> {
    const [row] = await this.db.query<PartitionRow>(`${PARTITION_SELECT} WHERE p.id = $1`, [id]);
    if (!row) return null;
    const [clients] = await this.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM hsm.clients WHERE partition_id = $1',
      [id],
    );
    return detailOf(row, clients?.n ?? 0);
  }

  async policyLog(partitionId: string, sinceVersion: number): Promise<PolicyLogEntry[]> {
    return readPolicyLog(this.db, partitionId, sinceVersion);
  }

  async setPolicy(request: PolicyChangeRequest): Promise<PolicyChangeResult> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<PartitionRow>(
        `${PARTITION_SELECT} WHERE p.id = $1 FOR UPDATE OF p`,
        [request.partitionId],
      );
      if (!row) return { status: 'not-found' };
      // Checked under the row lock, so a concurrent replay of the same key waits and then replays.
      const [stored] = await tx.query<{ result: PolicyChangeResult }>(
        'SELECT result FROM hsm.idempotency WHERE key = $1',
        [request.idempotencyKey],
      );
      if (stored) return stored.result;
      if (row.version !== request.expectedVersion) {
        return {
          status: 'conflict',
          currentVersion: row.version,
          changes: await readPolicyLog(tx, request.partitionId, request.expectedVersion),
        };
      }
      const column = POLICY_COLUMNS[request.policy];
      const from = policyOf(row)[request.policy];
      const [updated] = await tx.query<PartitionRow>(
        `UPDATE hsm.partitions p SET ${column} = $2, version = version + 1, updated_at = now()
          FROM hsm.tenants t WHERE p.id = $1 AND t.id = p.tenant_id
          RETURNING p.*, t.name AS tenant_name`,
        [request.partitionId, request.value],
      );
      if (!updated) return { status: 'not-found' };
      await tx.query(
        'INSERT INTO hsm.policy_log (partition_id, version, policy, from_value, to_value, actor, at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [request.partitionId, updated.version, request.policy, from, request.value, request.actor, updated.updated_at],
      );
      const result: PolicyChangeResult = {
        status: 'applied',
        version: updated.version,
        policy: policyOf(updated),
        at: iso(updated.updated_at),
      };
      await tx.query('INSERT INTO hsm.idempotency (key, operation, result) VALUES ($1, $2, $3)', [
        request.idempotencyKey,
        'setPolicy',
        JSON.stringify(result),
      ]);
      return result;
    });
  }

  async keyProfile(partitionId: string): Promise<KeyProfile> {
    const rows = await this.db.query<KeyRow & { n: number }>(
      `SELECT key_class, extractable, sensitive, modifiable, destroyable, always_sensitive, never_extractable, count(*)::int AS n
         FROM hsm.keys WHERE partition_id = $1 AND state = 'active'
        GROUP BY 1, 2, 3, 4, 5, 6, 7`,
      [partitionId],
    );
    const [clients] = await this.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM hsm.clients WHERE partition_id = $1',
      [partitionId],
    );
    return { keys: rows.map((row) => ({ attributes: attributesOf(row), count: row.n })), clients: clients?.n ?? 0 };
  }
}

async function readPolicyLog(q: Queryable, partitionId: string, sinceVersion: number): Promise<PolicyLogEntry[]> {
  const rows = await q.query<{
    version: number;
    policy: PolicyId;
    from_value: boolean;
    to_value: boolean;
    actor: string;
    at: Date | string;
  }>(
    'SELECT version, policy, from_value, to_value, actor, at FROM hsm.policy_log WHERE partition_id = $1 AND version > $2 ORDER BY version',
    [partitionId, sinceVersion],
  );
  return rows.map((row) => ({
    version: row.version,
    policy: row.policy,
    from: row.from_value,
    to: row.to_value,
    actor: row.actor,
    at: iso(row.at),
  }));
}
