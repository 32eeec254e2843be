import { z } from 'zod';
import { POLICY_IDS } from '@/lib/policy';

/**
 * What the http backend accepts as the answer to a mutation. The console's audit records "applied"
 * from these answers, so a body that does not match is not trusted: it becomes UNAVAILABLE, and the
 * console records an unknown outcome instead of a success it cannot prove.
 */

const PolicySchema = z.record(z.enum(POLICY_IDS), z.boolean());

const PolicyLogEntrySchema = z.object({
  version: z.number().int(),
  policy: z.enum(POLICY_IDS),
  from: z.boolean(),
  to: z.boolean(),
  actor: z.string(),
  at: z.string(),
});

export const PolicyChangeResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('applied'), version: z.number().int(), policy: PolicySchema, at: z.string() }),
  z.object({ status: z.literal('conflict'), currentVersion: z.number().int(), changes: z.array(PolicyLogEntrySchema) }),
  z.object({ status: z.literal('not-found') }),
]);

const BinKeyResultSchema = z.discriminatedUnion('status', [
  z.object({ keyId: z.string(), status: z.enum(['restored', 'purged']), label: z.string(), message: z.string() }),
  z.object({ keyId: z.string(), status: z.literal('not-in-bin'), label: z.null(), message: z.string() }),
]);

export const BinResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('done'), results: z.array(BinKeyResultSchema) }),
  z.object({ status: z.literal('not-found') }),
]);
