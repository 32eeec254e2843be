import type { AuditEntry } from '@/lib/services/audit';
import { ROLE_LABELS, type Role } from '@/lib/auth/roles';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { formatTime } from '@/components/format';

const OUTCOME: Record<AuditEntry['outcome'], { tone: BadgeTone; label: string }> = {
  applied: { tone: 'green', label: '✓ Done' },
  failed: { tone: 'red', label: '✕ Failed' },
  conflict: { tone: 'amber', label: '⇄ Conflict' },
  unknown: { tone: 'amber', label: '? No answer' },
  pending: { tone: 'slate', label: '… Pending' },
};

/** The audit's bin records, one line per key: who restored or purged which key, and the result. */
export function BinHistory({ entries, showPartition }: { entries: AuditEntry[]; showPartition: boolean }) {
  return (
    <section aria-labelledby="bin-history-heading" className="space-y-2">
      <h3 id="bin-history-heading" className="text-base font-semibold">
        Restores and purges
      </h3>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="bin-history">
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">Time</th>
              <th scope="col" className="px-3 py-2">Actor</th>
              <th scope="col" className="px-3 py-2">Action</th>
              <th scope="col" className="px-3 py-2">Key</th>
              {showPartition ? <th scope="col" className="px-3 py-2">Partition</th> : null}
              <th scope="col" className="px-3 py-2">Result</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {entries.length === 0 ? (
              <tr>
                <td colSpan={showPartition ? 6 : 5} className="px-3 py-6 text-center text-slate-600">
                  No key has been restored or purged through the console yet.
                </td>
              </tr>
            ) : null}
            {entries.map((e) => (
              <tr key={e.idempotencyKey} data-testid="bin-history-row">
                <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
                  <time dateTime={e.at}>{formatTime(e.at)}</time>
                </td>
                <td className="px-3 py-2">
                  <div>{e.actorName}</div>
                  <div className="text-xs text-slate-500">{ROLE_LABELS[e.actorRole as Role] ?? e.actorRole}</div>
                </td>
                <td className="px-3 py-2">{e.action === 'bin.purge' ? 'Purge' : 'Restore'}</td>
                <td className="px-3 py-2">
                  <div className="font-medium">{e.keyLabel ?? '—'}</div>
                  <div className="font-mono text-xs text-slate-500">{e.keyId}</div>
                </td>
                {showPartition ? <td className="px-3 py-2">{e.partitionName}</td> : null}
                <td className="px-3 py-2">
                  <Badge tone={OUTCOME[e.outcome].tone}>{OUTCOME[e.outcome].label}</Badge>
                  {e.outcome !== 'applied' && e.message ? <div className="mt-1 text-xs text-slate-600">{e.message}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
