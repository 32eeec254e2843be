import type { Queryable } from '@/lib/db/driver';
import type { Actor } from '@/lib/auth/roles';

export type ReportAuditAction = 'report.create' | 'report.download' | 'report.signature' | 'baseline.save';

/** Append-only record of who created or downloaded which report, and who changed a baseline. */
export async function writeReportAudit(
  db: Queryable,
  entry: { action: ReportAuditAction; actor: Actor; reportId?: string | null; tenantId?: string | null; detail?: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO report_audit (action, report_id, tenant_id, actor_id, actor_name, actor_role, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [entry.action, entry.reportId ?? null, entry.tenantId ?? null, entry.actor.userId, entry.actor.name, entry.actor.role, entry.detail ?? null],
  );
}

export type ReportAuditEntry = {
  id: number;
  at: string;
  action: ReportAuditAction;
  reportId: string | null;
  fileName: string | null;
  actorName: string;
  actorRole: string;
  detail: string | null;
};

/** Newest first; `tenantId` null means every tenant (provider compliance). */
export async function listReportAudit(
  db: Queryable,
  filter: { tenantId: string | null; actions?: readonly ReportAuditAction[]; limit?: number },
): Promise<ReportAuditEntry[]> {
  const rows = await db.query<{
    id: number;
    at: Date | string;
    action: ReportAuditAction;
    report_id: string | null;
    file_name: string | null;
    actor_name: string;
    actor_role: string;
    detail: string | null;
  }>(
    `SELECT a.id, a.at, a.action, a.report_id, r.file_name, a.actor_name, a.actor_role, a.detail
       FROM report_audit a LEFT JOIN reports r ON r.id = a.report_id
      WHERE ($1::text IS NULL OR a.tenant_id = $1)
        AND ($2::text[] IS NULL OR a.action = ANY($2))
      ORDER BY a.at DESC, a.id DESC LIMIT $3`,
    [filter.tenantId, filter.actions ? [...filter.actions] : null, filter.limit ?? 20],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    action: r.action,
    reportId: r.report_id,
    fileName: r.file_name,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    detail: r.detail,
  }));
}
