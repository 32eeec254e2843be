import { z } from 'zod';
import { POLICY_IDS, type PartitionPolicy } from '@/lib/policy';
import { MAX_LOG_PARTITIONS, PARTITION_SORTS, type BinQuery, type BinTotalsQuery, type PartitionQuery } from '../types';

/**
 * Query strings of the list routes, written by the http backend and read (zod-validated) by the
 * emulator server. Scalars are plain parameters; the structured filters (`policy`, `deviatesFrom`,
 * `ids`, `keyIds`) are JSON, so that an empty filter (`deviatesFrom={}`, `ids=[]`) survives the trip.
 */

const Id = z.string().min(1).max(200);
const Limit = z.coerce.number().int().min(1).max(1000);
const PolicyValues = z.partialRecord(z.enum(POLICY_IDS), z.boolean());

function json<T extends z.ZodType>(schema: T) {
  return z.string().max(20_000).transform((text, context): z.output<T> => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      context.addIssue({ code: 'custom', message: 'not JSON' });
      return z.NEVER;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      context.addIssue({ code: 'custom', message: parsed.error.issues[0]?.message ?? 'invalid' });
      return z.NEVER;
    }
    return parsed.data;
  });
}

export const PartitionQuerySchema = z.strictObject({
  tenantId: Id.optional(),
  search: z.string().max(200).optional(),
  sort: z.enum(PARTITION_SORTS).optional(),
  dir: z.enum(['asc', 'desc']).optional(),
  cursor: z.string().max(2000).optional(),
  limit: Limit.optional(),
  policy: json(PolicyValues).optional(),
  deviatesFrom: json(PolicyValues).optional(),
  createdAtOrBefore: z.string().max(64).refine((s) => !Number.isNaN(Date.parse(s)), 'not a date').optional(),
  ids: json(z.array(Id).max(10_000)).optional(),
});

export const BinQuerySchema = z.strictObject({
  partitionId: Id.optional(),
  tenantId: Id.optional(),
  keyIds: json(z.array(Id).max(1000)).optional(),
  cursor: z.string().max(2000).optional(),
  limit: Limit.optional(),
});

export const BinTotalsQuerySchema = z.strictObject({ partitionId: Id.optional(), tenantId: Id.optional(), limit: Limit.optional() });

export const SinceVersionSchema = z.strictObject({ sinceVersion: z.coerce.number().int().min(0).max(2_147_483_647) });

export const PolicyLogsQuerySchema = z.strictObject({
  partitionIds: json(z.array(Id).max(MAX_LOG_PARTITIONS)),
  after: z.string().max(64).refine((s) => !Number.isNaN(Date.parse(s)), 'not a date'),
});

export const InventoryQuerySchema = z.strictObject({ limit: Limit });

export const ClientIdQuerySchema = z.strictObject({ clientId: Id });

type Params = Record<string, string | number | boolean | readonly string[] | Partial<PartitionPolicy> | null | undefined>;

/** Skips absent values; arrays and objects go as JSON. */
export function toSearchParams(values: Params): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    params.set(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return params;
}

export function partitionQueryParams(query: PartitionQuery): URLSearchParams {
  return toSearchParams({
    tenantId: query.tenantId,
    search: query.search,
    sort: query.sort,
    dir: query.dir,
    cursor: query.cursor,
    limit: query.limit,
    policy: query.policy,
    deviatesFrom: query.deviatesFrom,
    createdAtOrBefore: query.createdAtOrBefore,
    ids: query.ids,
  });
}

export function binQueryParams(query: BinQuery): URLSearchParams {
  return toSearchParams({
    partitionId: query.partitionId,
    tenantId: query.tenantId,
    keyIds: query.keyIds,
    cursor: query.cursor,
    limit: query.limit,
  });
}

export function binTotalsQueryParams(query: BinTotalsQuery): URLSearchParams {
  return toSearchParams({ partitionId: query.partitionId, tenantId: query.tenantId, limit: query.limit });
}
