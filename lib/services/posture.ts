import type { AppContext } from '@/lib/context';
import { canSeeTenant, type Actor } from '@/lib/auth/roles';
import type { Page, PartitionQuery, PartitionSummary } from '@/lib/hsm/types';
import { NEVER_EXTRACTABLE } from '@/lib/reports/baseline';
import type { Baseline, BaselineId } from '@/lib/reports/types';
import { tenantBaseline } from './report-baselines';

export const POSTURE_BARS = ['export', 'import', 'read-only', 'offline', 'deviating'] as const;
export type PostureBar = (typeof POSTURE_BARS)[number];

export const BAR_LABELS: Record<PostureBar, string> = {
  export: 'Allow key export',
  import: 'Allow key import',
  'read-only': 'Read-only',
  offline: 'Offline',
  deviating: 'Deviate from baseline',
};

export type PostureFocus = { tenantId: string | null; baseline: Baseline };

export type Posture = PostureFocus & { total: number; bars: { id: PostureBar; label: string; count: number }[] };

/**
 * Which tenant and baseline the overview is about: the actor's tenant (or a tenant a provider-side
 * user picked, or all), compared with "never extractable" or that tenant's saved baseline.
 */
export async function postureFocus(
  ctx: AppContext,
  actor: Actor,
  requested: { tenantId?: string | null; baseline?: BaselineId },
): Promise<PostureFocus> {
  const tenantId = actor.tenantId ?? (requested.tenantId && canSeeTenant(actor, requested.tenantId) ? requested.tenantId : null);
  if (requested.baseline === 'tenant' && tenantId) {
    const saved = await tenantBaseline(ctx.db, tenantId);
    if (saved) return { tenantId, baseline: saved };
  }
  return { tenantId, baseline: NEVER_EXTRACTABLE };
}

function barFilter(bar: PostureBar, baseline: Baseline): Pick<PartitionQuery, 'policy' | 'deviatesFrom'> {
  switch (bar) {
    case 'export':
      return { policy: { keyExport: true } };
    case 'import':
      return { policy: { keyImport: true } };
    case 'read-only':
      return { policy: { readOnly: true } };
    case 'offline':
      return { policy: { clientApiAccess: false } };
    case 'deviating':
      return { deviatesFrom: baseline.policy };
  }
}

/** Counts per bar, each counted by the backend (no partition list is loaded). */
export async function posture(ctx: AppContext, focus: PostureFocus): Promise<Posture> {
  const count = (filter: Pick<PartitionQuery, 'policy' | 'deviatesFrom'>) =>
    ctx.hsm.admin.listPartitions({ tenantId: focus.tenantId, ...filter, limit: 1 }).then((page) => page.total);
  const [total, ...counts] = await Promise.all([count({}), ...POSTURE_BARS.map((bar) => count(barFilter(bar, focus.baseline)))]);
  return {
    ...focus,
    total: total ?? 0,
    bars: POSTURE_BARS.map((id, i) => ({ id, label: BAR_LABELS[id], count: counts[i] ?? 0 })),
  };
}

/** The partitions behind one bar, paged at the backend. */
export function postureList(ctx: AppContext, focus: PostureFocus, bar: PostureBar, cursor: string | null): Promise<Page<PartitionSummary>> {
  return ctx.hsm.admin.listPartitions({ tenantId: focus.tenantId, ...barFilter(bar, focus.baseline), cursor, limit: 25 });
}
