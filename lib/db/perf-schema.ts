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
