import { createHash } from 'node:crypto';

/**
 * The tamper-evident audit's hash: SHA-256 over the canonical JSON (keys sorted, no spaces) of every
 * content column of an `audit_events` row plus its place in the partition's chain (`chain_seq`) and
 * the previous record's hash. A column added to `audit_events` must be added here too, or its value
 * is not protected.
 */
export const AUDIT_CONTENT_FIELDS = [
  'at',
  'phase',
  'idempotency_key',
  'submission_key',
  'action',
  'tenant_id',
  'partition_id',
  'partition_name',
  'actor_id',
  'actor_name',
  'actor_role',
  'policy',
  'before_value',
  'after_value',
  'key_id',
  'key_label',
  'reason',
  'ticket',
  'outcome',
  'message',
  'backend_version',
] as const;

export type AuditContentField = (typeof AUDIT_CONTENT_FIELDS)[number];

export type AuditValue = string | number | boolean | null;

/** One record's content as stored: `at` as an ISO-8601 instant (millisecond precision). */
export type AuditContent = { [K in AuditContentField]: AuditValue } & { at: string; partition_id: string };

/** The first record of a partition's chain points at this. */
export const GENESIS_HASH = '0'.repeat(64);

function canonicalJson(value: Record<string, AuditValue>): string {
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(value[k] ?? null)}`).join(',')}}`;
}

export function auditRecordHash(content: AuditContent, chainSeq: number, prevHash: string): string {
  const fields: Record<string, AuditValue> = { chain_seq: chainSeq, prev_hash: prevHash };
  for (const field of AUDIT_CONTENT_FIELDS) fields[field] = content[field] ?? null;
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}

/** Reads a row's content as the hash sees it (drivers return `at` as a Date, integers as numbers). */
export function contentOfRow(row: Record<string, unknown>): AuditContent {
  const content: Record<string, AuditValue> = {};
  for (const field of AUDIT_CONTENT_FIELDS) {
    const value = row[field];
    if (value instanceof Date) content[field] = value.toISOString();
    else if (typeof value === 'bigint') content[field] = Number(value);
    else if (value === undefined) content[field] = null;
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) {
      content[field] = value;
    } else content[field] = JSON.stringify(value);
  }
  return content as AuditContent;
}
