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

export function canSeeTenant(actor: Actor, tenantId: string): boolean {
  return actor.tenantId === null || actor.tenantId === tenantId;
}
