import { can, type Permission } from '@/lib/auth/permissions';
import { ROLES, type Role } from '@/lib/auth/roles';
import { makeTenant, makeUser, testContext, type TestUser } from './context';
import { generate } from './reports';

/**
 * The people and tenants the authorization matrix runs over: one user per role in the "own" tenant
 * (support, whose scope is every tenant, has none), compliance also with an all-tenants scope, a
 * second "foreign" tenant, and nobody signed in.
 */
export type Ctx = Awaited<ReturnType<typeof testContext>>;

export type Principal = { label: string; role: Role; allTenants: boolean; user: TestUser };

export type Target = 'own' | 'foreign';

export type AuthzWorld = {
  ctx: Ctx;
  tenants: Record<Target, string>;
  principals: Principal[];
  /** A finished report per tenant (made by that tenant's security officer), for the download routes. */
  reports: Record<Target, string>;
};

export type PrincipalSpec = { label: string; role: Role; allTenants: boolean };

/** One user per role in the own tenant; support's scope is every tenant; compliance both ways (DOMAIN.md). */
export const PRINCIPAL_SPECS: readonly PrincipalSpec[] = [
  ...ROLES.map((role) => (role === 'support' ? { label: 'support (all tenants)', role, allTenants: true } : { label: role, role, allTenants: false })),
  { label: 'compliance (all tenants)', role: 'compliance', allTenants: true },
];

export async function buildWorld(): Promise<AuthzWorld> {
  const ctx = await testContext();
  const tenants = { own: await makeTenant(ctx), foreign: await makeTenant(ctx) };
  const principals: Principal[] = [];
  for (const spec of PRINCIPAL_SPECS) {
    principals.push({ ...spec, user: await makeUser(ctx, spec.role, spec.allTenants ? null : tenants.own) });
  }
  const reports = { own: '', foreign: '' };
  for (const target of ['own', 'foreign'] as const) {
    const officer = await makeUser(ctx, 'security_officer', tenants[target]);
    const { record } = await generate(ctx, officer, { scope: 'all' });
    reports[target] = record.id;
  }
  return { ctx, tenants, principals, reports };
}

export type EntryScoping =
  /** The input names a partition or report: another tenant's is refused as "not found". */
  | 'target'
  /** A listing or search: another tenant's items are filtered out, the call itself succeeds. */
  | 'listing'
  /** Acts on the actor's own tenant whatever the input says (a forged tenant field is ignored). */
  | 'actor-tenant'
  /** Not about any tenant. */
  | 'none';

export type AccessRule = Permission | 'public' | 'emulator-bearer';

/** What the permission table and the scope say should happen: the matrix's expectation. */
export function expectAllowed(rule: AccessRule, scoping: EntryScoping, principal: Principal | null, target: Target): boolean {
  if (rule === 'public') return true;
  if (rule === 'emulator-bearer' || !principal) return false;
  if (!can(principal.role, rule)) return false;
  return scoping === 'none' || target === 'own' || principal.allTenants;
}

/** Whether the call must be refused outright (and logged), rather than merely showing nothing foreign. */
export function expectRefused(rule: AccessRule, scoping: EntryScoping, principal: Principal | null, target: Target): boolean {
  if (expectAllowed(rule, scoping, principal, target)) return false;
  if (rule === 'public') return false;
  if (rule === 'emulator-bearer' || !principal || !can(principal.role, rule)) return true;
  return scoping === 'target';
}
