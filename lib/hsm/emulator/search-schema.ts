import type { Migration } from '@/lib/db/migrate';

/**
 * Indexes for the partitions list's search (lib/hsm/emulator/partition-list.ts): a trigram index on
 * the lower-cased name (`LIKE '%term%'`) and a plain one on the lower-cased ID, so that with the
 * tenant index every branch of the search is indexed and the count no longer scans the whole table
 * (docs/PERFORMANCE.md). pg_trgm ships with PGlite (loaded by lib/db/driver.ts) and with Debian's
 * PostgreSQL; it is a trusted extension, created in schema `hsm`, which the console owns. Where it is
 * not available the search still works, by scanning.
 */
export const PARTITION_SEARCH_MIGRATION: Migration = {
  id: '004_partition_search',
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
  IF ops_schema IS NOT NULL THEN
    EXECUTE format('CREATE INDEX IF NOT EXISTS partitions_name_trgm ON hsm.partitions USING gin (lower(name) %I.gin_trgm_ops)', ops_schema);
  END IF;
END $$;
CREATE INDEX IF NOT EXISTS partitions_lower_id ON hsm.partitions (lower(id));
`,
};
