import { isoInZone } from './time';
import type { ReportMeta, ReportRow, ReportSummary } from './types';
import { tally, type ByteSink, type ReportWriter, type RowSource } from './writer';

/** Bump on any change a consumer could notice; documented in docs/report-schema.md. */
export const REPORT_SCHEMA_VERSION = '1.0';
export const REPORT_SCHEMA_ID = 'urn:partition-console:policy-report:1';

function header(meta: ReportMeta) {
  const t = (value: string) => isoInZone(value, meta.timeZone);
  return {
    $schema: REPORT_SCHEMA_ID,
    schemaVersion: REPORT_SCHEMA_VERSION,
    report: {
      id: meta.id,
      title: meta.title,
      generatedAt: t(meta.generatedAt),
      generatedBy: meta.generatedBy,
      generator: meta.generator,
      timeZone: meta.timeZone,
      asOf: t(meta.asOf),
      period: { from: t(meta.periodFrom), to: t(meta.asOf) },
      scope: { ...meta.scope, label: meta.scopeLabel },
      baseline: meta.baseline,
      signingKeyFingerprint: meta.signingKeyFingerprint,
    },
  };
}

export function jsonRow(row: ReportRow, timeZone: string) {
  return {
    id: row.id,
    name: row.name,
    tenant: { id: row.tenantId, name: row.tenantName },
    servicePackage: row.servicePackage,
    createdAt: isoInZone(row.createdAt, timeZone),
    policyVersion: row.version,
    online: row.policy.clientApiAccess,
    policy: row.policy,
    baseline: row.baseline ? { id: row.baseline.id, name: row.baseline.name, policy: row.baseline.policy } : null,
    deviations: row.deviations,
    changes: row.changes.map((change) => ({ ...change, at: isoInZone(change.at, timeZone) })),
  };
}

/** JSON: one object, written as it goes (header, then one partition per line, then the summary). */
export const jsonWriter: ReportWriter = {
  passes: 1,
  contentType: 'application/json; charset=utf-8',
  extension: 'json',
  async write(meta: ReportMeta, source: RowSource, out: ByteSink): Promise<ReportSummary> {
    const summary: ReportSummary = { partitions: 0, deviating: 0, changes: 0 };
    const head = JSON.stringify(header(meta), null, 2);
    // The header object stays open: "partitions" and "summary" follow it.
    out.push(`${head.slice(0, head.lastIndexOf('}')).trimEnd()},\n  "partitions": [`);
    let first = true;
    for await (const rows of source.pages()) {
      const parts: string[] = [];
      for (const row of rows) {
        parts.push(`${first ? '\n    ' : ',\n    '}${JSON.stringify(jsonRow(row, meta.timeZone))}`);
        first = false;
      }
      out.push(parts.join(''));
      tally(summary, rows);
      await out.drain();
    }
    out.push(`${first ? '' : '\n  '}],\n  "summary": ${JSON.stringify(summary)}\n}\n`);
    return summary;
  },
};
