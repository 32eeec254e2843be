import type { AppContext } from '@/lib/context';
import type { Page, PartitionLogEntry, PartitionPolicyRecord, PartitionQuery } from '@/lib/hsm/types';
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

type Actor = { name: string; role: string; reason: string | null; ticket: string | null };

/**
 * Who made each applied change, from the console's audit (matched by partition and backend
 * version): one query for a page of partitions' changes, one index range per partition (a period's
 * changes of a partition are consecutive versions), answered as one JSON document (hundreds of rows
 * a page, which the embedded engine's driver would decode one by one).
 */
async function consoleActors(ctx: AppContext, changes: readonly PartitionLogEntry[]): Promise<Map<string, Actor>> {
  if (changes.length === 0) return new Map();
  const ranges = new Map<string, { low: number; high: number }>();
  for (const change of changes) {
    const range = ranges.get(change.partitionId);
    if (!range) ranges.set(change.partitionId, { low: change.version, high: change.version });
    else {
      range.low = Math.min(range.low, change.version);
      range.high = Math.max(range.high, change.version);
    }
  }
  const [result] = await ctx.db.query<{ actors: string }>(
    `SELECT coalesce(json_agg(x), '[]')::text AS actors FROM (
       SELECT a.partition_id, a.backend_version, a.actor_name, a.actor_role, a.reason, a.ticket
         FROM unnest($1::text[], $2::int[], $3::int[]) AS w(partition_id, low, high)
         JOIN audit_events a ON a.partition_id = w.partition_id AND a.backend_version BETWEEN w.low AND w.high
        WHERE a.phase = 'outcome' AND a.outcome = 'applied') x`,
    [[...ranges.keys()], [...ranges.values()].map((r) => r.low), [...ranges.values()].map((r) => r.high)],
  );
  const rows = JSON.parse(result?.actors ?? '[]') as { partition_id: string; backend_version: number; actor_name: string; actor_role: string; reason: string | null; ticket: string | null }[];
  return new Map(rows.map((r) => [`${r.partition_id}/${r.backend_version}`, { name: r.actor_name, role: r.actor_role, reason: r.reason, ticket: r.ticket }]));
}

function reportChange(entry: PartitionLogEntry, who: Actor | undefined): ReportChange {
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
}

/**
 * The rows of one page of partitions, with two reads for the whole page: the HSM's policy log since
 * the period began (only of partitions touched since then: updatedAt moves with every policy change,
 * so an older updatedAt means the current policy held all along), and the console's audit for who
 * made those changes. As-of needs the changes after `asOf`, the period those after `periodFrom`.
 */
async function rowsOf(ctx: AppContext, plan: SourcePlan, records: readonly PartitionPolicyRecord[]): Promise<ReportRow[]> {
  const after = Date.parse(plan.periodFrom) < Date.parse(plan.asOf) ? plan.periodFrom : plan.asOf;
  const afterMs = Date.parse(after);
  const touched = records.filter((r) => Date.parse(r.updatedAt) > afterMs).map((r) => r.id);
  const log = touched.length > 0 ? await ctx.hsm.admin.policyLogs({ partitionIds: touched, after }) : [];
  const logs = new Map<string, PartitionLogEntry[]>();
  for (const entry of log) {
    const list = logs.get(entry.partitionId);
    if (list) list.push(entry);
    else logs.set(entry.partitionId, [entry]);
  }
  const inPeriod = new Map(records.map((r) => [r.id, changesBetween(logs.get(r.id) ?? [], plan.periodFrom, plan.asOf)]));
  const actors = await consoleActors(ctx, [...inPeriod.values()].flat());
  const rows: ReportRow[] = [];
  for (const record of records) {
    const { policy, version } = policyAsOf(record, logs.get(record.id) ?? [], plan.asOf);
    const baseline = await plan.baselineFor(record.tenantId);
    rows.push({
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
      changes: (inPeriod.get(record.id) ?? []).map((entry) => reportChange(entry, actors.get(`${record.id}/${entry.version}`))),
    });
  }
  return rows;
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
          await yieldToEventLoop();
          const rows = await rowsOf(ctx, plan, page.items);
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
