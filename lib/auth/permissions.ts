import type { Role } from './roles';

/**
 * The permission table: the only place that says which role may do what. Every server action and
 * route handler checks it first; services add the finer checks that depend on the change itself.
 */
export const PERMISSIONS = {
  'partition.list': ['viewer', 'partition_admin', 'security_officer', 'support', 'compliance'],
  'partition.status': ['viewer', 'partition_admin', 'security_officer', 'support', 'compliance'],
  'policy.read': ['viewer', 'partition_admin', 'security_officer', 'compliance'],
  /** May submit a policy change at all; which changes is decided below. */
  'policy.change': ['partition_admin', 'security_officer', 'support'],
  'policy.change.safe': ['partition_admin', 'security_officer'],
  'policy.change.unsafe': ['security_officer'],
  /** Client API Access: take offline, bring online. */
  'partition.offline': ['security_officer', 'support'],
  'audit.read': ['viewer', 'partition_admin', 'security_officer', 'support', 'compliance'],
  /** Key labels and attributes in audit and inventory views. */
  'keys.metadata': ['viewer', 'partition_admin', 'security_officer', 'compliance'],
  'security_log.read': ['security_officer', 'compliance'],
  'session.use': ['viewer', 'partition_admin', 'security_officer', 'support', 'compliance'],
  /** The bin pages at all: counts and sizes of what each bin holds against capacity. */
  'bin.counts': ['viewer', 'partition_admin', 'security_officer', 'support', 'compliance'],
  /** The binned keys themselves: label, key ID, type, who invalidated them (never for support). */
  'bin.read': ['viewer', 'partition_admin', 'security_officer', 'compliance'],
  /** Restore and purge binned keys. */
  'bin.manage': ['security_officer'],
  /** Generate policy reports (CSV, JSON, PDF) and see the posture overview, within the user's scope. */
  'report.create': ['security_officer', 'compliance'],
  /** List and download generated reports and their signatures. */
  'report.read': ['security_officer', 'compliance'],
  /** Save the tenant's own report baseline (a security officer's setting; compliance changes nothing). */
  'report.baseline': ['security_officer'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
