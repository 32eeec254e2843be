import { POLICY_IDS } from '@/lib/policy';
import { valueWord } from '@/lib/policy/catalog';
import { BOM, csvLine } from './csv';
import { changeText, deviationText } from './describe';
import { isoInZone } from './time';
import type { ReportMeta, ReportRow, ReportSummary } from './types';
import { tally, type ByteSink, type ReportWriter, type RowSource } from './writer';

const POLICY_COLUMNS: Record<(typeof POLICY_IDS)[number], string> = {
  keyImport: 'key_import',
  keyExport: 'key_export',
  keyInvalidation: 'key_invalidation',
  readOnly: 'read_only',
  sessionObjects: 'session_objects',
  objectDestruction: 'object_destruction',
  objectUsage: 'object_usage',
  clientApiAccess: 'client_api_access',
};

/** The header row; every time column names the report's time zone. */
export function csvHeader(timeZone: string): string[] {
  return [
    'partition_id',
    'partition_name',
    'tenant_id',
    'tenant_name',
    'service_package',
    `created_at (${timeZone})`,
    `as_of (${timeZone})`,
    'policy_version',
    'status',
    ...POLICY_IDS.map((id) => POLICY_COLUMNS[id]),
    'baseline',
    'deviation_count',
    'deviations',
    'changes_in_period',
    `changes (${timeZone})`,
  ];
}

export function csvRow(row: ReportRow, meta: Pick<ReportMeta, 'asOf' | 'timeZone'>, asOfText = isoInZone(meta.asOf, meta.timeZone)): (string | number | null)[] {
  return [
    row.id,
    row.name,
    row.tenantId,
    row.tenantName,
    row.servicePackage,
    isoInZone(row.createdAt, meta.timeZone),
    asOfText,
    row.version,
    row.policy.clientApiAccess ? 'Online' : 'Offline',
    ...POLICY_IDS.map((id) => valueWord(id, row.policy[id])),
    row.baseline?.name ?? 'none saved',
    row.deviations.length,
    row.deviations.map(deviationText).join('; '),
    row.changes.length,
    row.changes
      .map((c) => `${isoInZone(c.at, meta.timeZone)} ${changeText(c)}${c.reason ? `: ${c.reason}` : ''}${c.ticket ? ` [${c.ticket}]` : ''}`)
      .join('; '),
  ];
}

/** CSV: UTF-8 with BOM, CRLF lines, formula-like cells neutralised, times ISO-8601 with offset. */
export const csvWriter: ReportWriter = {
  passes: 1,
  contentType: 'text/csv; charset=utf-8',
  extension: 'csv',
  async write(meta: ReportMeta, source: RowSource, out: ByteSink): Promise<ReportSummary> {
    const summary: ReportSummary = { partitions: 0, deviating: 0, changes: 0 };
    out.push(BOM + csvLine(csvHeader(meta.timeZone)));
    const asOfText = isoInZone(meta.asOf, meta.timeZone);
    for await (const rows of source.pages()) {
      out.push(rows.map((row) => csvLine(csvRow(row, meta, asOfText))).join(''));
      tally(summary, rows);
      await out.drain();
    }
    return summary;
  },
};
