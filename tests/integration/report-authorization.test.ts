import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as downloadReport } from '@/app/api/reports/[id]/download/route';
import { GET as downloadSignature } from '@/app/api/reports/[id]/signature/route';
import { GET as listReportsRoute } from '@/app/api/reports/route';
import { saveBaselineAction } from '@/lib/actions/save-baseline';
import { runWithSession } from '@/lib/auth/current';
import type { Role } from '@/lib/auth/roles';
import { makePartition, makeTenant, makeUser, testContext, type TestUser } from '../support/context';
import { securityLogFor } from '../support/store';
import { createReportAs, generate } from '../support/reports';

type Ctx = Awaited<ReturnType<typeof testContext>>;
let ctx: Ctx;
let tenant: string;
let otherTenant: string;
let auditor: TestUser;
let otherAuditor: TestUser;
let ownPartition: string;
let foreignPartition: string;

beforeAll(async () => {
  ctx = await testContext();
  tenant = await makeTenant(ctx);
  otherTenant = await makeTenant(ctx);
  auditor = await makeUser(ctx, 'compliance', tenant);
  otherAuditor = await makeUser(ctx, 'compliance', otherTenant);
  ownPartition = (await makePartition(ctx, tenant)).id;
  foreignPartition = (await makePartition(ctx, otherTenant)).id;
});
afterAll(async () => {
  await ctx.db.close();
});

const params = (id: string) => ({ params: Promise.resolve({ id }) });
// Counted per requester: on a shared Postgres test database other files generate reports at the same time.
const reportsBy = async (user: TestUser) =>
  (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports WHERE created_by = $1', [user.id]))[0]?.n ?? 0;

describe('who may create and download reports', () => {
  it.each(['viewer', 'partition_admin', 'support'] as Role[])('%s can neither create nor download a report', async (role) => {
    const user = await makeUser(ctx, role, role === 'support' ? null : tenant);
    const { record } = await generate(ctx, auditor, { format: 'csv' });
    const created = await createReportAs(user, { scope: 'all' });
    expect(created).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await reportsBy(user)).toBe(0);
    const [file, signature, list] = await runWithSession(user.sessionId, () =>
      Promise.all([downloadReport(new Request('http://x'), params(record.id)), downloadSignature(new Request('http://x'), params(record.id)), listReportsRoute()]),
    );
    expect([file.status, signature.status, list.status]).toEqual([403, 403, 403]);
    expect((await securityLogFor(ctx, user.id, 'report.create'))[0]?.reason).toContain('lacks report.create');
    expect((await securityLogFor(ctx, user.id, 'report.download'))[0]?.reason).toContain('lacks report.read');
  });

  it('compliance of one tenant cannot report on another tenant or its partitions; nothing is stored', async () => {
    const before = await reportsBy(auditor);
    const byTenant = await createReportAs(auditor, { scope: 'tenant', tenantId: otherTenant });
    expect(byTenant).toMatchObject({ ok: false, code: 'not-found' });
    const byPartition = await createReportAs(auditor, { scope: 'partitions', partitionIds: `${ownPartition}, ${foreignPartition}` });
    expect(byPartition).toMatchObject({ ok: false, code: 'not-found' });
    expect(await reportsBy(auditor)).toBe(before);
    const log = await securityLogFor(ctx, auditor.id, 'report.create');
    expect(log.map((l) => l.target)).toEqual(expect.arrayContaining([`tenant:${otherTenant}`, foreignPartition]));
  });

  it('"all partitions" of a tenant user covers its own tenant only', async () => {
    const { bytes } = await generate(ctx, auditor, { format: 'json' });
    const ids = (JSON.parse(bytes.toString('utf8')) as { partitions: { id: string }[] }).partitions.map((p) => p.id);
    expect(ids).toContain(ownPartition);
    expect(ids).not.toContain(foreignPartition);
  });

  it("another tenant's report is not found, nor listed", async () => {
    const { record } = await generate(ctx, otherAuditor, { format: 'csv' });
    const [file, list] = await runWithSession(auditor.sessionId, () =>
      Promise.all([downloadReport(new Request('http://x'), params(record.id)), listReportsRoute()]),
    );
    expect(file.status).toBe(404);
    const listed = (await list.json()) as { reports: { id: string }[] };
    expect(listed.reports.map((r) => r.id)).not.toContain(record.id);
    const downloads = await ctx.db.query('SELECT 1 FROM report_audit WHERE report_id = $1 AND action = $2', [record.id, 'report.download']);
    expect(downloads).toEqual([]);
  });

  it('only a security officer saves the tenant baseline; compliance changes nothing', async () => {
    const form = new FormData();
    form.set('keyExport', 'false');
    const denied = await runWithSession(auditor.sessionId, () => saveBaselineAction(form));
    expect(denied).toMatchObject({ ok: false, code: 'forbidden' });
    const officer = await makeUser(ctx, 'security_officer', tenant);
    const saved = await runWithSession(officer.sessionId, () => saveBaselineAction(form));
    expect(saved).toMatchObject({ ok: true, data: { policy: { keyExport: false } } });
    const { bytes } = await generate(ctx, auditor, { format: 'json', baseline: 'tenant' });
    const report = JSON.parse(bytes.toString('utf8')) as { partitions: { baseline: { policy: object } | null; deviations: unknown[] }[] };
    expect(report.partitions[0]?.baseline?.policy).toEqual({ keyExport: false });
    expect(report.partitions[0]?.deviations).toEqual([]);
  });
});
