import type { AccessRule, AuthzWorld, EntryScoping, Principal } from './authz-world';

/** What a call did: allowed (took effect / showed the target), refused (401/403/404, forbidden, not found). */
export type Observed = { allowed: boolean; refused: boolean; detail: string };

export type Prepared = {
  call: () => Promise<Observed>;
  /** Everything the call could change, as a comparable value. */
  snapshot: () => Promise<unknown>;
};

export type RegistryEntry = {
  name: string;
  /** The file that exports it, and the export (an action, or a route handler's method). */
  file: string;
  exportName: string;
  rule: AccessRule;
  scoping: EntryScoping;
  /** The security-log `action` names a refusal of this entry is written under; empty when it is not the console's to log. */
  logActions: readonly string[];
  /** Fresh data for one call as `principal` against the target tenant. */
  prepare: (world: AuthzWorld, tenantId: string, principal: Principal | null) => Promise<Prepared>;
};
