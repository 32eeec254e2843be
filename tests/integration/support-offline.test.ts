import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePolicyAction } from '@/lib/actions/change-policy';
import { runWithSession } from '@/lib/auth/current';
import { resolveActor } from '@/lib/auth/sessions';
import { HsmError } from '@/lib/hsm/types';
import { listPartitions, partitionView } from '@/lib/services/partitions';
import { makePartition, makeTenant, makeUser, testContext, type TestUser } from '../support/context';
import { policyForm } from '../support/forms';

type Ctx = Awaited<ReturnType<typeof testContext>>;
let ctx: Ctx;
let tenant: string;
let support: TestUser;
let officer: TestUser;

beforeAll(async () => {
  ctx = await testContext();
  tenant = await makeTenant(ctx);
  support = await makeUser(ctx, 'support', null);
  officer = await makeUser(ctx, 'security_officer', tenant);
});
afterAll(async () => {
  await ctx.db.close();
});

const act = (user: TestUser, form: FormData) => runWithSession(user.sessionId, () => changePolicyAction(form));
const actor = async (user: TestUser) => (await resolveActor(ctx.db, user.sessionId))!;

describe('support: offline and back online', () => {
  it('finds any tenant\'s partition by name, tenant name or ID', async () => {
    const p = await makePartition(ctx, tenant, { name: 'support-search-target' });
    const who = await actor(support);
    for (const search of ['support-search-target', `Tenant ${tenant}`, p.id]) {
      const page = await listPartitions(ctx, who, { search, tenantId: '' });
      expect(page.items.map((i) => i.id), search).toContain(p.id);
    }
  });

  it('sees Client API Access only: the view and the action result carry no other policy', async () => {
    const p = await makePartition(ctx, tenant, { keys: [{ label: 'secret-label-1', type: 'EC', size: 256 }] });
    const view = await partitionView(ctx, await actor(support), p.id);
    expect(view?.cards.map((c) => c.policy)).toEqual(['clientApiAccess']);
    expect(view?.partition.policy).toEqual({ clientApiAccess: true });
    expect(JSON.stringify(view)).not.toContain('secret-label-1');

    const offline = await act(
      support,
      policyForm({ partitionId: p.id, expectedVersion: 1, clientApiAccess: 'false', confirm: 'outage', reason: 'Node swap', ticket: 'SUP-1', typedName: p.name }),
    );
    expect(offline).toEqual({ ok: true, data: { version: 2, policy: { clientApiAccess: false }, replayed: false } });
  });

  it('the offline notice says since when, by whom (role), why and the ticket; the HSM refuses client calls until it is back', async () => {
    const p = await makePartition(ctx, tenant, { keys: [{ label: 'sig', type: 'EC', size: 256 }] });
    const key = p.keyIds[0]?.[0] as string;
    const offline = await act(
      support,
      policyForm({ partitionId: p.id, expectedVersion: 1, clientApiAccess: 'false', confirm: 'outage', reason: 'Firmware 7.8', ticket: 'SUP-77', typedName: p.name }),
    );
    expect(offline.ok).toBe(true);
    const view = await partitionView(ctx, await actor(officer), p.id);
    expect(view?.offline).toMatchObject({ by: `User ${support.id}`, role: 'support', reason: 'Firmware 7.8', ticket: 'SUP-77' });
    expect(view?.offline?.since).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const refused = await ctx.hsm.client.sign(p.id, p.clientId, key, Buffer.from('x')).catch((e: unknown) => e);
    expect((refused as HsmError).reasons[0]?.code).toBe('PARTITION_OFFLINE');

    // Bringing it online needs a reason and, from support, a ticket.
    const noTicket = await act(support, policyForm({ partitionId: p.id, expectedVersion: 2, clientApiAccess: 'true', reason: 'done' }));
    expect(noTicket).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { ticket: expect.any(Array) } });
    const noReason = await act(officer, policyForm({ partitionId: p.id, expectedVersion: 2, clientApiAccess: 'true' }));
    expect(noReason).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { reason: expect.any(Array) } });
    // The tenant's own security officer may bring it back (no ticket needed from a customer).
    const online = await act(officer, policyForm({ partitionId: p.id, expectedVersion: 2, clientApiAccess: 'true', reason: 'Firmware verified' }));
    expect(online.ok).toBe(true);
    expect((await partitionView(ctx, await actor(officer), p.id))?.offline).toBeNull();
    await expect(ctx.hsm.client.sign(p.id, p.clientId, key, Buffer.from('x'))).resolves.toBeInstanceOf(Uint8Array);
  });
});
