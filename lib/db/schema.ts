import type { Migration } from './migrate';
import { REPORTS_MIGRATION } from './reports-schema';
import { AUDIT_CHAIN_MIGRATION, LOGIN_ATTEMPTS_MIGRATION, USER_SCOPE_MIGRATION } from './security-schema';
import { AUDIT_APPLIED_ACTOR_MIGRATION, AUDIT_APPLIED_VERSION_MIGRATION, AUDIT_KEY_INDEX_MIGRATION, REPORT_CHUNK_TEXT_MIGRATION, USER_NAME_LENGTH_MIGRATION } from './perf-schema';

/** The console's own store: users, sessions, the audit trail and the security log. */
export const CONSOLE_MIGRATIONS: readonly Migration[] = [
  {
    id: '001_console',
    sql: `
CREATE TABLE users (
  id text PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  password_hash text,
  role text NOT NULL,
  tenant_id text,
  oidc_issuer text,
  oidc_subject text,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (oidc_issuer, oidc_subject)
);
CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE TABLE audit_events (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  phase text NOT NULL CHECK (phase IN ('intent', 'outcome')),
  idempotency_key text NOT NULL,
  action text NOT NULL,
  tenant_id text NOT NULL,
  partition_id text NOT NULL,
  partition_name text NOT NULL,
  actor_id text NOT NULL,
  actor_name text NOT NULL,
  actor_role text NOT NULL,
  policy text,
  before_value boolean,
  after_value boolean,
  reason text,
  ticket text,
  outcome text CHECK (outcome IN ('applied', 'failed', 'conflict', 'unknown')),
  message text,
  backend_version integer
);
-- One intent per submission, and at most one final outcome; 'unknown' (no answer) may repeat until a retry settles it.
CREATE UNIQUE INDEX audit_one_intent ON audit_events (idempotency_key) WHERE phase = 'intent';
CREATE UNIQUE INDEX audit_one_outcome ON audit_events (idempotency_key) WHERE phase = 'outcome' AND outcome <> 'unknown';
CREATE INDEX audit_partition_at ON audit_events (partition_id, at DESC);
CREATE INDEX audit_tenant_at ON audit_events (tenant_id, at DESC);
CREATE TABLE security_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id text,
  user_name text,
  role text,
  tenant_id text,
  action text NOT NULL,
  target text,
  reason text NOT NULL
);
CREATE INDEX security_log_at ON security_log (at DESC);
CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER security_log_append_only BEFORE UPDATE OR DELETE ON security_log
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
`,
  },
  {
    // Bin restore / purge: one intent and one outcome row per key (idempotency_key = <submission>:<key id>),
    // grouped by the user's submission.
    id: '002_bin_audit',
    sql: `
ALTER TABLE audit_events ADD COLUMN key_id text;
ALTER TABLE audit_events ADD COLUMN key_label text;
ALTER TABLE audit_events ADD COLUMN submission_key text;
CREATE INDEX audit_submission ON audit_events (submission_key) WHERE submission_key IS NOT NULL;
`,
  },
  REPORTS_MIGRATION,
  AUDIT_CHAIN_MIGRATION,
  LOGIN_ATTEMPTS_MIGRATION,
  AUDIT_KEY_INDEX_MIGRATION,
  AUDIT_APPLIED_VERSION_MIGRATION,
  REPORT_CHUNK_TEXT_MIGRATION,
  AUDIT_APPLIED_ACTOR_MIGRATION,
  USER_NAME_LENGTH_MIGRATION,
  USER_SCOPE_MIGRATION,
];
