import { randomUUID } from 'node:crypto';
import type { AppContext } from '@/lib/context';
import type { Actor } from '@/lib/auth/roles';
import { safeFileName } from '@/lib/reports/filename';
import { NEVER_EXTRACTABLE } from '@/lib/reports/baseline';
import type { BaselineId, ReportFormat, ReportMeta, ReportScope } from '@/lib/reports/types';
import { writeReportAudit } from './report-audit';
import { baselineResolver } from './report-baselines';
import { startReportJob, writerFor } from './report-job';
import { resolveScope } from './report-scope';
import { getReport, insertReport, listReports, type ReportRecord } from './report-store';
import { fail, ok, type Result } from './result';
import { logSecurityEvent } from './security-log';

export const GENERATOR = 'Partition Console 0.1.0 (policy report schema 1.0)';
const DAY = 24 * 60 * 60 * 1000;
export const DEFAULT_PERIOD_DAYS = 90;

export type CreateReportInput = {
  scope: ReportScope;
  /** ISO-8601; null for now. */
  asOf: string | null;
  /** ISO-8601 start of "changes in the period"; null for 90 days before `asOf`. */
  periodFrom: string | null;
  baseline: BaselineId;
  format: ReportFormat;
  timeZone: string;
};

function fileNameOf(label: string, asOf: string, extension: string): string {
  const stamp = asOf.slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `policy-report_${safeFileName(label)}_${stamp}Z.${extension}`;
}

/**
 * Checks the request against the actor's scope, records the report (with an audit row, in one
 * transaction) and starts generating it in the background. Returns at once with the report's id.
 */
export async function createReport(ctx: AppContext, actor: Actor, input: CreateReportInput): Promise<Result<{ id: string }>> {
  const now = Date.now();
  const asOf = input.asOf ? new Date(input.asOf) : new Date(now);
  if (asOf.getTime() > now + 60_000) {
    return fail('invalid', 'A report cannot be "as of" a time in the future.', { fieldErrors: { asOf: ['Choose a time in the past.'] } });
  }
  const periodFrom = input.periodFrom ? new Date(input.periodFrom) : new Date(asOf.getTime() - DEFAULT_PERIOD_DAYS * DAY);
  if (periodFrom.getTime() >= asOf.getTime()) {
    return fail('invalid', 'The period must start before the "as of" time.', { fieldErrors: { periodFrom: ['Start the period before "as of".'] } });
  }
  const resolved = await resolveScope(ctx, actor, input.scope);
  if (!resolved.ok) return resolved;
  const { scope, query, label, tenantId } = resolved.data;

  const asOfIso = asOf.toISOString();
  const [counted, key, writer] = await Promise.all([
    ctx.hsm.admin.listPartitionPolicies({ ...query, createdAtOrBefore: asOfIso, limit: 1 }),
    ctx.hsm.admin.reportSigningKey(),
    writerFor(input.format),
  ]);
  const id = `rep_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const meta: ReportMeta = {
    id,
    title: 'Partition policy report',
    generatedAt: new Date(now).toISOString(),
    generatedBy: { name: actor.name, email: actor.email, role: actor.role },
    generator: GENERATOR,
    scope,
    scopeLabel: label,
    asOf: asOfIso,
    periodFrom: periodFrom.toISOString(),
    timeZone: input.timeZone,
    baseline:
      input.baseline === 'never-extractable'
        ? { id: 'never-extractable', name: NEVER_EXTRACTABLE.name, policy: NEVER_EXTRACTABLE.policy }
        : { id: 'tenant', name: "Tenant's saved baseline", policy: null },
    signingKeyFingerprint: key.fingerprint,
    partitionCount: counted.total,
  };
  await ctx.db.transaction(async (tx) => {
    await insertReport(tx, {
      id,
      createdBy: { id: actor.userId, name: actor.name, role: actor.role },
      tenantId,
      scope,
      scopeLabel: label,
      asOf: meta.asOf,
      periodFrom: meta.periodFrom,
      timeZone: meta.timeZone,
      baseline: input.baseline,
      format: input.format,
      fileName: fileNameOf(label, meta.asOf, writer.extension),
      contentType: writer.contentType,
      progressTotal: counted.total * writer.passes,
      keyFingerprint: key.fingerprint,
    });
    await writeReportAudit(tx, {
      action: 'report.create',
      actor,
      reportId: id,
      tenantId,
      detail: `${input.format.toUpperCase()}, ${label}, as of ${meta.asOf}, baseline ${input.baseline}`,
    });
  });
  startReportJob(ctx, meta, input.format, {
    query,
    asOf: meta.asOf,
    periodFrom: meta.periodFrom,
    baselineFor: baselineResolver(ctx.db, input.baseline),
  });
  return ok({ id });
}

/** Reports the actor may see: a tenant user those of its tenant; provider-side users all. */
export function listVisibleReports(ctx: AppContext, actor: Actor, limit = 50): Promise<ReportRecord[]> {
  return listReports(ctx.db, { tenantId: actor.tenantId, limit });
}

/** A report the actor may see, or null: another tenant's report looks like a missing one. */
export async function findVisibleReport(ctx: AppContext, actor: Actor, id: string): Promise<ReportRecord | null> {
  const report = await getReport(ctx.db, id);
  if (!report) return null;
  if (actor.tenantId !== null && report.tenantId !== actor.tenantId) return null;
  return report;
}

/** Checks a download (visible and finished) and audits it before any byte is served. */
export async function authorizeDownload(
  ctx: AppContext,
  actor: Actor,
  id: string,
  what: 'report.download' | 'report.signature',
): Promise<Result<ReportRecord>> {
  const report = await findVisibleReport(ctx, actor, id);
  if (!report) {
    await logSecurityEvent(ctx.db, { actor, action: what, target: id, reason: 'report not found or outside scope' });
    return fail('not-found', 'No such report.');
  }
  if (report.status !== 'done') return fail('conflict', 'This report is not ready.');
  await writeReportAudit(ctx.db, { action: what, actor, reportId: id, tenantId: report.tenantId, detail: report.fileName });
  return ok(report);
}
