import type { Migration } from './migrate';

/**
 * Policy reports in the console's store: the request and its progress (`reports`), the file itself in
 * 64 KiB chunks (`report_chunks`, so that any instance on the same database can serve it and nothing
 * holds a whole report in memory), tenants' saved baselines, and an append-only audit of report
 * creation, downloads and baseline changes. The signing key is not here: it stays in the HSM.
 */
export const REPORTS_MIGRATION: Migration = {
  id: '003_reports',
  sql: `
CREATE TABLE report_baselines (
  tenant_id text PRIMARY KEY,
  policy jsonb NOT NULL,
  saved_by text NOT NULL,
  saved_by_name text NOT NULL,
  saved_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE reports (
  id text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  created_by_name text NOT NULL,
  created_by_role text NOT NULL,
  tenant_id text,
  scope jsonb NOT NULL,
  scope_label text NOT NULL,
  as_of timestamptz NOT NULL,
  period_from timestamptz NOT NULL,
  time_zone text NOT NULL,
  baseline text NOT NULL,
  format text NOT NULL CHECK (format IN ('csv', 'json', 'pdf')),
  file_name text NOT NULL,
  content_type text NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  progress_done integer NOT NULL DEFAULT 0,
  progress_total integer NOT NULL DEFAULT 0,
  partition_count integer,
  deviating_count integer,
  byte_size bigint,
  chunk_count integer,
  digest text,
  signature bytea,
  key_fingerprint text,
  error text,
  heartbeat_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX reports_tenant_created ON reports (tenant_id, created_at DESC);
CREATE INDEX reports_created ON reports (created_at DESC);
CREATE TABLE report_chunks (
  report_id text NOT NULL REFERENCES reports(id),
  seq integer NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (report_id, seq)
);
CREATE TABLE report_audit (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  action text NOT NULL,
  report_id text,
  tenant_id text,
  actor_id text NOT NULL,
  actor_name text NOT NULL,
  actor_role text NOT NULL,
  detail text
);
CREATE INDEX report_audit_report ON report_audit (report_id, at DESC);
CREATE INDEX report_audit_at ON report_audit (at DESC);
CREATE TRIGGER report_chunks_append_only BEFORE UPDATE OR DELETE ON report_chunks
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER report_audit_append_only BEFORE UPDATE OR DELETE ON report_audit
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
`,
};
