import type { KeyProfile, PolicyId } from '@/lib/policy';
import type { Database, Queryable } from '@/lib/db/driver';
import {
  HsmError,
  type BinnedKey,
  type BinQuery,
  type BinRequest,
  type BinResult,
  type BinTotals,
  type BinTotalsQuery,
  type ClientIdentity,
  type HsmAdmin,
  type KeyObject,
  type Page,
  type PartitionDetail,
  type PartitionPolicyRecord,
  type PartitionQuery,
  type PartitionSummary,
  type PolicyChangeRequest,
  type PolicyChangeResult,
  type PolicyLogEntry,
  type PolicyLogsQuery,
  type PartitionLogEntry,
  MAX_LOG_PARTITIONS,
  type ReportSigningKey,
  type Tenant,
} from '../types';
import * as bin from './bin';
import { pagePartitions } from './partition-list';
import * as signing from './signing';
import { type KeyRow, attributesOf, keyObjectOf, detailOf, iso, PARTITION_SELECT, type PartitionRow, policyOf, POLICY_COLUMNS } from './rows';

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
    const page = await pagePartitions(this.db, query);
    return { ...page, items: page.items.map(({ policy: _policy, createdAt: _createdAt, ...summary }) => summary) };
  }

  async listPartitionPolicies(query: PartitionQuery): Promise<Page<PartitionPolicyRecord>> {
    return pagePartitions(this.db, query);
  }

  async reportSigningKey(): Promise<ReportSigningKey> {
    return signing.reportSigningKey(this.db);
  }

  async signReportDigest(digest: Uint8Array): Promise<Uint8Array> {
    return signing.signReportDigest(this.db, digest);
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

  async policyLogs(query: PolicyLogsQuery): Promise<PartitionLogEntry[]> {
    return readPolicyLogs(this.db, query);
  }

  async setPolicy(request: PolicyChangeRequest): Promise<PolicyChangeResult> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<PartitionRow>(
        `${PARTITION_SELECT} WHERE p.id = $1 FOR UPDATE OF p`,
        [request.partitionId],
      );
      if (!row) return { status: 'not-found' };
      // Checked under the row lock, so a concurrent replay of the same key waits and then replays.
      const [stored] = await tx.query<{ operation: string; result: PolicyChangeResult }>(
        'SELECT operation, result FROM hsm.idempotency WHERE key = $1',
        [request.idempotencyKey],
      );
      if (stored) {
        if (stored.operation !== 'setPolicy') {
          throw new HsmError('INVALID_REQUEST', 'This idempotency key was already used for another operation.');
        }
        return stored.result;
      }
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

  async keyInventory(partitionId: string, limit: number): Promise<{ keys: KeyObject[]; total: number }> {
    const rows = await this.db.query<KeyRow>(
      `SELECT id, partition_id, pair_id, label, type, size, key_class, extractable, sensitive, modifiable, destroyable,
              always_sensitive, never_extractable, bytes, state, created_at, NULL::bytea AS material
         FROM hsm.keys WHERE partition_id = $1 AND state = 'active' ORDER BY created_at DESC, id LIMIT $2`,
      [partitionId, limit],
    );
    const [count] = await this.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM hsm.keys WHERE partition_id = $1 AND state = 'active'",
      [partitionId],
    );
    return { keys: rows.map(keyObjectOf), total: count?.n ?? 0 };
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

  // The bin (lib/hsm/emulator/bin.ts).
  listBin(query: BinQuery): Promise<Page<BinnedKey>> {
    return bin.listBin(this.db, query);
  }

  binTotals(query: BinTotalsQuery): Promise<BinTotals[]> {
    return bin.binTotals(this.db, query);
  }

  restoreKeys(request: BinRequest): Promise<BinResult> {
    return bin.restoreKeys(this.db, request);
  }

  purgeKeys(request: BinRequest): Promise<BinResult> {
    return bin.purgeKeys(this.db, request);
  }
}

async function readPolicyLogs(q: Queryable, query: PolicyLogsQuery): Promise<PartitionLogEntry[]> {
  if (query.partitionIds.length > MAX_LOG_PARTITIONS) {
    throw new HsmError('INVALID_REQUEST', `At most ${MAX_LOG_PARTITIONS} partitions' logs at once.`);
  }
  if (query.partitionIds.length === 0) return [];
  // One JSON document rather than rows: a report reads a page's log (hundreds of entries) at once, and
  // the embedded engine's driver decodes rows column by column in JavaScript (docs/PERFORMANCE.md).
  const [result] = await q.query<{ log: string }>(
    `SELECT coalesce(json_agg(l ORDER BY l.partition_id, l.version), '[]')::text AS log FROM (
       SELECT partition_id, version, policy, from_value, to_value, actor, at FROM hsm.policy_log
        WHERE partition_id = ANY($1::text[]) AND at > $2) l`,
    [[...query.partitionIds], query.after],
  );
  const rows = JSON.parse(result?.log ?? '[]') as (LogRow & { partition_id: string })[];
  return rows.map((row) => ({ partitionId: row.partition_id, ...logEntryOf(row) }));
}

type LogRow = { version: number; policy: PolicyId; from_value: boolean; to_value: boolean; actor: string; at: Date | string };

function logEntryOf(row: LogRow): PolicyLogEntry {
  return { version: row.version, policy: row.policy, from: row.from_value, to: row.to_value, actor: row.actor, at: iso(row.at) };
}

async function readPolicyLog(q: Queryable, partitionId: string, sinceVersion: number): Promise<PolicyLogEntry[]> {
  const rows = await q.query<LogRow>(
    'SELECT version, policy, from_value, to_value, actor, at FROM hsm.policy_log WHERE partition_id = $1 AND version > $2 ORDER BY version',
    [partitionId, sinceVersion],
  );
  return rows.map(logEntryOf);
}
