import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeKeysAction } from '@/lib/actions/purge-keys';
import { restoreKeysAction } from '@/lib/actions/restore-keys';
import { runWithSession } from '@/lib/auth/current';
import type { Role } from '@/lib/auth/roles';
import { provisionKey } from '@/lib/hsm/emulator/provision';
import { resolveActor } from '@/lib/auth/sessions';
import { listAudit } from '@/lib/services/audit';
import { partitionBinView, tenantBinView, totalsView } from '@/lib/services/bin';
import { makePartition, makeTenant, makeUser, testContext, type TestUser } from '../support/context';
import { binForm, binSnapshot } from '../support/bin';
import { securityLogFor } from '../support/store';

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

const DAY = 86_400_000;

/** A partition whose bin holds AES keys "old-1", "old-2", "old-3" (invalidated by its first client), and one live key. */
async function binnedPartition(tenantId: string = tenant, policy = {}) {
  const p = await makePartition(ctx, tenantId, { policy, keys: [{ label: 'live', type: 'AES', size: 256 }] });
  const binnedBy = { clientId: p.clientId, at: new Date(Date.now() - 3 * DAY).toISOString() };
  const keys: string[] = [];
  for (const label of ['old-1', 'old-2', 'old-3']) {
    keys.push(...(await provisionKey(ctx.emulator.db, p.id, { label, type: 'AES', size: 256, binnedBy })));
  }
  const ref = (keyId: string) => ({ partitionId: p.id, keyId });
  return { ...p, live: p.keyIds[0]?.[0] as string, binned: keys as [string, string, string], ref };
}

function restore(user: TestUser | null, form: FormData) {
  return runWithSession(user?.sessionId ?? null, () => restoreKeysAction(form));
}

function purge(user: TestUser | null, form: FormData) {
  return runWithSession(user?.sessionId ?? null, () => purgeKeysAction(form));
}

async function binAudit(partitionId: string) {
  return ctx.db.query<{ phase: string; action: string; key_id: string; key_label: string | null; outcome: string | null; actor_role: string }>(
    `SELECT phase, action, key_id, key_label, outcome, actor_role FROM audit_events
      WHERE partition_id = $1 AND action LIKE 'bin.%' ORDER BY id`,
    [partitionId],
  );
}

describe('restoreKeysAction / purgeKeysAction as a security officer', () => {
  it('restores one key: it is live again and the audit records actor, role, key ID, label, partition and result', async () => {
    const p = await binnedPartition();
    const [first] = p.binned;
    const result = await restore(officer, binForm([p.ref(first)]));
    expect(result).toEqual({
      ok: true,
      data: {
        replayed: false,
        results: [{ partitionId: p.id, partitionName: p.name, keyId: first, label: 'old-1', status: 'restored', message: expect.any(String) }],
      },
    });
    expect((await ctx.hsm.client.listKeys(p.id, p.clientId)).map((k) => k.label)).toContain('old-1');
    const [entry] = await listAudit(ctx.db, { partitionId: p.id });
    expect(entry).toMatchObject({
      action: 'bin.restore',
      keyId: first,
      keyLabel: 'old-1',
      actorName: `User ${officer.id}`,
      actorRole: 'security_officer',
      partitionId: p.id,
      partitionName: p.name,
      outcome: 'applied',
    });
  });

  it('purges with the typed label; refuses without it, or with a wrong one, and changes nothing', async () => {
    const p = await binnedPartition();
    const [first] = p.binned;
    const before = await binSnapshot(ctx, p.id);
    for (const confirmation of [undefined, '', 'old-2', '1']) {
      const refused = await purge(officer, binForm([p.ref(first)], confirmation === undefined ? {} : { confirmation }));
      expect(refused).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { confirmation: [expect.stringContaining('"old-1"')] } });
    }
    expect(await binSnapshot(ctx, p.id)).toEqual(before);
    expect((await securityLogFor(ctx, officer.id, 'bin.purge')).at(-1)?.reason).toContain('refused');

    const done = await purge(officer, binForm([p.ref(first)], { confirmation: 'old-1' }));
    expect(done).toMatchObject({ ok: true, data: { results: [{ keyId: first, status: 'purged', label: 'old-1' }] } });
    const after = await ctx.hsm.admin.getPartition(p.id);
    expect(after?.binCount).toBe(2);
    expect(after?.capacity.usedObjects).toBe((before.capacity?.usedObjects ?? 0) - 1);
  });

  it('purges a selection with the count typed; the label of one key is not enough for several', async () => {
    const p = await binnedPartition();
    const refs = p.binned.map(p.ref);
    expect(await purge(officer, binForm(refs, { confirmation: 'old-1' }))).toMatchObject({
      ok: false,
      fieldErrors: { confirmation: ['Type the number of keys (3) to confirm.'] },
    });
    const done = await purge(officer, binForm(refs, { confirmation: '3' }));
    expect(done.ok && done.data.results.map((r) => r.status)).toEqual(['purged', 'purged', 'purged']);
    expect((await ctx.hsm.admin.getPartition(p.id))?.binCount).toBe(0);
    expect((await binAudit(p.id)).filter((r) => r.phase === 'outcome').map((r) => r.key_label)).toEqual(['old-1', 'old-2', 'old-3']);
  });

  it('partial failure: each key has its own result and audit record, and the failures say why', async () => {
    const p = await binnedPartition();
    const [first, second] = p.binned;
    await ctx.hsm.admin.purgeKeys({ partitionId: p.id, keyIds: [second], idempotencyKey: crypto.randomUUID(), actor: 'lunacm:so' });
    const result = await restore(officer, binForm([p.ref(first), p.ref(second), p.ref(p.live)]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.results).toEqual([
      expect.objectContaining({ keyId: first, status: 'restored', label: 'old-1' }),
      expect.objectContaining({ keyId: second, status: 'failed', label: null, message: expect.stringContaining('Not in this partition') }),
      expect.objectContaining({ keyId: p.live, status: 'failed', message: expect.stringContaining('Not in this partition') }),
    ]);
    const rows = await binAudit(p.id);
    expect(rows.filter((r) => r.phase === 'intent')).toHaveLength(3);
    expect(rows.filter((r) => r.phase === 'outcome').map((r) => [r.key_id, r.outcome])).toEqual([
      [first, 'applied'],
      [second, 'failed'],
      [p.live, 'failed'],
    ]);
  });

  it('restores and purges across partitions of the tenant in one submission (the tenant-wide bin page)', async () => {
    const a = await binnedPartition();
    const b = await binnedPartition();
    const result = await restore(officer, binForm([a.ref(a.binned[0]), b.ref(b.binned[2])]));
    expect(result.ok && result.data.results.map((r) => [r.partitionId, r.status])).toEqual([
      [a.id, 'restored'],
      [b.id, 'restored'],
    ]);
    expect((await ctx.hsm.admin.getPartition(a.id))?.binCount).toBe(2);
    expect((await ctx.hsm.admin.getPartition(b.id))?.binCount).toBe(2);
  });

  it('works while the partition is read-only and offline with Object Destruction disabled', async () => {
    const p = await binnedPartition(tenant, { readOnly: true, clientApiAccess: false, objectDestruction: false });
    const [first, second] = p.binned;
    expect(await restore(officer, binForm([p.ref(first)]))).toMatchObject({ ok: true, data: { results: [{ status: 'restored' }] } });
    expect(await purge(officer, binForm([p.ref(second)], { confirmation: 'old-2' }))).toMatchObject({
      ok: true,
      data: { results: [{ status: 'purged' }] },
    });
    const view = await partitionBinView(ctx, await actorOf(officer), p.id);
    expect(view?.notes.join(' ')).toContain('restore and purge are administrative acts and work while the partition is read-only');
  });
});

describe('double click, repeated submit, replay', () => {
  it('a purge submitted twice at once and then again purges once and writes one audit record per key', async () => {
    const p = await binnedPartition();
    const refs = [p.ref(p.binned[0]), p.ref(p.binned[1])];
    const form = binForm(refs, { confirmation: '2' });
    const results = await Promise.all([purge(officer, form), purge(officer, form)]);
    const third = await purge(officer, form);
    for (const r of [...results, third]) {
      expect(r).toMatchObject({ ok: true, data: { results: [{ status: 'purged' }, { status: 'purged' }] } });
    }
    expect(third).toMatchObject({ data: { replayed: true } });
    const rows = await binAudit(p.id);
    expect(rows.filter((r) => r.phase === 'intent')).toHaveLength(2);
    expect(rows.filter((r) => r.phase === 'outcome').map((r) => r.outcome)).toEqual(['applied', 'applied']);
    expect((await listAudit(ctx.db, { partitionId: p.id })).map((e) => e.keyLabel).sort()).toEqual(['old-1', 'old-2']);
    expect((await ctx.hsm.admin.getPartition(p.id))?.binCount).toBe(1);
  });

  it('a replayed restore does not bring back a key deleted again since', async () => {
    const p = await binnedPartition();
    const [first] = p.binned;
    const form = binForm([p.ref(first)]);
    expect((await restore(officer, form)).ok).toBe(true);
    await ctx.hsm.client.deleteKey(p.id, p.clientId, first);
    expect(await restore(officer, form)).toMatchObject({ ok: true, data: { replayed: true, results: [{ status: 'restored' }] } });
    expect((await ctx.hsm.admin.listBin({ partitionId: p.id })).items.map((k) => k.id)).toContain(first);
    expect((await binAudit(p.id)).filter((r) => r.phase === 'intent')).toHaveLength(1);
  });

  it('a submission id reused for other keys or another action is refused and logged', async () => {
    const p = await binnedPartition();
    const form = binForm([p.ref(p.binned[0])]);
    expect((await restore(officer, form)).ok).toBe(true);
    const other = binForm([p.ref(p.binned[1])]);
    other.set('idempotencyKey', String(form.get('idempotencyKey')));
    expect(await restore(officer, other)).toMatchObject({ ok: false, code: 'invalid' });
    form.set('confirmation', 'old-1');
    expect(await purge(officer, form)).toMatchObject({ ok: false, code: 'invalid' });
    expect((await ctx.hsm.admin.getPartition(p.id))?.binCount).toBe(2);
    expect((await securityLogFor(ctx, officer.id, 'bin.restore')).at(-1)?.reason).toContain('another submission');
  });
});

describe('who may restore and purge', () => {
  const denied: [Role, 'own' | 'all'][] = [
    ['viewer', 'own'],
    ['partition_admin', 'own'],
    ['compliance', 'own'],
    ['compliance', 'all'],
    ['support', 'all'],
  ];
  for (const [role, scope] of denied) {
    it(`${role} (${scope === 'all' ? 'all tenants' : 'own tenant'}) is denied both; nothing changes; the security log has it`, async () => {
      const user = await makeUser(ctx, role, scope === 'all' ? null : tenant);
      const p = await binnedPartition();
      const before = await binSnapshot(ctx, p.id);
      const restored = await restore(user, binForm([p.ref(p.binned[0])]));
      const purged = await purge(user, binForm([p.ref(p.binned[1])], { confirmation: 'old-2' }));
      expect(restored).toEqual({ ok: false, code: 'forbidden', error: 'Your role does not allow this.' });
      expect(purged).toEqual({ ok: false, code: 'forbidden', error: 'Your role does not allow this.' });
      expect(await binSnapshot(ctx, p.id)).toEqual(before);
      expect((await securityLogFor(ctx, user.id, 'restoreKeys'))[0]?.reason).toBe(`denied: role ${role} lacks bin.manage`);
      expect((await securityLogFor(ctx, user.id, 'purgeKeys'))[0]?.reason).toBe(`denied: role ${role} lacks bin.manage`);
    });
  }

  it('a security officer of another tenant gets "not found" for both; nothing changes; the security log has it', async () => {
    const foreignOfficer = await makeUser(ctx, 'security_officer', otherTenant);
    const p = await binnedPartition();
    const before = await binSnapshot(ctx, p.id);
    const restored = await restore(foreignOfficer, binForm([p.ref(p.binned[0])]));
    const purged = await purge(foreignOfficer, binForm([p.ref(p.binned[1])], { confirmation: 'old-2' }));
    expect(restored).toEqual({ ok: false, code: 'not-found', error: 'No such partition.' });
    expect(purged).toEqual({ ok: false, code: 'not-found', error: 'No such partition.' });
    expect(await binSnapshot(ctx, p.id)).toEqual(before);
    expect((await securityLogFor(ctx, foreignOfficer.id, 'bin.restore'))[0]?.reason).toBe('partition not found or outside scope');
    expect((await securityLogFor(ctx, foreignOfficer.id, 'bin.purge'))[0]?.target).toBe(`${p.id}/${p.binned[1]}`);
  });

  it('a selection that mixes in a foreign partition is refused as a whole', async () => {
    const own = await binnedPartition();
    const foreign = await binnedPartition(otherTenant);
    const before = [await binSnapshot(ctx, own.id), await binSnapshot(ctx, foreign.id)];
    const result = await restore(officer, binForm([own.ref(own.binned[0]), foreign.ref(foreign.binned[0])]));
    expect(result).toMatchObject({ ok: false, code: 'not-found' });
    expect([await binSnapshot(ctx, own.id), await binSnapshot(ctx, foreign.id)]).toEqual(before);
  });

  it('without a session both are refused; malformed key references are field errors', async () => {
    const p = await binnedPartition();
    const before = await binSnapshot(ctx, p.id);
    expect(await restore(null, binForm([p.ref(p.binned[0])]))).toMatchObject({ ok: false, code: 'unauthenticated' });
    const bad = binForm([]);
    bad.set('keys', `${p.id}/../etc`);
    expect(await restore(officer, bad)).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { keys: expect.any(Array) } });
    expect(await binSnapshot(ctx, p.id)).toEqual(before);
  });
});

async function actorOf(user: TestUser) {
  const actor = await resolveActor(ctx.db, user.sessionId);
  if (!actor) throw new Error('no actor');
  return actor;
}

describe('what each role sees', () => {
  it('viewer, partition admin and compliance see labels read-only; support sees counts and sizes only; a foreign SO sees nothing', async () => {
    const p = await binnedPartition();
    for (const [role, tenantId] of [
      ['viewer', tenant],
      ['partition_admin', tenant],
      ['compliance', tenant],
      ['compliance', null],
    ] as const) {
      const view = await partitionBinView(ctx, await actorOf(await makeUser(ctx, role, tenantId)), p.id);
      expect(view?.canManage).toBe(false);
      expect(view?.keys?.items.map((k) => k.label).sort()).toEqual(['old-1', 'old-2', 'old-3']);
      expect(view?.keys?.items[0]).toMatchObject({ binnedBy: { clientId: p.clientId, clientName: 'client-1' }, age: '3 days' });
    }
    const officerView = await partitionBinView(ctx, await actorOf(officer), p.id);
    expect(officerView?.canManage).toBe(true);

    const support = await actorOf(await makeUser(ctx, 'support', null));
    const supportView = await partitionBinView(ctx, support, p.id);
    expect(supportView?.keys).toBeNull();
    expect(supportView?.history).toBeNull();
    expect(supportView?.totals[0]).toMatchObject({ objects: 3, bytes: 3 * 288 });
    expect(JSON.stringify(supportView)).not.toContain('old-1');
    const supportTenantView = await tenantBinView(ctx, support, { tenantId: tenant });
    expect(supportTenantView?.keys).toBeNull();
    expect(JSON.stringify(supportTenantView)).not.toContain('old-');
    expect(supportTenantView?.totals.find((t) => t.partitionId === p.id)).toMatchObject({ objects: 3 });

    const foreign = await actorOf(await makeUser(ctx, 'security_officer', otherTenant));
    expect(await partitionBinView(ctx, foreign, p.id)).toBeNull();
    const foreignTenantView = await tenantBinView(ctx, foreign, { tenantId: tenant });
    expect(foreignTenantView?.totals.some((t) => t.tenantId === tenant)).toBe(false);
  });

  it('flags a bin holding more than 20% of the capacity', async () => {
    const p = await binnedPartition();
    const view = await partitionBinView(ctx, await actorOf(officer), p.id);
    // 3 × 288 bytes of the factory's 2,000,000: no warning.
    expect(view?.totals[0]?.warning).toBe(false);
    const base = view?.totals[0];
    if (!base) throw new Error('no totals');
    expect(totalsView({ ...base, objects: 201, capacity: { ...base.capacity, objects: 1000 } }).warning).toBe(true);
    expect(totalsView({ ...base, objects: 200, capacity: { ...base.capacity, objects: 1000 } }).warning).toBe(false);
  });
});
