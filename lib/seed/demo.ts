import { randomUUID } from 'node:crypto';
import { appendAudit } from '@/lib/audit/chain';
import type { AppContext } from '@/lib/context';
import { hashPassword } from '@/lib/auth/password';
import type { HsmEmulator } from '@/lib/hsm/emulator';
import type { PolicyLogEntry } from '@/lib/hsm/types';
import { seedDemoCluster } from './demo-cluster';
import { DEMO_PARTITIONS, DEMO_PASSWORD, DEMO_USERS } from './demo-data';
import { demoActor, demoUserId } from './demo-ids';

/**
 * The demo in two halves. The cluster half (tenants, partitions, keys, the cluster's policy log) is
 * lib/seed/demo-cluster.ts: with the embedded backend it is seeded here; with the http backend the
 * standalone emulator seeds it (`npm run hsm-emulator -- --seed-demo`). The console half (users and
 * the audit of the demo's past changes) is always seeded here, reading the versions and times of
 * those changes from the cluster's log through the adapter, so both backends give the same audit.
 */

/** The demo is seeded into a console store that has no users yet. */
export async function needsDemoSeed(ctx: AppContext): Promise<boolean> {
  const [{ n } = { n: 0 }] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return n === 0;
}

/** Seeds the demo once, into a console store without users. `emulator`: also seed the embedded cluster. */
export async function seedDemoIfEmpty(ctx: AppContext, emulator: HsmEmulator | null): Promise<boolean> {
  if (!(await needsDemoSeed(ctx))) return false;
  await seedDemo(ctx, emulator);
  return true;
}

export async function seedDemo(ctx: AppContext, emulator: HsmEmulator | null): Promise<void> {
  if (emulator) await seedDemoCluster(emulator.db);
  await seedDemoUsers(ctx);
  await seedDemoAudit(ctx);
}

async function seedDemoUsers(ctx: AppContext): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await ctx.db.transaction(async (tx) => {
    for (const user of DEMO_USERS) {
      await tx.query(
        'INSERT INTO users (id, email, name, password_hash, role, tenant_id) VALUES ($1, $2, $3, $4, $5, $6)',
        [demoUserId(user.email), user.email, user.name, passwordHash, user.role, user.tenantId],
      );
    }
  });
}

/** The audit of the demo's past changes, matched to the cluster's log entries (same version, same time). */
async function seedDemoAudit(ctx: AppContext): Promise<void> {
  const users = new Map(DEMO_USERS.map((u) => [u.email, u]));
  for (const partition of DEMO_PARTITIONS) {
    if (!partition.history?.length) continue;
    const log = await ctx.hsm.admin.policyLog(partition.id, 0);
    const used = new Set<PolicyLogEntry>();
    for (const change of partition.history) {
      const who = users.get(change.by);
      const entry = log.find((e) => !used.has(e) && e.policy === change.policy && e.to === change.to && e.actor === demoActor(change.by));
      if (!who || !entry) continue;
      used.add(entry);
      // Through the audit chain, like every audit row: the seeded history verifies too.
      const record = {
        at: entry.at,
        idempotency_key: randomUUID(),
        action: 'policy.change',
        tenant_id: partition.tenantId,
        partition_id: partition.id,
        partition_name: partition.name,
        actor_id: demoUserId(who.email),
        actor_name: who.name,
        actor_role: who.role,
        policy: change.policy,
        before_value: !change.to,
        after_value: change.to,
        reason: change.reason,
        ticket: change.ticket ?? null,
      };
      await appendAudit(ctx.db, [
        { ...record, phase: 'intent' },
        { ...record, phase: 'outcome', outcome: 'applied', message: 'seeded history', backend_version: entry.version },
      ]);
    }
  }
}
