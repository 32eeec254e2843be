import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePartition, makeTenant, makeUser, testContext, type TestUser } from '../support/context';
import { generate } from '../support/reports';

type Ctx = Awaited<ReturnType<typeof testContext>>;
let ctx: Ctx;
let tenant: string;
let auditor: TestUser;
const FORMULA = '=HYPERLINK("http://x","y")';

beforeAll(async () => {
  ctx = await testContext();
  tenant = await makeTenant(ctx);
  auditor = await makeUser(ctx, 'compliance', tenant);
  await makePartition(ctx, tenant, { name: FORMULA, policy: { keyExport: true } });
  await makePartition(ctx, tenant, { name: '+cmd|calc', policy: {} });
  await makePartition(ctx, tenant, { name: 'plain, "quoted" name' });
});
afterAll(async () => {
  await ctx.db.close();
});

describe('report formats', () => {
  it('CSV: UTF-8 with BOM, the time zone in the header, formula-like names neutralised, ISO times with offset', async () => {
    const { record, bytes } = await generate(ctx, auditor, { format: 'csv', timeZone: 'Europe/Berlin' });
    expect(record.fileName).toMatch(/\.csv$/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const [header, ...lines] = text.trimEnd().split('\r\n');
    expect(header).toContain('created_at (Europe/Berlin)');
    expect(header).toContain('as_of (Europe/Berlin)');
    expect(lines).toHaveLength(3);
    // Neutralised with a leading apostrophe, then quoted because it holds quotes and commas.
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(text).toContain(",'+cmd|calc,");
    expect(text).toContain('"plain, ""quoted"" name"');
    expect(text).toMatch(/,\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00,/);
    const formulaLine = lines.find((l) => l.includes('HYPERLINK')) ?? '';
    expect(formulaLine).toContain('Key Export: Allowed (baseline: Not allowed)');
  });

  it('JSON: versioned, the same name unchanged, deviations and summary', async () => {
    const { bytes } = await generate(ctx, auditor, { format: 'json' });
    const report = JSON.parse(bytes.toString('utf8')) as {
      schemaVersion: string;
      report: { timeZone: string; asOf: string; baseline: { id: string } };
      partitions: { name: string; policy: Record<string, boolean>; deviations: { policy: string }[] }[];
      summary: { partitions: number; deviating: number };
    };
    expect(report.schemaVersion).toBe('1.0');
    expect(report.report.timeZone).toBe('UTC');
    expect(report.report.asOf).toMatch(/\+00:00$/);
    expect(report.report.baseline.id).toBe('never-extractable');
    const names = report.partitions.map((p) => p.name);
    expect(names).toContain(FORMULA);
    expect(names).toContain('+cmd|calc');
    const formula = report.partitions.find((p) => p.name === FORMULA);
    expect(formula?.policy.keyExport).toBe(true);
    // The default policy allows import, and the formula partition also allows export.
    expect(formula?.deviations.map((d) => d.policy).sort()).toEqual(['keyExport', 'keyImport']);
    expect(report.summary).toEqual({ partitions: 3, deviating: 3, changes: 0 });
  });
});
