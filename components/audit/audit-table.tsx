import type { AuditEntry } from '@/lib/services/audit';
import { policyEntry, valueWord } from '@/lib/policy/catalog';
import { ROLE_LABELS, type Role } from '@/lib/auth/roles';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { formatTime } from '@/components/format';

const OUTCOME: Record<AuditEntry['outcome'], { tone: BadgeTone; label: string }> = {
  applied: { tone: 'green', label: '✓ Applied' },
  failed: { tone: 'red', label: '✕ Failed' },
  conflict: { tone: 'amber', label: '⇄ Conflict' },
  unknown: { tone: 'amber', label: '? No answer' },
  pending: { tone: 'slate', label: '… Pending' },
};

/** Bin entries (one per key) name the action in the policy column and the key in the change column. */
const BIN_ACTION_LABELS: Record<string, string> = { 'bin.restore': 'Bin: restore', 'bin.purge': 'Bin: purge' };

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="audit-table">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">Time</th>
            <th scope="col" className="px-3 py-2">Actor</th>
            <th scope="col" className="px-3 py-2">Policy</th>
            <th scope="col" className="px-3 py-2">Change</th>
            <th scope="col" className="px-3 py-2">Reason</th>
            <th scope="col" className="px-3 py-2">Outcome</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.length === 0 ? (
            <tr>
              <td colSpan={6} className="px-3 py-8 text-center text-slate-600">
                No changes recorded yet.
              </td>
            </tr>
          ) : null}
          {entries.map((e) => (
            <tr key={e.idempotencyKey} data-testid="audit-row">
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
                <time dateTime={e.at}>{formatTime(e.at)}</time>
              </td>
              <td className="px-3 py-2">
                <div>{e.actorName}</div>
                <div className="text-xs text-slate-500">{ROLE_LABELS[e.actorRole as Role] ?? e.actorRole}</div>
              </td>
              <td className="px-3 py-2">{e.policy ? policyEntry(e.policy).label : (BIN_ACTION_LABELS[e.action] ?? '—')}</td>
              <td className="whitespace-nowrap px-3 py-2">
                {e.policy && e.before !== null && e.after !== null
                  ? `${valueWord(e.policy, e.before)} → ${valueWord(e.policy, e.after)}`
                  : e.keyId
                    ? `${e.keyLabel ?? '—'} (${e.keyId})`
                    : '—'}
              </td>
              <td className="max-w-xs px-3 py-2">
                {e.reason ?? <span className="text-slate-500">—</span>}
                {e.ticket ? <div className="text-xs text-slate-500">Ticket {e.ticket}</div> : null}
              </td>
              <td className="px-3 py-2">
                <Badge tone={OUTCOME[e.outcome].tone}>{OUTCOME[e.outcome].label}</Badge>
                {e.outcome !== 'applied' && e.message ? <div className="mt-1 text-xs text-slate-600">{e.message}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
