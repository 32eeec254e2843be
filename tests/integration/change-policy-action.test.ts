import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePolicyAction } from '@/lib/actions/change-policy';
import { runWithSession } from '@/lib/auth/current';
import { HsmError } from '@/lib/hsm/types';
import { listAudit } from '@/lib/services/audit';
import { makePartition, makeTenant, makeUser, testContext, type TestUser } from '../support/context';
import { policyForm } from '../support/forms';
import { securityLogFor, storeSnapshot } from '../support/store';

type Ctx = Awaited<ReturnType<typeof testContext>>;
let ctx: Ctx;
let tenant: string;
let otherTenant: string;
let officer: TestUser;

beforeAll(async () => {
  ctx = await testContext();
  tenant = await makeTenant(ctx);
  otherTenant = await makeTenant(ctx);
  officer = await makeUser(ctx, 'security_officer', tenant);
});
afterAll(async () => {
  await ctx.db.close();
});

function act(user: TestUser | null, form: FormData) {
  return runWithSession(user?.sessionId ?? null, () => changePolicyAction(form));
}

describe('changePolicyAction', () => {
  it('a security officer disables Object Usage with confirmation; audit has intent and outcome; the HSM then refuses sign', async () => {
    const p = await makePartition(ctx, tenant, { keys: [{ label: 'sig', type: 'EC', size: 256 }] });
    const result = await act(
      officer,
      policyForm({
        partitionId: p.id,
        expectedVersion: 1,
        objectUsage: 'false',
        confirm: 'outage',
        reason: 'Incident 77: suspected key misuse',
        typedName: p.name,
      }),
    );
    expect(result).toMatchObject({ ok: true, data: { version: 2 } });
    expect((await ctx.hsm.admin.getPartition(p.id))?.policy.objectUsage).toBe(false);

    const rows = await ctx.db.query<{ phase: string; outcome: string | null; reason: string; actor_role: string }>(
      'SELECT phase, outcome, reason, actor_role FROM audit_events WHERE partition_id = $1 ORDER BY id',
      [p.id],
    );
    expect(rows).toEqual([
      { phase: 'intent', outcome: null, reason: 'Incident 77: suspected key misuse', actor_role: 'security_officer' },
      { phase: 'outcome', outcome: 'applied', reason: 'Incident 77: suspected key misuse', actor_role: 'security_officer' },
    ]);
    const [entry] = await listAudit(ctx.db, { partitionId: p.id });
    expect(entry).toMatchObject({ policy: 'objectUsage', before: true, after: false, outcome: 'applied' });

    const error = await ctx.hsm.client.sign(p.id, p.clientId, p.keyIds[0]?.[0] as string, Buffer.from('x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HsmError);
    expect((error as HsmError).reasons[0]?.code).toBe('USAGE_DISABLED');
  });

  it('refuses a confirm-class change without the explicit confirmation, reason and typed name', async () => {
    const p = await makePartition(ctx, tenant);
    const before = await storeSnapshot(ctx, p.id);
    const result = await act(officer, policyForm({ partitionId: p.id, expectedVersion: 1, clientApiAccess: 'false' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('invalid');
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(['confirm', 'reason', 'typedName']);
    expect(await storeSnapshot(ctx, p.id)).toEqual(before);
    const wrongName = await act(
      officer,
      policyForm({ partitionId: p.id, expectedVersion: 1, clientApiAccess: 'false', confirm: 'outage', reason: 'r', typedName: 'nope' }),
    );
    expect(wrongName.ok).toBe(false);
    expect(await storeSnapshot(ctx, p.id)).toEqual(before);
    expect((await securityLogFor(ctx, officer.id, 'policy.change')).length).toBeGreaterThanOrEqual(2);
  });

  it('a viewer calling the action directly is denied, nothing changes, and the attempt is logged', async () => {
    const viewer = await makeUser(ctx, 'viewer', tenant);
    const p = await makePartition(ctx, tenant);
    const before = await storeSnapshot(ctx, p.id);
    const result = await act(viewer, policyForm({ partitionId: p.id, expectedVersion: 1, keyImport: 'false' }));
    expect(result).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await storeSnapshot(ctx, p.id)).toEqual(before);
    const log = await securityLogFor(ctx, viewer.id, 'changePolicy');
    expect(log[0]?.reason).toContain('denied');
  });

  it('a partition admin may relax but not tighten: an unsafe change needs a security officer', async () => {
    const admin = await makeUser(ctx, 'partition_admin', tenant);
    const p = await makePartition(ctx, tenant, { policy: { keyExport: true } });
    const safe = await act(admin, policyForm({ partitionId: p.id, expectedVersion: 1, keyExport: 'false' }));
    expect(safe).toMatchObject({ ok: true, data: { version: 2 } });
    const before = await storeSnapshot(ctx, p.id);
    const unsafe = await act(
      admin,
      policyForm({ partitionId: p.id, expectedVersion: 2, keyInvalidation: 'false', confirm: 'irreversible-data', reason: 'r' }),
    );
    expect(unsafe).toMatchObject({ ok: false, code: 'forbidden', error: 'This change needs a security officer.' });
    expect(await storeSnapshot(ctx, p.id)).toEqual(before);
  });

  it('two saves against the same version: one applies, the other is refused naming the change and who made it', async () => {
    const other = await makeUser(ctx, 'security_officer', tenant);
    const p = await makePartition(ctx, tenant);
    const first = await act(officer, policyForm({ partitionId: p.id, expectedVersion: 1, sessionObjects: 'false', confirm: 'workflow-breaking', reason: 'a' }));
    const second = await act(other, policyForm({ partitionId: p.id, expectedVersion: 1, keyExport: 'true', confirm: 'exfiltration', reason: 'b' }));
    expect(first.ok).toBe(true);
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.code).toBe('conflict');
    expect(second.details?.changes).toEqual([
      expect.objectContaining({ policy: 'sessionObjects', from: true, to: false, by: `User ${officer.id}`, role: 'security_officer' }),
    ]);
    expect(second.error).toContain('Session Objects was set to disabled');
    const partition = await ctx.hsm.admin.getPartition(p.id);
    expect(partition?.policy.keyExport).toBe(false);
    expect(partition?.version).toBe(2);
  });

  it('two tabs making the same change: the second is a conflict naming the first, not "already disabled"; the same form on the current version is', async () => {
    const other = await makeUser(ctx, 'security_officer', tenant);
    const p = await makePartition(ctx, tenant);
    const form = { partitionId: p.id, expectedVersion: 1, sessionObjects: 'false', confirm: 'workflow-breaking', reason: 'a' } as const;
    expect((await act(officer, policyForm(form))).ok).toBe(true);
    const second = await act(other, policyForm(form));
    expect(second).toMatchObject({ ok: false, code: 'conflict' });
    if (second.ok) return;
    expect(second.details?.changes).toEqual([
      expect.objectContaining({ policy: 'sessionObjects', from: true, to: false, by: `User ${officer.id}`, role: 'security_officer' }),
    ]);
    expect(second.error).toContain('Session Objects was set to disabled');
    // A request against the current version that changes nothing is told so.
    const direct = await act(other, policyForm({ ...form, expectedVersion: 2 }));
    expect(direct).toMatchObject({ ok: false, code: 'invalid', error: 'Session Objects is already disabled.' });
    expect((await ctx.hsm.admin.getPartition(p.id))?.version).toBe(2);
  });

  it('a stale form for a change the actor may not make is refused as forbidden, without the conflict’s details', async () => {
    const admin = await makeUser(ctx, 'partition_admin', tenant);
    const p = await makePartition(ctx, tenant);
    expect((await act(officer, policyForm({ partitionId: p.id, expectedVersion: 1, sessionObjects: 'false', confirm: 'workflow-breaking', reason: 'a' }))).ok).toBe(true);
    const stale = await act(admin, policyForm({ partitionId: p.id, expectedVersion: 1, sessionObjects: 'false', confirm: 'workflow-breaking', reason: 'b' }));
    expect(stale).toMatchObject({ ok: false, code: 'forbidden' });
    expect(JSON.stringify(stale)).not.toContain(officer.id);
  });

  it('a change made outside the console is named as such in the conflict', async () => {
    const p = await makePartition(ctx, tenant);
    await ctx.hsm.admin.setPolicy({
      partitionId: p.id,
      policy: 'keyImport',
      value: false,
      expectedVersion: 1,
      idempotencyKey: crypto.randomUUID(),
      actor: 'lunacm:so',
    });
    const result = await act(officer, policyForm({ partitionId: p.id, expectedVersion: 1, keyExport: 'true', confirm: 'exfiltration', reason: 'b' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.details?.changes[0]?.by).toBe('changed outside the console');
  });

  it('a replayed submission applies once and writes one intent and one outcome', async () => {
    const p = await makePartition(ctx, tenant, { policy: { keyImport: false } });
    const form = policyForm({ partitionId: p.id, expectedVersion: 1, keyImport: 'true', confirm: 'exfiltration', reason: 'BYOK onboarding' });
    const results = await Promise.all([act(officer, form), act(officer, form)]);
    const third = await act(officer, form);
    for (const r of [...results, third]) expect(r.ok).toBe(true);
    expect(third).toMatchObject({ data: { replayed: true } });
    const [counts] = await ctx.db.query<{ intents: number; outcomes: number }>(
      `SELECT count(*) FILTER (WHERE phase = 'intent')::int AS intents, count(*) FILTER (WHERE phase = 'outcome')::int AS outcomes
         FROM audit_events WHERE partition_id = $1`,
      [p.id],
    );
    expect(counts).toEqual({ intents: 1, outcomes: 1 });
    expect((await ctx.hsm.admin.getPartition(p.id))?.version).toBe(2);
  });

  it('a foreign partition answers "not found" and is not touched', async () => {
    const foreign = await makePartition(ctx, otherTenant);
    const before = await storeSnapshot(ctx, foreign.id);
    const result = await act(officer, policyForm({ partitionId: foreign.id, expectedVersion: 1, keyImport: 'false' }));
    expect(result).toMatchObject({ ok: false, code: 'not-found', error: 'No such partition.' });
    expect(await storeSnapshot(ctx, foreign.id)).toEqual(before);
  });

  it('without a session the action is refused and logged', async () => {
    const p = await makePartition(ctx, tenant);
    const before = await storeSnapshot(ctx, p.id);
    const result = await act(null, policyForm({ partitionId: p.id, expectedVersion: 1, keyImport: 'false' }));
    expect(result).toMatchObject({ ok: false, code: 'unauthenticated' });
    expect(await storeSnapshot(ctx, p.id)).toEqual(before);
  });

  it('a revoked session or a demoted user loses rights at once', async () => {
    const user = await makeUser(ctx, 'security_officer', tenant);
    const p = await makePartition(ctx, tenant, { policy: { keyExport: true } });
    await ctx.db.query("UPDATE users SET role = 'viewer' WHERE id = $1", [user.id]);
    const demoted = await act(user, policyForm({ partitionId: p.id, expectedVersion: 1, keyExport: 'false' }));
    expect(demoted).toMatchObject({ ok: false, code: 'forbidden' });
    await ctx.db.query("UPDATE users SET role = 'security_officer' WHERE id = $1", [user.id]);
    await ctx.db.query('UPDATE sessions SET revoked_at = now() WHERE id = $1', [user.sessionId]);
    const revoked = await act(user, policyForm({ partitionId: p.id, expectedVersion: 1, keyExport: 'false' }));
    expect(revoked).toMatchObject({ ok: false, code: 'unauthenticated' });
    expect((await ctx.hsm.admin.getPartition(p.id))?.policy.keyExport).toBe(true);
  });

  it('FormData: "maybe" is a field error; two policies at once are refused; an absent policy is unchanged', async () => {
    const p = await makePartition(ctx, tenant);
    const before = await storeSnapshot(ctx, p.id);
    const maybe = await act(officer, policyForm({ partitionId: p.id, expectedVersion: 1, keyImport: 'maybe' }));
    expect(maybe).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { keyImport: [expect.stringContaining('not true or false')] } });
    const two = await act(officer, policyForm({ partitionId: p.id, expectedVersion: 1, keyImport: 'false', keyExport: 'false' }));
    expect(two).toMatchObject({ ok: false, code: 'invalid' });
    expect(await storeSnapshot(ctx, p.id)).toEqual(before);
    for (const off of ['false', 'off', '0', '']) {
      const q = await makePartition(ctx, tenant);
      const result = await act(officer, policyForm({ partitionId: q.id, expectedVersion: 1, keyImport: off }));
      expect(result.ok).toBe(true);
      const after = await ctx.hsm.admin.getPartition(q.id);
      expect(after?.policy).toMatchObject({ keyImport: false, keyExport: false, readOnly: false, objectUsage: true });
    }
  });

  it('support may take a partition offline with reason and ticket, but may not change any other policy', async () => {
    const support = await makeUser(ctx, 'support', null);
    const p = await makePartition(ctx, otherTenant);
    const noTicket = await act(
      support,
      policyForm({ partitionId: p.id, expectedVersion: 1, clientApiAccess: 'false', confirm: 'outage', reason: 'maintenance', typedName: p.name }),
    );
    expect(noTicket).toMatchObject({ ok: false, fieldErrors: { ticket: expect.any(Array) } });
    const offline = await act(
      support,
      policyForm({
        partitionId: p.id,
        expectedVersion: 1,
        clientApiAccess: 'false',
        confirm: 'outage',
        reason: 'maintenance',
        typedName: p.name,
        ticket: 'SUP-1',
      }),
    );
    expect(offline.ok).toBe(true);
    const before = await storeSnapshot(ctx, p.id);
    const other = await act(support, policyForm({ partitionId: p.id, expectedVersion: 2, keyImport: 'false' }));
    expect(other).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await storeSnapshot(ctx, p.id)).toEqual(before);
  });

  it('the longest name, reason and ticket there can be still write the applied outcome (the covering index holds them)', async () => {
    const p = await makePartition(ctx, tenant);
    const longest = await makeUser(ctx, 'security_officer', tenant);
    // Three-byte characters that do not compress, each field at its limit: the largest leaf tuple of
    // audit_applied_version.
    const cjk = (n: number, seed: number) => Array.from({ length: n }, (_, i) => String.fromCodePoint(0x4e00 + ((i + seed) * 7919) % 20000)).join('');
    await ctx.db.query('UPDATE users SET name = $2 WHERE id = $1', [longest.id, cjk(200, 1)]);
    const result = await act(
      longest,
      policyForm({
        partitionId: p.id,
        expectedVersion: 1,
        objectUsage: 'false',
        confirm: 'outage',
        reason: cjk(500, 2),
        ticket: cjk(64, 3),
        typedName: p.name,
      }),
    );
    expect(result).toMatchObject({ ok: true, data: { version: 2 } });
    const rows = await ctx.db.query<{ phase: string; outcome: string | null }>(
      'SELECT phase, outcome FROM audit_events WHERE partition_id = $1 ORDER BY id',
      [p.id],
    );
    expect(rows).toEqual([
      { phase: 'intent', outcome: null },
      { phase: 'outcome', outcome: 'applied' },
    ]);
    const tooLong = await ctx.db.query('UPDATE users SET name = $2 WHERE id = $1', [longest.id, 'x'.repeat(201)]).catch((e: unknown) => e);
    expect(String(tooLong)).toMatch(/users_name_length/);
  });

  it('compliance reads but cannot change', async () => {
    const auditor = await makeUser(ctx, 'compliance', null);
    const p = await makePartition(ctx, tenant);
    const before = await storeSnapshot(ctx, p.id);
    const result = await act(auditor, policyForm({ partitionId: p.id, expectedVersion: 1, keyImport: 'false' }));
    expect(result).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await storeSnapshot(ctx, p.id)).toEqual(before);
  });
});
