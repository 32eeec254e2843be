export const ROLES = ['viewer', 'partition_admin', 'security_officer', 'support', 'compliance'] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  viewer: 'Viewer',
  partition_admin: 'Partition admin',
  security_officer: 'Security officer',
  support: 'Provider support',
  compliance: 'Compliance',
};

/** Who is acting, as re-read from the store on every request. `tenantId: null` means every tenant. */
export type Actor = {
  userId: string;
  sessionId: string;
  email: string;
  name: string;
  role: Role;
  tenantId: string | null;
};

/** Customer roles act on their own tenant only: such a user without a tenant must never mean "every tenant". */
export const TENANT_ROLES: readonly Role[] = ['viewer', 'partition_admin', 'security_officer'];

/**
 * Why a role and tenant cannot go together, or null when they can (DOMAIN.md): customer roles need
 * their tenant; support works across all tenants; compliance is scoped to one tenant or to all.
 */
export function scopeProblem(role: Role, tenantId: string | null): string | null {
  if (TENANT_ROLES.includes(role) && tenantId === null) return `A ${ROLE_LABELS[role].toLowerCase()} belongs to one tenant: give --tenant.`;
  if (role === 'support' && tenantId !== null) return 'Provider support works across all tenants: no --tenant (with set-role, --tenant all).';
  return null;
}

export function canSeeTenant(actor: Actor, tenantId: string): boolean {
  return actor.tenantId === null || actor.tenantId === tenantId;
}
