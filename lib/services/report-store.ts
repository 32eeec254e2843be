import type { Queryable } from '@/lib/db/driver';
import type { BaselineId, ReportFormat, ReportScope } from '@/lib/reports/types';

/** A report whose job stopped answering (the server restarted mid-run) is shown as interrupted. */
const STALE = "interval '2 minutes'";

export type ReportStatus = 'running' | 'done' | 'failed' | 'interrupted';

export type ReportRecord = {
  id: string;
  createdAt: string;
  createdBy: { id: string; name: string; role: string };
  /** The one tenant the report covers, or null when it spans several: decides who may see it. */
  tenantId: string | null;
  scope: ReportScope;
  scopeLabel: string;
  asOf: string;
  periodFrom: string;
  timeZone: string;
  baseline: BaselineId;
  format: ReportFormat;
  fileName: string;
  contentType: string;
  status: ReportStatus;
  progress: { done: number; total: number };
  partitionCount: number | null;
  deviatingCount: number | null;
  byteSize: number | null;
  chunkCount: number | null;
  digest: string | null;
  keyFingerprint: string | null;
  error: string | null;
  finishedAt: string | null;
  downloads: number;
};

type Row = {
  id: string;
  created_at: Date | string;
  created_by: string;
  created_by_name: string;
  created_by_role: string;
  tenant_id: string | null;
  scope: ReportScope;
  scope_label: string;
  as_of: Date | string;
  period_from: Date | string;
  time_zone: string;
  baseline: BaselineId;
  format: ReportFormat;
  file_name: string;
  content_type: string;
  status: ReportStatus;
  progress_done: number;
  progress_total: number;
  partition_count: number | null;
  deviating_count: number | null;
  byte_size: number | string | null;
  chunk_count: number | null;
  digest: string | null;
  key_fingerprint: string | null;
  error: string | null;
  finished_at: Date | string | null;
  downloads: number;
};

const iso = (value: Date | string) => new Date(value).toISOString();

function recordOf(r: Row): ReportRecord {
  return {
    id: r.id,
    createdAt: iso(r.created_at),
    createdBy: { id: r.created_by, name: r.created_by_name, role: r.created_by_role },
    tenantId: r.tenant_id,
    scope: r.scope,
    scopeLabel: r.scope_label,
    asOf: iso(r.as_of),
    periodFrom: iso(r.period_from),
    timeZone: r.time_zone,
    baseline: r.baseline,
    format: r.format,
    fileName: r.file_name,
    contentType: r.content_type,
    status: r.status,
    progress: { done: r.progress_done, total: r.progress_total },
    partitionCount: r.partition_count,
    deviatingCount: r.deviating_count,
    byteSize: r.byte_size === null ? null : Number(r.byte_size),
    chunkCount: r.chunk_count,
    digest: r.digest,
    keyFingerprint: r.key_fingerprint,
    error: r.error,
    finishedAt: r.finished_at ? iso(r.finished_at) : null,
    downloads: Number(r.downloads),
  };
}

const SELECT = `
SELECT r.id, r.created_at, r.created_by, r.created_by_name, r.created_by_role, r.tenant_id, r.scope, r.scope_label, r.as_of,
       r.period_from, r.time_zone, r.baseline, r.format, r.file_name, r.content_type,
       CASE WHEN r.status = 'running' AND r.heartbeat_at < now() - ${STALE} THEN 'interrupted' ELSE r.status END AS status,
       r.progress_done, r.progress_total, r.partition_count, r.deviating_count, r.byte_size, r.chunk_count, r.digest,
       r.key_fingerprint, r.error, r.finished_at,
       (SELECT count(*)::int FROM report_audit a WHERE a.report_id = r.id AND a.action = 'report.download') AS downloads
  FROM reports r`;

export type NewReport = Pick<
  ReportRecord,
  | 'id'
  | 'createdBy'
  | 'tenantId'
  | 'scope'
  | 'scopeLabel'
  | 'asOf'
  | 'periodFrom'
  | 'timeZone'
  | 'baseline'
  | 'format'
  | 'fileName'
  | 'contentType'
> & { progressTotal: number; keyFingerprint: string };

export async function insertReport(q: Queryable, report: NewReport): Promise<void> {
  await q.query(
    `INSERT INTO reports (id, created_by, created_by_name, created_by_role, tenant_id, scope, scope_label, as_of, period_from,
        time_zone, baseline, format, file_name, content_type, status, progress_total, key_fingerprint)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'running', $15, $16)`,
    [
      report.id,
      report.createdBy.id,
      report.createdBy.name,
      report.createdBy.role,
      report.tenantId,
      JSON.stringify(report.scope),
      report.scopeLabel,
      report.asOf,
      report.periodFrom,
      report.timeZone,
      report.baseline,
      report.format,
      report.fileName,
      report.contentType,
      report.progressTotal,
      report.keyFingerprint,
    ],
  );
}

export async function updateProgress(q: Queryable, id: string, done: number): Promise<void> {
  await q.query('UPDATE reports SET progress_done = $2, heartbeat_at = now() WHERE id = $1', [id, done]);
}

export async function finishReport(
  q: Queryable,
  id: string,
  result: { partitions: number; deviating: number; bytes: number; chunks: number; digest: string; signature: Uint8Array },
): Promise<void> {
  await q.query(
    `UPDATE reports SET status = 'done', progress_done = progress_total, partition_count = $2, deviating_count = $3,
        byte_size = $4, chunk_count = $5, digest = $6, signature = $7, finished_at = now(), heartbeat_at = now()
      WHERE id = $1`,
    [id, result.partitions, result.deviating, result.bytes, result.chunks, result.digest, Buffer.from(result.signature)],
  );
}

export async function failReport(q: Queryable, id: string, error: string): Promise<void> {
  await q.query("UPDATE reports SET status = 'failed', error = $2, finished_at = now() WHERE id = $1", [id, error.slice(0, 500)]);
}

export async function getReport(q: Queryable, id: string): Promise<ReportRecord | null> {
  const [row] = await q.query<Row>(`${SELECT} WHERE r.id = $1`, [id]);
  return row ? recordOf(row) : null;
}

/** Newest first; `tenantId` null lists every tenant's reports (provider-side users). */
export async function listReports(q: Queryable, filter: { tenantId: string | null; limit?: number }): Promise<ReportRecord[]> {
  const rows = await q.query<Row>(
    `${SELECT} WHERE ($1::text IS NULL OR r.tenant_id = $1) ORDER BY r.created_at DESC, r.id DESC LIMIT $2`,
    [filter.tenantId, filter.limit ?? 50],
  );
  return rows.map(recordOf);
}

/** Stored as base64 text: see REPORT_CHUNK_TEXT_MIGRATION (lib/db/perf-schema.ts). */
export async function insertChunk(q: Queryable, id: string, seq: number, data: Uint8Array): Promise<void> {
  const body = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
  await q.query('INSERT INTO report_chunks (report_id, seq, body) VALUES ($1, $2, $3)', [id, seq, body]);
}

export async function readChunk(q: Queryable, id: string, seq: number): Promise<Uint8Array | null> {
  const [row] = await q.query<{ data: Uint8Array | null; body: string | null }>(
    'SELECT data, body FROM report_chunks WHERE report_id = $1 AND seq = $2',
    [id, seq],
  );
  if (!row) return null;
  return row.body !== null ? new Uint8Array(Buffer.from(row.body, 'base64')) : new Uint8Array(row.data ?? []);
}

export async function readSignature(q: Queryable, id: string): Promise<Uint8Array | null> {
  const [row] = await q.query<{ signature: Uint8Array | null }>('SELECT signature FROM reports WHERE id = $1', [id]);
  return row?.signature ? new Uint8Array(row.signature) : null;
}
