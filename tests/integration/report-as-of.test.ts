import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePolicyAction } from '@/lib/actions/change-policy';
import { runWithSession } from '@/lib/auth/current';
import { provisionPartition } from '@/lib/hsm/emulator/provision';
import { makeTenant, makeUser, testContext, type TestUser } from '../support/context';
import { policyForm } from '../support/forms';
import { generate } from '../support/reports';

type Ctx = Awaited<ReturnType<typeof testContext>>;
let ctx: Ctx;
let tenant: string;
let officer: TestUser;
let auditor: TestUser;
let partitionId: string;
let beforeChange: string;

type JsonReport = {
  report: { asOf: string };
  partitions: { id: string; policyVersion: number; policy: Record<string, boolean>; changes: { policy: string; by: string; reason: string | null }[] }[];
};

beforeAll(async () => {
  ctx = await testContext();
  tenant = await makeTenant(ctx);
  officer = await makeUser(ctx, 'security_officer', tenant);
  auditor = await makeUser(ctx, 'compliance', tenant);
  const created = await provisionPartition(ctx.emulator.db, {
    tenantId: tenant,
    name: 'as-of-subject',
    createdAt: new Date(Date.now() - 10 * 86_400_000).toISOString(),
  });
  partitionId = created.id;
  beforeChange = new Date(Date.now() - 60_000).toISOString();
  const changed = await runWithSession(officer.sessionId, () =>
    changePolicyAction(
      policyForm({ partitionId, expectedVersion: 1, keyExport: 'true', confirm: 'exfiltration', reason: 'Escrow migration, change 881' }),
    ),
  );
  expect(changed.ok).toBe(true);
});
afterAll(async () => {
  await ctx.db.close();
});

describe('"as of" reports', () => {
  it('a report as of a time before the change shows the old value and version', async () => {
    const { bytes } = await generate(ctx, auditor, { format: 'json', asOf: beforeChange });
    const report = JSON.parse(bytes.toString('utf8')) as JsonReport;
    const row = report.partitions.find((p) => p.id === partitionId);
    expect(row?.policy.keyExport).toBe(false);
    expect(row?.policyVersion).toBe(1);
    expect(row?.changes).toEqual([]);
  });

  it('a report as of now shows the new value, and the change in the period with who and why', async () => {
    const { bytes } = await generate(ctx, auditor, { format: 'json' });
    const row = (JSON.parse(bytes.toString('utf8')) as JsonReport).partitions.find((p) => p.id === partitionId);
    expect(row?.policy.keyExport).toBe(true);
    expect(row?.policyVersion).toBe(2);
    expect(row?.changes).toMatchObject([{ policy: 'keyExport', by: `User ${officer.id}`, reason: 'Escrow migration, change 881' }]);
  });

  it('partitions created after the "as of" time are left out', async () => {
    const asOf = new Date(Date.now() - 20 * 86_400_000).toISOString();
    const { record, bytes } = await generate(ctx, auditor, { format: 'json', asOf, periodFrom: new Date(Date.now() - 30 * 86_400_000).toISOString() });
    expect((JSON.parse(bytes.toString('utf8')) as JsonReport).partitions).toEqual([]);
    expect(record.partitionCount).toBe(0);
  });

  it('a datetime-local "as of" is read in the chosen time zone', async () => {
    const { record } = await generate(ctx, auditor, { format: 'csv', asOf: '2026-06-01T12:00', timeZone: 'Europe/Berlin' });
    expect(record.asOf).toBe('2026-06-01T10:00:00.000Z');
  });
});
