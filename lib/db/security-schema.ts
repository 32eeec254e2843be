import { chainExistingAuditRows } from '@/lib/audit/backfill';
import type { Migration } from './migrate';

/**
 * Tamper-evident audit: every `audit_events` row is a link of its partition's hash chain
 * (lib/audit/chain.ts writes them, lib/audit/verify.ts checks them). Rows written before this
 * migration are chained in the order they were written.
 */
export const AUDIT_CHAIN_MIGRATION: Migration = {
  id: '004_audit_chain',
  sql: `
ALTER TABLE audit_events ADD COLUMN chain_seq integer;
ALTER TABLE audit_events ADD COLUMN prev_hash text;
ALTER TABLE audit_events ADD COLUMN hash text;
CREATE UNIQUE INDEX audit_chain_position ON audit_events (partition_id, chain_seq);
`,
  run: chainExistingAuditRows,
};

/**
 * Sign-in attempts per account and per address, for rate limiting (lib/auth/login-limit.ts). In the
 * console's store, so limits hold across restarts and across instances sharing a Postgres server.
 */
export const LOGIN_ATTEMPTS_MIGRATION: Migration = {
  id: '005_login_attempts',
  sql: `
CREATE TABLE login_attempts (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  account text NOT NULL,
  address text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('pending', 'failure', 'success', 'blocked'))
);
CREATE INDEX login_attempts_account ON login_attempts (account, at DESC);
CREATE INDEX login_attempts_address ON login_attempts (address, at DESC);
CREATE INDEX login_attempts_at ON login_attempts (at);
`,
};

/**
 * A customer role without its tenant would read as "every tenant" (Actor.tenantId null): the store
 * refuses such a user, and support scoped to one tenant, whoever writes the row. NOT VALID: a row
 * written before this is left as it is, and sign-in and resolveActor refuse it (lib/auth/roles.ts).
 */
export const USER_SCOPE_MIGRATION: Migration = {
  id: '011_user_scope',
  sql: `
ALTER TABLE users ADD CONSTRAINT users_role_scope CHECK (
  (role NOT IN ('viewer', 'partition_admin', 'security_officer') OR tenant_id IS NOT NULL)
  AND (role <> 'support' OR tenant_id IS NULL)
) NOT VALID;
`,
};
