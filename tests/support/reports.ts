import { createReportAction } from '@/lib/actions/create-report';
import { runWithSession } from '@/lib/auth/current';
import type { AppContext } from '@/lib/context';
import { reportJob } from '@/lib/services/report-job';
import { getReport, readChunk, type ReportRecord } from '@/lib/services/report-store';
import type { TestUser } from './context';

export function reportForm(fields: Record<string, string>): FormData {
  const form = new FormData();
  const all = { scope: 'all', baseline: 'never-extractable', format: 'csv', timeZone: 'UTC', ...fields };
  for (const [name, value] of Object.entries(all)) form.set(name, value);
  return form;
}

export function createReportAs(user: TestUser | null, fields: Record<string, string>) {
  return runWithSession(user?.sessionId ?? null, () => createReportAction(reportForm(fields)));
}

/** The stored file, chunk by chunk. */
export async function reportBytes(ctx: AppContext, record: ReportRecord): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for (let seq = 0; seq < (record.chunkCount ?? 0); seq++) {
    const chunk = await readChunk(ctx.db, record.id, seq);
    if (chunk) parts.push(chunk);
  }
  return Buffer.concat(parts);
}

/** Runs the real server action as `user`, waits for the background job, returns the finished report. */
export async function generate(ctx: AppContext, user: TestUser, fields: Record<string, string>) {
  const result = await createReportAs(user, fields);
  if (!result.ok) throw new Error(`report refused: ${result.error} ${JSON.stringify(result.fieldErrors ?? {})}`);
  await reportJob(result.data.id);
  const record = await getReport(ctx.db, result.data.id);
  if (!record || record.status !== 'done') throw new Error(`report ${result.data.id} did not finish: ${record?.status} ${record?.error}`);
  return { record, bytes: await reportBytes(ctx, record) };
}
