import type { Migration } from '@/lib/db/migrate';

/** The emulator's own tables, in schema `hsm`: the console never reads them except through the adapter. */
export const HSM_MIGRATIONS: readonly Migration[] = [
  {
    id: '001_cluster',
    sql: `
CREATE SCHEMA IF NOT EXISTS hsm;
CREATE TABLE hsm.tenants (
  id text PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE hsm.partitions (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES hsm.tenants(id),
  name text NOT NULL,
  package text NOT NULL,
  capacity_objects integer NOT NULL,
  capacity_bytes bigint NOT NULL,
  key_import boolean NOT NULL,
  key_export boolean NOT NULL,
  key_invalidation boolean NOT NULL,
  read_only boolean NOT NULL,
  session_objects boolean NOT NULL,
  object_destruction boolean NOT NULL,
  object_usage boolean NOT NULL,
  client_api_access boolean NOT NULL,
  version integer NOT NULL DEFAULT 1,
  key_count integer NOT NULL DEFAULT 0,
  bin_count integer NOT NULL DEFAULT 0,
  used_objects integer NOT NULL DEFAULT 0,
  used_bytes bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX partitions_tenant_name ON hsm.partitions (tenant_id, lower(name), id);
CREATE INDEX partitions_name ON hsm.partitions (lower(name), id);
CREATE INDEX partitions_keys ON hsm.partitions (key_count, id);
CREATE INDEX partitions_bin ON hsm.partitions (bin_count, id);
CREATE INDEX partitions_usage ON hsm.partitions (used_objects, id);
CREATE TABLE hsm.policy_log (
  partition_id text NOT NULL REFERENCES hsm.partitions(id),
  version integer NOT NULL,
  policy text NOT NULL,
  from_value boolean NOT NULL,
  to_value boolean NOT NULL,
  actor text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (partition_id, version)
);
CREATE TABLE hsm.clients (
  id text PRIMARY KEY,
  partition_id text NOT NULL REFERENCES hsm.partitions(id),
  name text NOT NULL,
  kind text NOT NULL
);
CREATE INDEX clients_partition ON hsm.clients (partition_id);
CREATE TABLE hsm.keys (
  id text PRIMARY KEY,
  partition_id text NOT NULL REFERENCES hsm.partitions(id),
  pair_id text,
  label text NOT NULL,
  type text NOT NULL,
  size integer NOT NULL,
  key_class text NOT NULL,
  extractable boolean NOT NULL,
  sensitive boolean NOT NULL,
  modifiable boolean NOT NULL,
  destroyable boolean NOT NULL,
  always_sensitive boolean NOT NULL,
  never_extractable boolean NOT NULL,
  bytes integer NOT NULL,
  state text NOT NULL DEFAULT 'active',
  created_at timestamptz NOT NULL DEFAULT now(),
  binned_at timestamptz,
  binned_by text,
  material bytea,
  UNIQUE (partition_id, label, key_class)
);
CREATE INDEX keys_partition_state ON hsm.keys (partition_id, state);
CREATE TABLE hsm.idempotency (
  key text PRIMARY KEY,
  operation text NOT NULL,
  result jsonb NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
`,
  },
];
