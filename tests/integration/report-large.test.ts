import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { reportJob } from '@/lib/services/report-job';
import { CHUNK_BYTES } from '@/lib/services/report-sink';
import { getReport, readChunk } from '@/lib/services/report-store';
import { makeTenant, makeUser, testContext, type TestUser } from '../support/context';
import { createReportAs, reportBytes } from '../support/reports';

type Ctx = Awaited<ReturnType<typeof testContext>>;
let ctx: Ctx;
let tenant: string;
let auditor: TestUser;
const FLEET = 10_000;

/** A fleet in one statement: the factories would take minutes for ten thousand partitions. */
async function provisionFleet(tenantId: string, count: number) {
  await ctx.emulator.db.query(
    `INSERT INTO hsm.partitions (id, tenant_id, name, package, capacity_objects, capacity_bytes, key_import, key_export,
        key_invalidation, read_only, session_objects, object_destruction, object_usage, client_api_access, created_at, updated_at)
     SELECT $1 || '-' || lpad(i::text, 5, '0'), $1, 'fleet-' || lpad(i::text, 5, '0'), 'standard', 1000, 2000000,
            i % 3 = 0, i % 7 = 0, true, i % 11 = 0, true, true, true, i % 13 <> 0, now() - interval '200 days',
            CASE WHEN i % 100 = 0 THEN now() - interval '1 day' ELSE now() - interval '200 days' END
       FROM generate_series(1, $2::int) AS i`,
    [tenantId, count],
  );
}

beforeAll(async () => {
  ctx = await testContext();
  tenant = await makeTenant(ctx);
  auditor = await makeUser(ctx, 'compliance', tenant);
  await provisionFleet(tenant, FLEET);
}, 120_000);
afterAll(async () => {
  await ctx.db.close();
});

describe('a report over 10,000 partitions', () => {
  it('pages through the backend, writes chunks while it runs, shows progress, then digests and signs', async () => {
    const listing = vi.spyOn(ctx.hsm.admin, 'listPartitionPolicies');
    const logs = vi.spyOn(ctx.hsm.admin, 'policyLogs');
    const singleLog = vi.spyOn(ctx.hsm.admin, 'policyLog');
    const started = await createReportAs(auditor, { format: 'csv' });
    if (!started.ok) throw new Error(started.error);
    const id = started.data.id;
    const job = reportJob(id);
    expect(job).toBeDefined();

    // Sample the report row while the job runs: progress moves and chunks are already stored.
    const seen: { done: number; total: number; chunks: number }[] = [];
    let finished = false;
    void job?.finally(() => {
      finished = true;
    });
    while (!finished) {
      const [row] = await ctx.db.query<{ progress_done: number; progress_total: number; chunks: number }>(
        'SELECT progress_done, progress_total, (SELECT count(*)::int FROM report_chunks WHERE report_id = $1) AS chunks FROM reports WHERE id = $1',
        [id],
      );
      if (row && !finished) seen.push({ done: row.progress_done, total: row.progress_total, chunks: row.chunks });
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await job;

    const record = await getReport(ctx.db, id);
    expect(record).toMatchObject({ status: 'done', partitionCount: FLEET, progress: { done: FLEET, total: FLEET } });
    const midway = seen.filter((s) => s.done > 0 && s.done < FLEET);
    expect(midway.length).toBeGreaterThan(0);
    expect(midway.some((s) => s.chunks > 0)).toBe(true);
    expect(new Set(seen.map((s) => s.done)).size).toBeGreaterThan(2);

    // Bounded: pages of at most 200 partitions, files in 64 KiB chunks.
    const calls = listing.mock.calls.map(([query]) => query.limit ?? 0);
    expect(Math.max(...calls)).toBeLessThanOrEqual(200);
    expect(calls.length).toBeGreaterThanOrEqual(FLEET / 200);
    const sizes = await ctx.db.query<{ n: number }>("SELECT length(decode(body, 'base64'))::int AS n FROM report_chunks WHERE report_id = $1", [id]);
    expect(Math.max(...sizes.map((s) => s.n))).toBeLessThanOrEqual(CHUNK_BYTES);
    expect(sizes.length).toBe(record?.chunkCount);
    expect(sizes.length).toBeGreaterThan(10);

    const bytes = await reportBytes(ctx, record!);
    expect(bytes.length).toBe(record?.byteSize);
    const lines = bytes.toString('utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(FLEET + 1);

    // The HSM's policy log is read once per page, for the partitions touched in the period only.
    expect(singleLog).not.toHaveBeenCalled();
    expect(logs.mock.calls.length).toBeLessThanOrEqual(calls.length);
    expect(logs.mock.calls.flatMap(([query]) => query.partitionIds)).toHaveLength(FLEET / 100);
    // The signature covers the stored bytes: the digest is the SHA-256 of what a download serves.
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(record?.digest);
  }, 180_000);

  it('reads chunks stored before they became base64 text (bytea) as they were', async () => {
    const [report] = await ctx.db.query<{ id: string }>('SELECT id FROM reports LIMIT 1');
    if (!report) throw new Error('the report of the test above is missing');
    const legacy = Buffer.from([0, 1, 2, 250, 255, 10, 13]);
    await ctx.db.query("INSERT INTO report_chunks (report_id, seq, data) VALUES ($1, 1000, $2)", [report.id, legacy]);
    expect(Buffer.from((await readChunk(ctx.db, report.id, 1000)) ?? [])).toEqual(legacy);
    await expect(ctx.db.query("INSERT INTO report_chunks (report_id, seq, data, body) VALUES ($1, 1001, $2, 'AA==')", [report.id, legacy])).rejects.toThrow();
  });
});
