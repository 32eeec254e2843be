import Link from 'next/link';
import type { Page, PartitionSummary } from '@/lib/hsm/types';
import { Badge } from '@/components/ui/badge';

type Props = { title: string; page: Page<PartitionSummary>; nextHref: string | null; showTenant: boolean };

/** The partitions behind the chosen bar, paged at the backend. */
export function PostureList({ title, page, nextHref, showTenant }: Props) {
  return (
    <div id="posture-list" className="rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="posture-list">
      <p className="border-b border-slate-200 px-3 py-2 text-sm font-medium">
        {title}: {page.total} {page.total === 1 ? 'partition' : 'partitions'}
      </p>
      <ul className="divide-y divide-slate-100 text-sm">
        {page.items.length === 0 ? <li className="px-3 py-4 text-slate-600">None.</li> : null}
        {page.items.map((p) => (
          <li key={p.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2" data-testid="posture-partition">
            <Link href={`/partitions/${encodeURIComponent(p.id)}`} className="font-medium text-brand-700 hover:underline">
              {p.name}
            </Link>
            <span className="font-mono text-xs text-slate-500">{p.id}</span>
            {showTenant ? <span className="text-slate-600">{p.tenantName}</span> : null}
            {p.online ? null : <Badge tone="red">■ Offline</Badge>}
            {p.readOnly ? <Badge tone="amber">Read-only</Badge> : null}
          </li>
        ))}
      </ul>
      {nextHref ? (
        <p className="border-t border-slate-200 px-3 py-2 text-sm">
          <Link href={nextHref} className="text-brand-700 hover:underline">
            More →
          </Link>
        </p>
      ) : null}
    </div>
  );
}
