'use client';

import { useQuery } from '@tanstack/react-query';
import type { ReportListItem } from '@/lib/services/report-list';
import { Badge } from '@/components/ui/badge';
import { formatTime } from '@/components/format';

export const reportsQueryKey = ['reports'] as const;

async function fetchReports(): Promise<ReportListItem[]> {
  const response = await fetch('/api/reports', { cache: 'no-store' });
  if (!response.ok) throw new Error('Could not load the reports.');
  return ((await response.json()) as { reports: ReportListItem[] }).reports;
}

function size(bytes: number | null): string {
  if (bytes === null) return '';
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function Status({ report }: { report: ReportListItem }) {
  if (report.status === 'running') {
    const percent = report.progress.total > 0 ? Math.floor((report.progress.done / report.progress.total) * 100) : 0;
    return (
      <div className="w-32">
        <div
          role="progressbar"
          aria-label="Report progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          className="h-2 overflow-hidden rounded-full bg-slate-200"
        >
          <div className="h-full bg-brand-600 transition-all" style={{ width: `${percent}%` }} />
        </div>
        <p className="mt-1 text-xs text-slate-600">
          Generating… {percent}% ({report.progress.done}/{report.progress.total})
        </p>
      </div>
    );
  }
  if (report.status === 'done') return <Badge tone="green">✓ Ready</Badge>;
  if (report.status === 'interrupted') return <Badge tone="amber">! Interrupted</Badge>;
  return (
    <span>
      <Badge tone="red">✕ Failed</Badge>
      {report.error ? <span className="mt-1 block text-xs text-slate-600">{report.error}</span> : null}
    </span>
  );
}

/** Kept reports, newest first; polls once a second while one is generating. */
export function ReportList({ initial }: { initial: ReportListItem[] }) {
  const { data } = useQuery({
    queryKey: reportsQueryKey,
    queryFn: fetchReports,
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.some((r) => r.status === 'running') ? 1000 : false),
  });
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="report-list">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">Generated</th>
            <th scope="col" className="px-3 py-2">Scope</th>
            <th scope="col" className="px-3 py-2">As of</th>
            <th scope="col" className="px-3 py-2">Status</th>
            <th scope="col" className="px-3 py-2">SHA-256</th>
            <th scope="col" className="px-3 py-2">Download</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {data.length === 0 ? (
            <tr>
              <td colSpan={6} className="px-3 py-8 text-center text-slate-600">
                No reports yet.
              </td>
            </tr>
          ) : null}
          {data.map((r) => (
            <tr key={r.id} data-testid="report-row" data-status={r.status}>
              <td className="whitespace-nowrap px-3 py-2">
                <div className="font-mono text-xs">{formatTime(r.createdAt)}</div>
                <div className="text-xs text-slate-600">{r.createdBy}</div>
              </td>
              <td className="max-w-xs px-3 py-2">
                <div>{r.scopeLabel}</div>
                <div className="text-xs text-slate-600">
                  {r.format.toUpperCase()} · baseline {r.baseline === 'tenant' ? 'tenant' : 'never extractable'}
                  {r.partitionCount !== null ? ` · ${r.partitionCount} partitions, ${r.deviatingCount ?? 0} deviating` : ''}
                </div>
              </td>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
                {formatTime(r.asOf)}
                <div className="font-sans text-slate-500">{r.timeZone}</div>
              </td>
              <td className="px-3 py-2">
                <Status report={r} />
              </td>
              <td className="px-3 py-2">
                {r.digest ? (
                  <code className="font-mono text-xs" title={r.digest} data-testid="report-digest">
                    {r.digest.slice(0, 16)}…
                  </code>
                ) : (
                  '—'
                )}
              </td>
              <td className="whitespace-nowrap px-3 py-2">
                {r.status === 'done' ? (
                  <div className="flex flex-col gap-0.5">
                    <a href={`/api/reports/${r.id}/download`} download className="font-medium text-brand-700 hover:underline" data-testid="report-download">
                      {r.format.toUpperCase()} ({size(r.byteSize)})
                    </a>
                    <a href={`/api/reports/${r.id}/signature`} download className="text-xs text-brand-700 hover:underline" data-testid="report-signature">
                      Signature (.sig)
                    </a>
                    <span className="text-xs text-slate-500">
                      {r.downloads} {r.downloads === 1 ? 'download' : 'downloads'}
                    </span>
                  </div>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
