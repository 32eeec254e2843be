import type { ReportRecord, ReportStatus } from './report-store';

/** What the reports list shows (and polls): no signature bytes, nothing the user may not see. */
export type ReportListItem = {
  id: string;
  createdAt: string;
  createdBy: string;
  createdByRole: string;
  scopeLabel: string;
  asOf: string;
  timeZone: string;
  baseline: string;
  format: string;
  fileName: string;
  status: ReportStatus;
  progress: { done: number; total: number };
  /** When the job ended (done or failed), by the server's clock. */
  finishedAt: string | null;
  partitionCount: number | null;
  deviatingCount: number | null;
  byteSize: number | null;
  digest: string | null;
  error: string | null;
  downloads: number;
};

export function toListItem(r: ReportRecord): ReportListItem {
  return {
    id: r.id,
    createdAt: r.createdAt,
    createdBy: r.createdBy.name,
    createdByRole: r.createdBy.role,
    scopeLabel: r.scopeLabel,
    asOf: r.asOf,
    timeZone: r.timeZone,
    baseline: r.baseline,
    format: r.format,
    fileName: r.fileName,
    status: r.status,
    progress: r.progress,
    finishedAt: r.finishedAt,
    partitionCount: r.partitionCount,
    deviatingCount: r.deviatingCount,
    byteSize: r.byteSize,
    digest: r.digest,
    error: r.error,
    downloads: r.downloads,
  };
}
