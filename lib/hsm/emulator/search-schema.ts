import type { Migration } from '@/lib/db/migrate';

/**
 * The index for the partitions list's search (lib/hsm/emulator/partition-list.ts): a trigram index on
 * the name, which serves `name ILIKE '%term%'`; with the primary key (exact ID) and the tenant index
 * every branch of the search is indexed, so a selective search no longer scans the whole table
 * (docs/PERFORMANCE.md). pg_trgm ships with PGlite (loaded by lib/db/driver.ts) and with Debian's
 * PostgreSQL; it is a trusted extension, created in schema `hsm`, which the console owns. Where it is
 * not available the search still works, by scanning.
 */
export const PARTITION_SEARCH_MIGRATION: Migration = {
  // (An earlier draft, 004_partition_search, indexed lower(name) and lower(id): replaced here.)
  id: '004_partition_name_search',
  sql: `
DO $$
DECLARE
  ops_schema text;
BEGIN
  BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA hsm;
  EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available: the partitions search scans the table';
  END;
  SELECT n.nspname INTO ops_schema FROM pg_opclass c JOIN pg_namespace n ON n.oid = c.opcnamespace
   WHERE c.opcname = 'gin_trgm_ops' LIMIT 1;
  DROP INDEX IF EXISTS hsm.partitions_lower_id;
  DROP INDEX IF EXISTS hsm.partitions_name_trgm;
  IF ops_schema IS NOT NULL THEN
    -- fastupdate off: the embedded engine never vacuums, and a GIN pending list left unmerged makes the
    -- planner (rightly) prefer a full scan.
    EXECUTE format('CREATE INDEX partitions_name_trgm ON hsm.partitions USING gin (name %I.gin_trgm_ops) WITH (fastupdate = off)', ops_schema);
  END IF;
END $$;
`,
};
