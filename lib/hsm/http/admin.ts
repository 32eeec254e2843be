import type { z } from 'zod';
import type { KeyProfile } from '@/lib/policy';
import {
  HsmError,
  isHsmError,
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
  type ReportSigningKey,
  type Tenant,
} from '../types';
import { fromBase64, toBase64 } from '../rest/bodies';
import { errorFromResponse } from '../rest/errors';
import { binQueryParams, binTotalsQueryParams, partitionQueryParams, toSearchParams } from '../rest/query';
import { BinResultSchema, PolicyChangeResultSchema } from '../rest/results';
import type { HsmTransport, Reply } from './transport';

const HEALTH_TIMEOUT_MS = 2_000;

const seg = encodeURIComponent;

/**
 * A mutation's answer, checked before the console trusts it: a 2xx body of the wrong shape is
 * UNAVAILABLE (the console cannot tell what happened), a 4xx without a result is a refusal.
 */
function result<S extends z.ZodType>(schema: S, reply: Reply): z.output<S> {
  const parsed = schema.safeParse(reply.body);
  if (parsed.success) return parsed.data;
  if (reply.status >= 400 && reply.status < 500) throw errorFromResponse(reply.status, reply.body);
  throw new HsmError('UNAVAILABLE', 'The HSM answered with a body the console does not understand.');
}

/** The admin face over the emulator's REST API (docs/openapi/hsm-emulator.yaml). */
export class HttpAdmin implements HsmAdmin {
  constructor(private readonly http: HsmTransport) {}

  private async get<T>(path: string, query?: URLSearchParams): Promise<T> {
    return (await this.http.read('GET', path, { query })).body as T;
  }

  async health(): Promise<void> {
    // One quick attempt: health reports what is true now, it does not wait for a recovery.
    await this.http.read('GET', '/v1/health', { attempts: 1, timeoutMs: Math.min(this.http.timeoutMs, HEALTH_TIMEOUT_MS) });
  }

  async listTenants(): Promise<Tenant[]> {
    return (await this.get<{ tenants: Tenant[] }>('/v1/tenants')).tenants;
  }

  listPartitions(query: PartitionQuery): Promise<Page<PartitionSummary>> {
    return this.get('/v1/partitions', partitionQueryParams(query));
  }

  listPartitionPolicies(query: PartitionQuery): Promise<Page<PartitionPolicyRecord>> {
    return this.get('/v1/partition-policies', partitionQueryParams(query));
  }

  async getPartition(id: string): Promise<PartitionDetail | null> {
    try {
      return await this.get<PartitionDetail>(`/v1/partitions/${seg(id)}`);
    } catch (error) {
      if (isHsmError(error) && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  async listClients(partitionId: string): Promise<ClientIdentity[]> {
    return (await this.get<{ clients: ClientIdentity[] }>(`/v1/partitions/${seg(partitionId)}/clients`)).clients;
  }

  async policyLog(partitionId: string, sinceVersion: number): Promise<PolicyLogEntry[]> {
    const query = toSearchParams({ sinceVersion });
    return (await this.get<{ entries: PolicyLogEntry[] }>(`/v1/partitions/${seg(partitionId)}/policy-log`, query)).entries;
  }

  async policyLogs(query: PolicyLogsQuery): Promise<PartitionLogEntry[]> {
    // The IDs travel in the query string: 50 a request keeps its URL well under servers' header limits.
    const entries: PartitionLogEntry[] = [];
    for (let start = 0; start < query.partitionIds.length; start += 50) {
      const params = toSearchParams({ partitionIds: query.partitionIds.slice(start, start + 50), after: query.after });
      entries.push(...(await this.get<{ entries: PartitionLogEntry[] }>('/v1/policy-logs', params)).entries);
    }
    return entries;
  }

  async setPolicy(request: PolicyChangeRequest): Promise<PolicyChangeResult> {
    const reply = await this.http.mutate('PUT', `/v1/partitions/${seg(request.partitionId)}/policies/${seg(request.policy)}`, {
      body: { value: request.value, expectedVersion: request.expectedVersion, actor: request.actor },
      idempotencyKey: request.idempotencyKey,
      accept: [404, 409],
    });
    return result(PolicyChangeResultSchema, reply);
  }

  keyProfile(partitionId: string): Promise<KeyProfile> {
    return this.get(`/v1/partitions/${seg(partitionId)}/key-profile`);
  }

  keyInventory(partitionId: string, limit: number): Promise<{ keys: KeyObject[]; total: number }> {
    return this.get(`/v1/partitions/${seg(partitionId)}/inventory`, toSearchParams({ limit }));
  }

  listBin(query: BinQuery): Promise<Page<BinnedKey>> {
    return this.get('/v1/bin', binQueryParams(query));
  }

  async binTotals(query: BinTotalsQuery): Promise<BinTotals[]> {
    return (await this.get<{ totals: BinTotals[] }>('/v1/bin/totals', binTotalsQueryParams(query))).totals;
  }

  restoreKeys(request: BinRequest): Promise<BinResult> {
    return this.changeBin('restore', request);
  }

  purgeKeys(request: BinRequest): Promise<BinResult> {
    return this.changeBin('purge', request);
  }

  private async changeBin(operation: 'restore' | 'purge', request: BinRequest): Promise<BinResult> {
    const reply = await this.http.mutate('POST', `/v1/partitions/${seg(request.partitionId)}/bin/${operation}`, {
      body: { keyIds: [...request.keyIds], actor: request.actor },
      idempotencyKey: request.idempotencyKey,
      accept: [404],
    });
    return result(BinResultSchema, reply);
  }

  reportSigningKey(): Promise<ReportSigningKey> {
    return this.get('/v1/report-signing-key');
  }

  async signReportDigest(digest: Uint8Array): Promise<Uint8Array> {
    const reply = await this.http.read('POST', '/v1/report-signing-key/sign', { body: { digest: toBase64(digest) } });
    return fromBase64((reply.body as { signature: string }).signature);
  }
}
