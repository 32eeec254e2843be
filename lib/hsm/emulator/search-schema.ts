import type { Migration } from '@/lib/db/migrate';

/**
 * The partitions list's search (lib/hsm/emulator/partition-list.ts) reads `search_name`, the name
 * lower-cased once when written (a stored generated column), with `LIKE '%term%'`: a trigram index on
 * it serves selective searches; with the primary key (exact ID) and the tenant index every branch of
 * the search is indexed. A term too short for trigrams ("eu") scans the table: `LIKE` on the stored
 * column is ~4x cheaper than `ILIKE` or `lower(name) LIKE` on every row (docs/PERFORMANCE.md). pg_trgm ships with PGlite (loaded by lib/db/driver.ts) and with Debian's
 * PostgreSQL; it is a trusted extension, created in schema `hsm`, which the console owns. Where it is
 * not available the search still works, by scanning.
 */
export const PARTITION_SEARCH_MIGRATION: Migration = {
  // Earlier drafts (004_partition_search: trigrams on lower(name), an index on lower(id);
  // 004_partition_name_search: trigrams on name for ILIKE) are replaced here: their indexes are dropped.
  id: '004_partition_search_name',
  sql: `
ALTER TABLE hsm.partitions ADD COLUMN IF NOT EXISTS search_name text GENERATED ALWAYS AS (lower(name)) STORED;
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
  DROP INDEX IF EXISTS hsm.partitions_search_name_trgm;
  IF ops_schema IS NOT NULL THEN
    -- fastupdate off: the embedded engine never vacuums, and a GIN pending list left unmerged makes the
    -- planner (rightly) prefer a full scan.
    EXECUTE format('CREATE INDEX partitions_search_name_trgm ON hsm.partitions USING gin (search_name %I.gin_trgm_ops) WITH (fastupdate = off)', ops_schema);
  END IF;
END $$;
`,
};
