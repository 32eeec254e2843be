import type { AppContext } from '@/lib/context';
import type { Page, PartitionPolicyRecord, PartitionQuery, PolicyLogEntry } from '@/lib/hsm/types';
import { changesBetween, policyAsOf } from '@/lib/reports/as-of';
import { deviationsOf } from '@/lib/reports/baseline';
import type { Baseline, ReportChange, ReportRow } from '@/lib/reports/types';
import type { RowSource } from '@/lib/reports/writer';

export const REPORT_PAGE = 200;

export type SourcePlan = {
  /** Tenant / chosen partitions, already narrowed to what the requesting user may see. */
  query: Pick<PartitionQuery, 'tenantId' | 'ids'>;
  asOf: string;
  periodFrom: string;
  baselineFor: (tenantId: string) => Promise<Baseline | null>;
};

/** Who made each applied change, from the console's audit (matched by backend version). */
async function consoleActors(ctx: AppContext, partitionId: string, versions: number[]) {
  if (versions.length === 0) return new Map<number, { name: string; role: string; reason: string | null; ticket: string | null }>();
  const rows = await ctx.db.query<{ backend_version: number; actor_name: string; actor_role: string; reason: string | null; ticket: string | null }>(
    `SELECT backend_version, actor_name, actor_role, reason, ticket FROM audit_events
      WHERE partition_id = $1 AND phase = 'outcome' AND outcome = 'applied' AND backend_version = ANY($2::int[])`,
    [partitionId, versions],
  );
  return new Map(rows.map((r) => [r.backend_version, { name: r.actor_name, role: r.actor_role, reason: r.reason, ticket: r.ticket }]));
}

async function reportChanges(ctx: AppContext, partitionId: string, entries: PolicyLogEntry[]): Promise<ReportChange[]> {
  const actors = await consoleActors(
    ctx,
    partitionId,
    entries.map((e) => e.version),
  );
  return entries.map((entry) => {
    const who = actors.get(entry.version);
    return {
      version: entry.version,
      at: entry.at,
      policy: entry.policy,
      from: entry.from,
      to: entry.to,
      by: who?.name ?? `outside the console (${entry.actor})`,
      role: who?.role ?? null,
      reason: who?.reason ?? null,
      ticket: who?.ticket ?? null,
    };
  });
}

async function rowOf(ctx: AppContext, plan: SourcePlan, record: PartitionPolicyRecord): Promise<ReportRow> {
  // The log is read only for partitions touched since the period began: updatedAt moves with every
  // policy change, so an older updatedAt means the current policy held all along.
  const touched = Date.parse(record.updatedAt) > Date.parse(plan.periodFrom);
  const log = touched ? await ctx.hsm.admin.policyLog(record.id, 0) : [];
  const { policy, version } = policyAsOf(record, log, plan.asOf);
  const baseline = await plan.baselineFor(record.tenantId);
  return {
    id: record.id,
    name: record.name,
    tenantId: record.tenantId,
    tenantName: record.tenantName,
    servicePackage: record.servicePackage,
    createdAt: record.createdAt,
    version,
    policy,
    baseline,
    deviations: deviationsOf(policy, baseline),
    changes: await reportChanges(ctx, record.id, changesBetween(log, plan.periodFrom, plan.asOf)),
  };
}

/**
 * The embedded engine answers without real I/O, so a long job would run on microtasks alone and keep
 * every other request (the progress poll included) waiting: give the event loop a turn now and then.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The partitions of a report as they stood at `asOf`, paged through the backend's cursor. Partitions
 * created after `asOf` are left out by the backend query; every pass sees the same set.
 */
export function reportSource(ctx: AppContext, plan: SourcePlan, onPage: (rows: number) => Promise<void>): RowSource {
  return {
    async *pages() {
      // Tenant by tenant (by name), partitions by name within each: both walks use the backend's
      // (tenant, name, id) index, so each page costs the same however large the fleet is.
      const tenantIds = plan.query.tenantId ? [plan.query.tenantId] : (await ctx.hsm.admin.listTenants()).map((t) => t.id);
      for (const tenantId of tenantIds) {
        let cursor: string | null = null;
        do {
          const page: Page<PartitionPolicyRecord> = await ctx.hsm.admin.listPartitionPolicies({
            tenantId,
            ids: plan.query.ids,
            createdAtOrBefore: plan.asOf,
            sort: 'name',
            limit: REPORT_PAGE,
            cursor,
          });
          const rows: ReportRow[] = [];
          for (const [index, record] of page.items.entries()) {
            if (index % 25 === 0) await yieldToEventLoop();
            rows.push(await rowOf(ctx, plan, record));
          }
          if (rows.length > 0) {
            await onPage(rows.length);
            yield rows;
          }
          cursor = page.nextCursor;
        } while (cursor);
      }
    },
  };
}
