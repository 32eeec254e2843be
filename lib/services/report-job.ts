import type { AppContext } from '@/lib/context';
import { csvWriter } from '@/lib/reports/csv-writer';
import { jsonWriter } from '@/lib/reports/json-writer';
import type { ReportFormat, ReportMeta } from '@/lib/reports/types';
import type { ReportWriter } from '@/lib/reports/writer';
import { ChunkSink } from './report-sink';
import { reportSource, type SourcePlan } from './report-source';
import { failReport, finishReport, updateProgress } from './report-store';

/** PDFKit and its fonts load only when a PDF is asked for. */
export async function writerFor(format: ReportFormat): Promise<ReportWriter> {
  if (format === 'csv') return csvWriter;
  if (format === 'json') return jsonWriter;
  return (await import('@/lib/reports/pdf/writer')).pdfWriter;
}

/**
 * Generates one report: pages through the partitions, writing chunks to the store as it goes (and
 * hashing them, SHA-256); then has the HSM sign the digest, and marks the report done.
 * Progress (partitions written over partitions x passes) is kept on the report row for the UI.
 */
export async function generateReport(ctx: AppContext, meta: ReportMeta, format: ReportFormat, plan: SourcePlan): Promise<void> {
  const id = meta.id;
  try {
    const writer = await writerFor(format);
    const sink = new ChunkSink(ctx.db, id);
    let done = 0;
    const source = reportSource(ctx, plan, async (rows) => {
      done += rows;
      await updateProgress(ctx.db, id, done);
    });
    const summary = await writer.write(meta, source, sink);
    const { bytes, chunks, digest } = await sink.close();
    const signature = await ctx.hsm.admin.signReportDigest(digest);
    await finishReport(ctx.db, id, {
      partitions: summary.partitions,
      deviating: summary.deviating,
      bytes,
      chunks,
      digest: digest.toString('hex'),
      signature,
    });
  } catch (error) {
    console.error(`[report ${id}]`, error);
    await failReport(ctx.db, id, 'The report could not be generated. Try again; if it keeps failing, tell the provider.').catch(() => undefined);
  }
}

const holder = globalThis as typeof globalThis & { __reportJobs?: Map<string, Promise<void>> };

function jobs(): Map<string, Promise<void>> {
  return (holder.__reportJobs ??= new Map());
}

/** Runs the job in the background of this server process; the caller only waits for the row. */
export function startReportJob(ctx: AppContext, meta: ReportMeta, format: ReportFormat, plan: SourcePlan): void {
  const job = generateReport(ctx, meta, format, plan).finally(() => jobs().delete(meta.id));
  jobs().set(meta.id, job);
}

/** The running job of a report, if this process runs it (tests wait on it). */
export function reportJob(id: string): Promise<void> | undefined {
  return jobs().get(id);
}
