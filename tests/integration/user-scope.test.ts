import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePolicyAction } from '@/lib/actions/change-policy';
import { authenticateWithPassword } from '@/lib/auth/authenticate';
import { openOidcSession } from '@/lib/auth/authenticate-oidc';
import { runWithSession } from '@/lib/auth/current';
import { hashPassword } from '@/lib/auth/password';
import { createSession, resolveActor } from '@/lib/auth/sessions';
import { USER_SCOPE_MIGRATION } from '@/lib/db/security-schema';
import { makePartition, makeTenant, testContext, uniqueId } from '../support/context';
import { policyForm } from '../support/forms';
import { securityLogFor, storeSnapshot } from '../support/store';

type Ctx = Awaited<ReturnType<typeof testContext>>;
let ctx: Ctx;
let tenant: string;

beforeAll(async () => {
  ctx = await testContext();
  tenant = await makeTenant(ctx);
});
afterAll(async () => {
  await ctx.db.close();
});

const insertUser = (email: string, role: string, tenantId: string | null, hash: string | null = null) =>
  ctx.db.query('INSERT INTO users (id, email, name, password_hash, role, tenant_id) VALUES ($1, $2, $3, $4, $5, $6)', [
    uniqueId('usr'),
    email,
    'Scoped User',
    hash,
    role,
    tenantId,
  ]);

const LEGACY_ISSUER = 'https://idp.test.example';

/** A user row as a store from before migration 011 may hold one: written while the check was absent. */
async function legacyUser(role: string, tenantId: string | null): Promise<{ id: string; email: string }> {
  const email = `${uniqueId('legacy')}@test.example`;
  await ctx.db.transaction(async (tx) => {
    await tx.query('ALTER TABLE users DROP CONSTRAINT users_role_scope');
    await tx.query(
      'INSERT INTO users (id, email, name, password_hash, role, tenant_id, oidc_issuer, oidc_subject) VALUES ($1, $2, $3, $4, $5, $6, $7, $1)',
      [email, email, 'Legacy User', await hashPassword('test-password'), role, tenantId, LEGACY_ISSUER],
    );
    await tx.query(USER_SCOPE_MIGRATION.sql);
  });
  return { id: email, email };
}

describe('a user’s role goes with its tenant scope', () => {
  it('the store refuses a customer role without a tenant, and support scoped to one tenant', async () => {
    for (const role of ['viewer', 'partition_admin', 'security_officer']) {
      await expect(insertUser(`${uniqueId(role)}@test.example`, role, null)).rejects.toThrow(/users_role_scope/);
    }
    await expect(insertUser(`${uniqueId('support')}@test.example`, 'support', tenant)).rejects.toThrow(/users_role_scope/);
    await insertUser(`${uniqueId('compliance')}@test.example`, 'compliance', null);
    await insertUser(`${uniqueId('compliance')}@test.example`, 'compliance', tenant);
  });

  it('a security officer stored without a tenant cannot sign in, acts as no one, and changes nothing', async () => {
    const legacy = await legacyUser('security_officer', null);
    expect(await authenticateWithPassword({ email: legacy.email, password: 'test-password' }, '203.0.113.9')).toBeNull();
    const [refused] = (await securityLogFor(ctx, null, 'login')).filter((row) => row.target?.startsWith(legacy.email));
    expect(refused?.reason).toMatch(/no valid tenant scope/);

    // Single sign-on refuses it the same way.
    expect(await openOidcSession(LEGACY_ISSUER, legacy.id)).toBeNull();
    const [refusedSso] = (await securityLogFor(ctx, null, 'login.oidc')).filter((row) => row.target?.includes(legacy.id));
    expect(refusedSso?.reason).toMatch(/no valid tenant scope/);

    // A session opened before the row went wrong (or by any other path) is refused on every request.
    const sessionId = await createSession(ctx.db, legacy.id);
    expect(await resolveActor(ctx.db, sessionId)).toBeNull();
    const p = await makePartition(ctx, tenant);
    const before = await storeSnapshot(ctx, p.id);
    const result = await runWithSession(sessionId, () => changePolicyAction(policyForm({ partitionId: p.id, expectedVersion: 1, keyImport: 'false' })));
    expect(result).toMatchObject({ ok: false, code: 'unauthenticated' });
    expect(await storeSnapshot(ctx, p.id)).toEqual(before);
  });
});

describe('npm run users', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'users-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, SEED_DEMO: 'true' };
  delete env.DATABASE_URL;
  const users = (...args: string[]) => {
    const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/users.ts', ...args], { env, encoding: 'utf8' });
    return { status: run.status, out: `${run.stdout}${run.stderr}`.trim() };
  };

  it('refuses a customer role without a tenant, or with one that does not exist, in one clear line; adds a valid user', () => {
    expect(users('add', '--email', 'v@x.example', '--role', 'viewer')).toEqual({ status: 1, out: 'A viewer belongs to one tenant: give --tenant.' });
    expect(users('add', '--email', 'v@x.example', '--role', 'viewer', '--tenant', 'nosuch', '--name', 'n'.repeat(200))).toEqual({
      status: 1,
      out: "No tenant nosuch: the tenant IDs are in the partitions list's tenant filter.",
    });
    expect(users('add', '--email', 'v@x.example', '--role', 'viewer', '--tenant', 'acme', '--name', 'n'.repeat(201))).toEqual({
      status: 1,
      out: 'The name is longer than 200 characters.',
    });
    expect(users('add', '--email', 'v@x.example', '--role', 'viewer', '--tenant', 'acme', '--name', 'Val')).toEqual({ status: 0, out: 'Added v@x.example (viewer, acme)' });
  }, 60_000);
});
