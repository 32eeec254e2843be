import type { ReportMeta, ReportRow, ReportSummary } from './types';

/** Where a writer's bytes go: `push` never blocks (PDFKit emits data synchronously), `drain` waits for storage. */
export interface ByteSink {
  push(data: string | Uint8Array): void;
  drain(): Promise<void>;
}

/** The partitions in scope, a page at a time; each call of `pages()` reads them again from the backend. */
export interface RowSource {
  pages(): AsyncIterable<ReportRow[]>;
}

/** Turns the rows into one file format, writing as it goes: never the whole report in memory. */
export interface ReportWriter {
  /** How many times `write` reads the source (for progress). */
  readonly passes: number;
  readonly contentType: string;
  readonly extension: string;
  write(meta: ReportMeta, source: RowSource, out: ByteSink): Promise<ReportSummary>;
}

/** Counts as rows go by: a partition deviates when it has at least one deviation. */
export function tally(summary: ReportSummary, rows: readonly ReportRow[]): void {
  for (const row of rows) {
    summary.partitions += 1;
    if (row.deviations.length > 0) summary.deviating += 1;
    summary.changes += row.changes.length;
  }
}
