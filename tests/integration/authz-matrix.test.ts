import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttackLog } from '../support/attack-log';
import { buildWorld, expectAllowed, expectRefused, PRINCIPAL_SPECS, type AuthzWorld, type PrincipalSpec, type Target } from '../support/authz-world';
import { exportedEndpoints, HTTP_ONLY, REGISTRY, registeredEndpoints } from '../support/registry';
import type { RegistryEntry } from '../support/registry-types';

/**
 * The authorization matrix, generated from the permission table and the registry of every server
 * action and route handler: each one x every role x own / foreign tenant x nobody signed in, through
 * the real exported function. A refused call must change nothing and be in the security log.
 */
let world: AuthzWorld;
const log = new AttackLog('authz-matrix');
const CASES = `${REGISTRY.length} actions and route handlers x ${PRINCIPAL_SPECS.length} roles/scopes and nobody signed in x own and foreign tenant`;

beforeAll(async () => {
  // The embedded emulator's client API: on, so that only its bearer token (never a console session) opens it.
  process.env.HSM_EMULATOR_CLIENT_TOKEN = 'authz-matrix-token';
  world = await buildWorld();
}, 120_000);
afterAll(async () => {
  log.write();
  delete process.env.HSM_EMULATOR_CLIENT_TOKEN;
  await world?.ctx.db.close();
});

async function logMark(): Promise<number> {
  const [row] = await world.ctx.db.query<{ id: number | null }>('SELECT max(id) AS id FROM security_log');
  return Number(row?.id ?? 0);
}

async function loggedSince(mark: number, userId: string | null, actions: readonly string[]) {
  return world.ctx.db.query<{ reason: string }>(
    `SELECT reason FROM security_log WHERE id > $1 AND action = ANY($2::text[])
        AND (user_id = $3 OR ($3::text IS NULL AND user_id IS NULL))`,
    [mark, [...actions], userId],
  );
}

function caseName(spec: PrincipalSpec | null, target: Target, entry: RegistryEntry): string {
  const principal = spec ? { ...spec, user: { id: '', email: '', role: spec.role, tenantId: null, sessionId: '' } } : null;
  const outcome = expectAllowed(entry.rule, entry.scoping, principal, target)
    ? 'allowed'
    : expectRefused(entry.rule, entry.scoping, principal, target)
      ? 'refused, nothing changed, logged'
      : 'shows nothing of the other tenant';
  return `${spec?.label ?? 'nobody signed in'} · ${target} tenant → ${outcome}`;
}

it('the registry lists every server action and route handler the source tree exports', () => {
  expect(registeredEndpoints()).toEqual(exportedEndpoints());
  for (const entry of HTTP_ONLY) expect(entry.covered).toMatch(/tests\//);
});

describe.each(REGISTRY.map((entry) => ({ name: entry.name, entry })))('$name', ({ entry }) => {
  for (const spec of [...PRINCIPAL_SPECS, null]) {
    for (const target of ['own', 'foreign'] as const) {
      it(caseName(spec, target, entry), async () => {
        const principal = spec ? (world.principals.find((p) => p.label === spec.label) ?? null) : null;
        const allowed = expectAllowed(entry.rule, entry.scoping, principal, target);
        const family = allowed ? 'Authorization: permitted calls' : 'Authorization: refused calls';
        const expected = allowed
          ? 'allowed, as the permission table and the tenant scope say'
          : 'refused or shown nothing of the other tenant; the store unchanged; every refusal in the security log';
        await log.check(family, CASES, expected, async () => {
          const prepared = await entry.prepare(world, world.tenants[target], principal);
          const before = await prepared.snapshot();
          const mark = await logMark();
          const observed = await prepared.call();
          if (allowed) {
            expect(observed.allowed, observed.detail).toBe(true);
            return;
          }
          expect(observed.allowed, observed.detail).toBe(false);
          expect(await prepared.snapshot()).toEqual(before);
          if (expectRefused(entry.rule, entry.scoping, principal, target)) {
            expect(observed.refused, observed.detail).toBe(true);
            if (entry.logActions.length > 0) {
              expect(await loggedSince(mark, principal?.user.id ?? null, entry.logActions), 'security log').not.toHaveLength(0);
            }
          }
        });
      });
    }
  }
});
