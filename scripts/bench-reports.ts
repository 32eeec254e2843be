/**
 * Report generation over a large fleet: time, size and peak memory per format.
 * Usage: npm run bench:reports [-- PARTITIONS [FORMATS]] (default 10000 csv,json,pdf). Runs on an in-memory
 * embedded store seeded with the bench's fleet (lib/seed/fleet.ts) (whose WASM heap is most of the RSS). "live heap" is sampled after a forced GC every
 * 250 ms (the npm script passes --expose-gc), so it shows what the job keeps, not what it leaves for GC.
 */
import { createContext } from '../lib/context';
import { DEFAULT_FLEET, seedFleet } from '../lib/seed/fleet';
import { createSession, resolveActor } from '../lib/auth/sessions';
import { reportJob } from '../lib/services/report-job';
import { getReport } from '../lib/services/report-store';
import { createReport } from '../lib/services/reports';
import type { ReportFormat } from '../lib/reports/types';

const count = Number(process.argv[2] ?? 10_000);
const formats = (process.argv[3] ?? 'csv,json,pdf').split(',') as ReportFormat[];
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function main() {
  const ctx = await createContext({ database: 'memory://', seedDemo: false });
  const seeded = Date.now();
  // The same fleet as `npm run bench`: a year of history, so most partitions changed within the period.
  await seedFleet(ctx.db, { ...DEFAULT_FLEET, partitions: count, tenants: Math.min(DEFAULT_FLEET.tenants, count), keys: count * 20, changes: count * 10 }, { id: 'fleet', name: 'Fleet Seed', role: 'security_officer' });
  console.log(`seeded in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
  await ctx.db.query("INSERT INTO users (id, email, name, role, tenant_id) VALUES ('bench', 'bench@example', 'Bench', 'compliance', NULL)");
  const actor = await resolveActor(ctx.db, await createSession(ctx.db, 'bench'));
  if (!actor) throw new Error('no actor');
  await ctx.hsm.admin.reportSigningKey();

  console.log(`${count} partitions`);
  console.log(`format | time    | file       | chunks | peak RSS   | ${global.gc ? 'live heap ' : 'peak heap '} | RSS growth`);
  for (const format of formats) {
    global.gc?.();
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    const sampler = setInterval(() => {
      global.gc?.();
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    }, 250);
    const started = Date.now();
    const result = await createReport(ctx, actor, { scope: { kind: 'all' }, asOf: null, periodFrom: null, baseline: 'never-extractable', format, timeZone: 'UTC' });
    if (!result.ok) throw new Error(result.error);
    await reportJob(result.data.id);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    clearInterval(sampler);
    const report = await getReport(ctx.db, result.data.id);
    if (report?.status !== 'done') throw new Error(`${format}: ${report?.status} ${report?.error}`);
    console.log(
      `${format.padEnd(6)} | ${`${seconds} s`.padEnd(7)} | ${mib(report.byteSize ?? 0).padEnd(10)} | ${String(report.chunkCount).padEnd(6)} | ${mib(peakRss).padEnd(10)} | ${mib(peakHeap).padEnd(10)} | ${mib(peakRss - base.rss)}`,
    );
  }
  await ctx.db.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
