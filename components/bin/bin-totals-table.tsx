import Link from 'next/link';
import type { BinTotalsView } from '@/lib/services/bin';
import { Badge } from '@/components/ui/badge';
import { formatBytes, formatShare } from './format';

/** The tenant-wide view's per-partition bin totals: counts and sizes only, never a label. */
export function BinTotalsTable({ totals, showTenant, warningShare }: { totals: BinTotalsView[]; showTenant: boolean; warningShare: number }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="bin-totals-table">
        <caption className="sr-only">Objects and space held by each partition&apos;s bin, fullest bin first</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">Partition</th>
            {showTenant ? <th scope="col" className="px-3 py-2">Tenant</th> : null}
            <th scope="col" className="px-3 py-2 text-right">Objects in bin</th>
            <th scope="col" className="px-3 py-2 text-right">Space in bin</th>
            <th scope="col" className="px-3 py-2">Share of capacity</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {totals.length === 0 ? (
            <tr>
              <td colSpan={showTenant ? 5 : 4} className="px-3 py-8 text-center text-slate-600">
                Every bin is empty.
              </td>
            </tr>
          ) : null}
          {totals.map((t) => {
            const share = Math.max(t.objectShare, t.byteShare);
            return (
              <tr key={t.partitionId} data-testid={`bin-totals-${t.partitionId}`}>
                <td className="px-3 py-2">
                  <Link href={`/partitions/${encodeURIComponent(t.partitionId)}/bin`} className="font-medium text-brand-700 hover:underline">
                    {t.partitionName}
                  </Link>
                  <div className="font-mono text-xs text-slate-500">{t.partitionId}</div>
                </td>
                {showTenant ? <td className="px-3 py-2">{t.tenantName}</td> : null}
                <td className="px-3 py-2 text-right tabular-nums">
                  {t.objects} <span className="text-slate-500">/ {t.capacity.objects}</span>
                </td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {formatBytes(t.bytes)} <span className="text-slate-500">/ {formatBytes(t.capacity.bytes)}</span>
                </td>
                <td className="px-3 py-2">
                  <div className="flex items-center gap-2">
                    <div
                      role="meter"
                      aria-label={`Share of ${t.partitionName}'s capacity held by the bin`}
                      aria-valuemin={0}
                      aria-valuemax={100}
                      aria-valuenow={Math.round(share * 100)}
                      aria-valuetext={formatShare(share)}
                      className="h-2 w-24 overflow-hidden rounded-full bg-slate-200"
                    >
                      <div className={`h-full ${t.warning ? 'bg-amber-500' : 'bg-brand-600'}`} style={{ width: `${Math.min(share, 1) * 100}%` }} />
                    </div>
                    <span className="text-xs tabular-nums text-slate-600">{formatShare(share)}</span>
                    {t.warning ? (
                      <Badge tone="amber" title={`The bin holds more than ${formatShare(warningShare)} of the capacity`}>
                        <span aria-hidden="true">⚠</span> Over {formatShare(warningShare)}
                      </Badge>
                    ) : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
