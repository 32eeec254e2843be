import type { ReportAuditEntry } from '@/lib/services/report-audit';
import { ROLE_LABELS, type Role } from '@/lib/auth/roles';
import { formatTime } from '@/components/format';

const WORDS: Record<ReportAuditEntry['action'], string> = {
  'report.create': 'generated',
  'report.download': 'downloaded',
  'report.signature': 'downloaded the signature of',
  'baseline.save': 'saved the baseline',
};

/** Who generated or downloaded which report, when (the report audit, newest first). */
export function DownloadLog({ entries }: { entries: ReportAuditEntry[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="report-audit">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">Time</th>
            <th scope="col" className="px-3 py-2">Who</th>
            <th scope="col" className="px-3 py-2">What</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.length === 0 ? (
            <tr>
              <td colSpan={3} className="px-3 py-6 text-center text-slate-600">
                No report activity yet.
              </td>
            </tr>
          ) : null}
          {entries.map((e) => (
            <tr key={e.id}>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{formatTime(e.at)}</td>
              <td className="px-3 py-2">
                {e.actorName}
                <div className="text-xs text-slate-500">{ROLE_LABELS[e.actorRole as Role] ?? e.actorRole}</div>
              </td>
              <td className="px-3 py-2">
                {WORDS[e.action]} <span className="break-all font-mono text-xs">{e.fileName ?? ''}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
