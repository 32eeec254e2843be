import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as downloadReport } from '@/app/api/reports/[id]/download/route';
import { GET as downloadSignature } from '@/app/api/reports/[id]/signature/route';
import { GET as downloadKey } from '@/app/api/reports/signing-key/route';
import { runWithSession } from '@/lib/auth/current';
import { listReportAudit } from '@/lib/services/report-audit';
import { makePartition, makeTenant, makeUser, testContext, type TestUser } from '../support/context';
import { generate } from '../support/reports';

type Ctx = Awaited<ReturnType<typeof testContext>>;
let ctx: Ctx;
let tenant: string;
let officer: TestUser;
let dir: string;

beforeAll(async () => {
  ctx = await testContext();
  tenant = await makeTenant(ctx);
  officer = await makeUser(ctx, 'security_officer', tenant);
  await makePartition(ctx, tenant, { name: 'ключи-платежей' });
  await makePartition(ctx, tenant, { name: 'payments-prod' });
  dir = mkdtempSync(path.join(tmpdir(), 'report-verify-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await ctx.db.close();
});

const params = (id: string) => ({ params: Promise.resolve({ id }) });

/** The README's command, exactly. */
function opensslVerify(file: string): { ok: boolean; output: string } {
  try {
    const output = execFileSync('openssl', ['dgst', '-sha256', '-verify', 'report-signing-key.pem', '-signature', 'report.sig', file], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { ok: true, output };
  } catch (error) {
    return { ok: false, output: String((error as { stdout?: string }).stdout ?? error) };
  }
}

describe('report signature', () => {
  it('verifies with the documented OpenSSL command, and fails after one byte of the file changes', async () => {
    const { record } = await generate(ctx, officer, { format: 'csv' });
    expect(record.digest).toMatch(/^[0-9a-f]{64}$/);

    const [file, signature, key] = await runWithSession(officer.sessionId, () =>
      Promise.all([downloadReport(new Request('http://x'), params(record.id)), downloadSignature(new Request('http://x'), params(record.id)), downloadKey()]),
    );
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="policy-report_[^"]*\.csv"; filename\*=UTF-8''policy-report_/);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.length).toBe(record.byteSize);
    writeFileSync(path.join(dir, 'report.csv'), bytes);
    writeFileSync(path.join(dir, 'report.sig'), Buffer.from(await signature.arrayBuffer()));
    const pem = Buffer.from(await key.arrayBuffer()).toString();
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    writeFileSync(path.join(dir, 'report-signing-key.pem'), pem);

    const good = opensslVerify('report.csv');
    expect(good).toEqual({ ok: true, output: 'Verified OK\n' });

    // The fingerprint shown in the console is SHA-256 over the key's DER form.
    const der = execFileSync('openssl', ['pkey', '-pubin', '-in', 'report-signing-key.pem', '-outform', 'DER'], { cwd: dir });
    const fingerprint = execFileSync('openssl', ['dgst', '-sha256', '-r'], { input: der, encoding: 'utf8' }).split(' ')[0];
    expect(fingerprint).toBe((await ctx.hsm.admin.reportSigningKey()).fingerprint);
    expect(record.keyFingerprint).toBe(fingerprint);

    const tampered = readFileSync(path.join(dir, 'report.csv'));
    tampered[tampered.length - 5] = (tampered[tampered.length - 5] ?? 0) ^ 0x01;
    writeFileSync(path.join(dir, 'tampered.csv'), tampered);
    const bad = opensslVerify('tampered.csv');
    expect(bad.ok).toBe(false);
    expect(bad.output).toContain('Verification failure');
  });

  it('every download is audited: who, which report, when', async () => {
    const { record } = await generate(ctx, officer, { format: 'json' });
    await runWithSession(officer.sessionId, () => downloadReport(new Request('http://x'), params(record.id)));
    const audit = await listReportAudit(ctx.db, { tenantId: tenant, actions: ['report.download'] });
    const mine = audit.filter((a) => a.reportId === record.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ actorName: `User ${officer.id}`, actorRole: 'security_officer', fileName: record.fileName });
  });

  it('the signing key lives in the HSM key store, not in the console tables', async () => {
    const consoleTables = await ctx.db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name ~ '(private|secret|signing)_(der|key|pem)'",
    );
    expect(consoleTables).toEqual([]);
    const [stored] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM hsm.signing_keys');
    expect(stored?.n).toBe(1);
  });
});
