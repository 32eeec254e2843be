import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { currentActor } from '@/lib/auth/current';
import { can } from '@/lib/auth/permissions';
import { getContext } from '@/lib/context';
import { BASELINE_IDS } from '@/lib/reports/types';
import { BAR_LABELS, POSTURE_BARS, posture, postureFocus, postureList, type PostureBar } from '@/lib/services/posture';
import { listReportAudit } from '@/lib/services/report-audit';
import { tenantBaseline } from '@/lib/services/report-baselines';
import { toListItem } from '@/lib/services/report-list';
import { listVisibleReports } from '@/lib/services/reports';
import { BaselineForm } from '@/components/reports/baseline-form';
import { DownloadLog } from '@/components/reports/download-log';
import { PostureChart } from '@/components/reports/posture-chart';
import { PostureList } from '@/components/reports/posture-list';
import { ReportBuilder } from '@/components/reports/report-builder';
import { ReportList } from '@/components/reports/report-list';
import { SigningKeyCard } from '@/components/reports/signing-key-card';

export const metadata: Metadata = { title: 'Reports' };

const Params = z.object({
  bar: z.enum(POSTURE_BARS).optional().catch(undefined),
  tenant: z.string().max(64).optional().catch(undefined),
  baseline: z.enum(BASELINE_IDS).optional().catch(undefined),
  cursor: z.string().max(400).optional().catch(undefined),
});

function href(state: { bar?: PostureBar; tenant?: string; baseline?: string; cursor?: string }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state)) if (value) params.set(key, value);
  const query = params.toString();
  return `/reports${query ? `?${query}` : ''}#posture`;
}

export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  if (!can(actor.role, 'report.read')) notFound();
  const params = Params.parse(await searchParams);
  const ctx = await getContext();
  const tenants = await ctx.hsm.admin.listTenants();
  const ownTenant = actor.tenantId ? (tenants.find((t) => t.id === actor.tenantId)?.name ?? actor.tenantId) : null;
  const focus = await postureFocus(ctx, actor, { tenantId: params.tenant, baseline: params.baseline });
  const [overview, listed, reports, signingKey, saved, activity] = await Promise.all([
    posture(ctx, focus),
    params.bar ? postureList(ctx, focus, params.bar, params.cursor ?? null) : Promise.resolve(null),
    listVisibleReports(ctx, actor),
    ctx.hsm.admin.reportSigningKey(),
    actor.tenantId ? tenantBaseline(ctx.db, actor.tenantId) : Promise.resolve(null),
    listReportAudit(ctx.db, { tenantId: actor.tenantId, limit: 15 }),
  ]);
  const state = { tenant: focus.tenantId && !actor.tenantId ? focus.tenantId : undefined, baseline: params.baseline };
  const canCreate = can(actor.role, 'report.create');

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Reports</h1>
        <p className="text-sm text-slate-600">
          Policy posture and signed policy reports {ownTenant ? `for ${ownTenant}` : 'across all tenants'}.
        </p>
      </div>

      <section id="posture" aria-labelledby="posture-heading" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="posture-heading" className="text-lg font-semibold">
            Posture overview
          </h2>
          <form action="/reports" className="flex flex-wrap items-end gap-2 text-sm">
            {!actor.tenantId ? (
              <div>
                <label htmlFor="posture-tenant" className="block text-xs font-medium text-slate-600">
                  Tenant
                </label>
                <select id="posture-tenant" name="tenant" defaultValue={focus.tenantId ?? ''} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5">
                  <option value="">All tenants</option>
                  {tenants.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <div>
              <label htmlFor="posture-baseline" className="block text-xs font-medium text-slate-600">
                Baseline
              </label>
              <select id="posture-baseline" name="baseline" defaultValue={params.baseline ?? 'never-extractable'} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5">
                <option value="never-extractable">Never extractable</option>
                <option value="tenant">Tenant&apos;s saved baseline</option>
              </select>
            </div>
            <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50">
              Show
            </button>
          </form>
        </div>
        <p className="text-sm text-slate-600">
          {overview.total} partitions{focus.tenantId ? ` of ${tenants.find((t) => t.id === focus.tenantId)?.name ?? focus.tenantId}` : ''}, compared
          with the baseline “{focus.baseline.name}”{params.baseline === 'tenant' && focus.baseline.id === 'never-extractable' ? ' (no tenant baseline saved for this view)' : ''}.
          Choose a bar to list its partitions.
        </p>
        <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <PostureChart posture={overview} selected={params.bar ?? null} hrefFor={(bar) => href({ ...state, bar })} />
        </div>
        {params.bar && listed ? (
          <PostureList
            title={BAR_LABELS[params.bar]}
            page={listed}
            nextHref={listed.nextCursor ? href({ ...state, bar: params.bar, cursor: listed.nextCursor }) : null}
            showTenant={!actor.tenantId}
          />
        ) : null}
      </section>

      {canCreate ? (
        <section aria-labelledby="builder-heading" className="space-y-3">
          <h2 id="builder-heading" className="text-lg font-semibold">
            New report
          </h2>
          <ReportBuilder tenants={actor.tenantId ? [] : tenants} ownTenant={ownTenant} hasTenantBaseline={saved !== null} />
        </section>
      ) : null}

      <section aria-labelledby="reports-heading" className="space-y-3">
        <h2 id="reports-heading" className="text-lg font-semibold">
          Generated reports
        </h2>
        <ReportList initial={reports.map(toListItem)} />
      </section>

      <section aria-labelledby="activity-heading" className="space-y-3">
        <h2 id="activity-heading" className="text-lg font-semibold">
          Report activity
        </h2>
        <DownloadLog entries={activity} />
      </section>

      <section aria-labelledby="key-heading" className="space-y-3">
        <h2 id="key-heading" className="text-lg font-semibold">
          Verifying reports
        </h2>
        <SigningKeyCard signingKey={signingKey} />
      </section>

      {actor.tenantId ? (
        <section aria-labelledby="baseline-heading" className="space-y-3">
          <h2 id="baseline-heading" className="text-lg font-semibold">
            {ownTenant}&apos;s baseline
          </h2>
          <BaselineForm policy={saved?.policy ?? null} savedBy={saved ? `${saved.savedBy}` : null} canSave={can(actor.role, 'report.baseline')} />
        </section>
      ) : null}
    </div>
  );
}
