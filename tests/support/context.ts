import { randomUUID } from 'node:crypto';
import { createContext, installContext, type AppContext } from '@/lib/context';
import { hashPassword } from '@/lib/auth/password';
import type { Role } from '@/lib/auth/roles';
import { createSession } from '@/lib/auth/sessions';
import { HsmEmulator } from '@/lib/hsm/emulator';
import { type KeySpec, provisionKey, provisionPartition, provisionTenant } from '@/lib/hsm/emulator/provision';
import type { PartitionPolicy } from '@/lib/policy';

/**
 * A real store for integration tests: the embedded engine in memory, or the Postgres server named by
 * TEST_DATABASE_URL (CI runs the suite against both). Factories make unique names so tests never
 * depend on each other's data.
 */
export async function testContext(): Promise<AppContext & { emulator: HsmEmulator }> {
  const ctx = await createContext({ database: process.env.TEST_DATABASE_URL ?? 'memory://', seedDemo: false });
  if (!(ctx.hsm instanceof HsmEmulator)) throw new Error('integration tests expect the embedded emulator');
  installContext(ctx);
  return { ...ctx, emulator: ctx.hsm };
}

export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export async function makeTenant(ctx: AppContext & { emulator: HsmEmulator }): Promise<string> {
  const id = uniqueId('tenant');
  await provisionTenant(ctx.emulator.db, id, `Tenant ${id}`);
  return id;
}

export async function makePartition(
  ctx: AppContext & { emulator: HsmEmulator },
  tenantId: string,
  options: { policy?: Partial<PartitionPolicy>; keys?: KeySpec[]; clients?: number; name?: string } = {},
) {
  const name = options.name ?? uniqueId('part');
  const { id, clientIds } = await provisionPartition(ctx.emulator.db, {
    tenantId,
    name,
    policy: options.policy,
    clients: Array.from({ length: options.clients ?? 1 }, (_, i) => ({ name: `client-${i + 1}`, kind: 'PKCS#11' })),
  });
  const keyIds: string[][] = [];
  for (const key of options.keys ?? []) keyIds.push(await provisionKey(ctx.emulator.db, id, key));
  return { id, name, clientId: clientIds[0] as string, clientIds, keyIds };
}

export type TestUser = { id: string; email: string; role: Role; tenantId: string | null; sessionId: string };

let cachedHash: Promise<string> | undefined;

export async function makeUser(ctx: AppContext, role: Role, tenantId: string | null): Promise<TestUser> {
  cachedHash ??= hashPassword('test-password');
  const id = uniqueId('usr');
  const email = `${id}@test.example`;
  await ctx.db.query('INSERT INTO users (id, email, name, password_hash, role, tenant_id) VALUES ($1, $2, $3, $4, $5, $6)', [
    id,
    email,
    `User ${id}`,
    await cachedHash,
    role,
    tenantId,
  ]);
  const sessionId = await createSession(ctx.db, id);
  return { id, email, role, tenantId, sessionId };
}
