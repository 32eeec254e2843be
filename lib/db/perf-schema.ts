import type { Migration } from './migrate';

/**
 * Lookups by submission (idempotency key) whatever the phase or outcome: `findSubmission` on every
 * policy change, the outcome of each intent in `listAudit`, the intent `writeOutcome` copies. The
 * partial unique indexes of 001 cover only intents and final outcomes, so these queries scanned the
 * whole audit (200,000 rows at 10,000 partitions: ~170 ms a lookup). See docs/PERFORMANCE.md.
 */
export const AUDIT_KEY_INDEX_MIGRATION: Migration = {
  id: '006_audit_idempotency_key',
  sql: `
CREATE INDEX audit_idempotency_key ON audit_events (idempotency_key, phase);
`,
};

/**
 * Who made each applied change of a report's partitions (lib/services/report-source.ts): one lookup
 * by (partition, backend version) per change. Without it the planner hashed every applied outcome
 * of the audit for each page of a report (~25 ms a page at 2,000 partitions, 1 ms with it).
 */
export const AUDIT_APPLIED_VERSION_MIGRATION: Migration = {
  id: '007_audit_applied_version',
  sql: `
CREATE INDEX audit_applied_version ON audit_events (partition_id, backend_version) WHERE phase = 'outcome' AND outcome = 'applied';
`,
};

/**
 * Report chunks as base64 text (`body`) instead of bytea: the embedded engine moves bytea through
 * its wire protocol as hex, byte by byte in JavaScript (~12 ms to write a 64 KiB chunk, ~7 ms to read
 * it; ~2 ms and ~1 ms as base64 text), which made storing a 10,000-partition CSV cost ~2 s. Chunks
 * written before this migration keep their `data`; a chunk has exactly one of the two.
 */
export const REPORT_CHUNK_TEXT_MIGRATION: Migration = {
  id: '008_report_chunk_text',
  sql: `
ALTER TABLE report_chunks ADD COLUMN body text;
ALTER TABLE report_chunks ALTER COLUMN data DROP NOT NULL;
ALTER TABLE report_chunks ADD CONSTRAINT report_chunks_one_form CHECK ((data IS NULL) <> (body IS NULL));
`,
};

/**
 * The look-up of 007 as a covering index: a report reads who made each change (name, role, reason,
 * ticket) for every change in its period, some 25,000 rows spread over the whole audit at 10,000
 * partitions. From the index alone (an index-only scan, over pages the visibility map marks
 * all-visible: the fleet seed ends with VACUUM), the audit's heap is not read at all, which was most
 * of a fleet-wide CSV or JSON report's time on a cold store (docs/PERFORMANCE.md).
 */
export const AUDIT_APPLIED_ACTOR_MIGRATION: Migration = {
  id: '009_audit_applied_actor',
  sql: `
DROP INDEX audit_applied_version;
CREATE INDEX audit_applied_version ON audit_events (partition_id, backend_version)
  INCLUDE (actor_name, actor_role, reason, ticket) WHERE phase = 'outcome' AND outcome = 'applied';
`,
};

/**
 * 009 puts the actor's name, with the reason and ticket, in the index's leaf tuples, and a B-tree
 * tuple holds at most ~2.7 kB: an unbounded display name would make the "applied" outcome of a
 * change fail to write after the HSM applied it. Reason (500) and ticket (64) are bounded by the
 * forms' schemas; the name is bounded here, in the store, whoever adds the user. A longer name
 * already stored is cut to 200 characters (it is a display name; the user's ID and e-mail identify).
 */
export const USER_NAME_LENGTH_MIGRATION: Migration = {
  id: '010_user_name_length',
  sql: `
UPDATE users SET name = left(name, 200) WHERE char_length(name) > 200;
ALTER TABLE users ADD CONSTRAINT users_name_length CHECK (char_length(name) <= 200);
`,
};
