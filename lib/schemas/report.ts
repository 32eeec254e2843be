import { z } from 'zod';
import { isTimeZone, zonedToUtc } from '@/lib/reports/time';
import { BASELINE_IDS, REPORT_FORMATS, type ReportScope } from '@/lib/reports/types';

const MAX_CHOSEN = 500;
const ID = /^[A-Za-z0-9_.:-]{1,64}$/;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A datetime-local value ("2026-12-03T10:00") or a full ISO-8601 instant. */
const when = z.preprocess(blankToUndefined, z.string().max(40).optional());

/** The report builder's form. `partitionIds` arrives as one comma/space-separated field. */
export const createReportSchema = z
  .object({
    scope: z.enum(['all', 'tenant', 'partitions'], 'Choose what the report covers.'),
    tenantId: z.preprocess(blankToUndefined, z.string().max(64).optional()),
    partitionIds: z.preprocess(blankToUndefined, z.string().max(40_000).optional()),
    asOf: when,
    periodFrom: when,
    baseline: z.enum(BASELINE_IDS, 'Choose a baseline.'),
    format: z.enum(REPORT_FORMATS, 'Choose CSV, JSON or PDF.'),
    timeZone: z.preprocess(blankToUndefined, z.string().max(64).default('UTC')).refine(isTimeZone, 'Unknown time zone.'),
  })
  .transform((data, context) => {
    const instant = (field: 'asOf' | 'periodFrom'): string | null => {
      const value = data[field];
      if (!value) return null;
      const date = /[zZ]|[+-]\d{2}:\d{2}$/.test(value) ? new Date(value) : zonedToUtc(value, data.timeZone);
      if (!date || Number.isNaN(date.getTime())) {
        context.addIssue({ code: 'custom', path: [field], message: 'Not a valid date and time.' });
        return null;
      }
      return date.toISOString();
    };
    let scope: ReportScope = { kind: 'all' };
    if (data.scope === 'tenant') {
      if (!data.tenantId) context.addIssue({ code: 'custom', path: ['tenantId'], message: 'Choose a tenant.' });
      scope = { kind: 'tenant', tenantId: data.tenantId ?? '' };
    }
    if (data.scope === 'partitions') {
      const ids = [...new Set((data.partitionIds ?? '').split(/[\s,]+/).filter(Boolean))];
      if (ids.length === 0) context.addIssue({ code: 'custom', path: ['partitionIds'], message: 'Choose at least one partition.' });
      if (ids.length > MAX_CHOSEN) context.addIssue({ code: 'custom', path: ['partitionIds'], message: `At most ${MAX_CHOSEN} partitions.` });
      if (ids.some((id) => !ID.test(id))) context.addIssue({ code: 'custom', path: ['partitionIds'], message: 'Not a partition ID.' });
      scope = { kind: 'partitions', partitionIds: ids };
    }
    return {
      scope,
      asOf: instant('asOf'),
      periodFrom: instant('periodFrom'),
      baseline: data.baseline,
      format: data.format,
      timeZone: data.timeZone,
    };
  });

export type CreateReportForm = z.output<typeof createReportSchema>;
