import { describe, expect, it } from 'vitest';
import type { PolicyLogEntry } from '@/lib/hsm/types';
import { DEFAULT_POLICY } from '@/lib/policy';
import { changesBetween, policyAsOf } from '@/lib/reports/as-of';
import { deviationsOf, NEVER_EXTRACTABLE } from '@/lib/reports/baseline';
import { contentDisposition, safeFileName } from '@/lib/reports/filename';
import { isoInZone, zonedToUtc } from '@/lib/reports/time';

const log: PolicyLogEntry[] = [
  { version: 2, policy: 'keyExport', from: false, to: true, actor: 'console:a', at: '2026-03-01T10:00:00.000Z' },
  { version: 3, policy: 'keyImport', from: true, to: false, actor: 'console:a', at: '2026-04-01T10:00:00.000Z' },
  { version: 4, policy: 'keyExport', from: true, to: false, actor: 'console:b', at: '2026-05-01T10:00:00.000Z' },
];
const now = { policy: { ...DEFAULT_POLICY, keyExport: false, keyImport: false }, version: 4 };

describe('policy as of a time', () => {
  it('undoes every change after the instant, newest first', () => {
    expect(policyAsOf(now, log, '2026-04-15T00:00:00Z')).toEqual({ policy: { ...DEFAULT_POLICY, keyExport: true, keyImport: false }, version: 3 });
    expect(policyAsOf(now, log, '2026-02-01T00:00:00Z')).toEqual({ policy: { ...DEFAULT_POLICY, keyExport: false, keyImport: true }, version: 1 });
    expect(policyAsOf(now, log, '2026-06-01T00:00:00Z')).toEqual(now);
  });

  it('a change exactly at the instant counts as made', () => {
    expect(policyAsOf(now, log, '2026-03-01T10:00:00.000Z').policy.keyExport).toBe(true);
  });

  it('lists the changes inside (from, to]', () => {
    expect(changesBetween(log, '2026-03-01T10:00:00.000Z', '2026-05-01T10:00:00.000Z').map((c) => c.version)).toEqual([3, 4]);
  });
});

describe('baseline deviations', () => {
  it('lists each required value that differs, in catalog order', () => {
    expect(deviationsOf({ ...DEFAULT_POLICY, keyExport: true }, NEVER_EXTRACTABLE)).toEqual([
      { policy: 'keyImport', expected: false, actual: true },
      { policy: 'keyExport', expected: false, actual: true },
    ]);
    expect(deviationsOf({ ...DEFAULT_POLICY, keyImport: false }, NEVER_EXTRACTABLE)).toEqual([]);
    expect(deviationsOf(DEFAULT_POLICY, null)).toEqual([]);
  });
});

describe('times with offsets', () => {
  it('writes ISO-8601 with an explicit offset in the chosen zone', () => {
    expect(isoInZone('2026-12-03T17:04:05.678Z', 'UTC')).toBe('2026-12-03T17:04:05+00:00');
    expect(isoInZone('2026-12-03T17:04:05Z', 'Europe/Berlin')).toBe('2026-12-03T18:04:05+01:00');
    expect(isoInZone('2026-07-03T17:04:05Z', 'Europe/Berlin')).toBe('2026-07-03T19:04:05+02:00');
    expect(isoInZone('2026-12-03T17:04:05Z', 'America/New_York')).toBe('2026-12-03T12:04:05-05:00');
    expect(isoInZone('2026-12-03T17:04:05Z', 'Asia/Kolkata')).toBe('2026-12-03T22:34:05+05:30');
    expect(isoInZone('2026-12-03T01:04:05Z', 'America/St_Johns')).toBe('2026-12-02T21:34:05-03:30');
    expect(isoInZone(new Date('2026-12-31T23:59:59.999Z'), 'Pacific/Kiritimati')).toBe('2027-01-01T13:59:59+14:00');
  });

  it('writes years outside 0000-9999 without the ISO string\'s extended form', () => {
    expect(isoInZone(new Date(Date.UTC(10000, 0, 1, 12)), 'UTC')).toBe('10000-01-01T12:00:00+00:00');
  });

  it('reads a wall-clock time in a zone', () => {
    expect(zonedToUtc('2026-12-03T18:04', 'Europe/Berlin')?.toISOString()).toBe('2026-12-03T17:04:00.000Z');
    expect(zonedToUtc('2026-07-03T12:00', 'America/New_York')?.toISOString()).toBe('2026-07-03T16:00:00.000Z');
    expect(zonedToUtc('not a date', 'UTC')).toBeNull();
  });
});

describe('download file names', () => {
  it('keeps non-ASCII names exactly in filename* and gives an ASCII fallback', () => {
    const header = contentDisposition('policy-report_платёжные-ключи_电子.csv');
    expect(header).toMatch(/^attachment; filename="policy-report_[_-]+\.csv"; filename\*=UTF-8''/);
    expect(header).toContain(`filename*=UTF-8''${encodeURIComponent('policy-report_платёжные-ключи_电子.csv')}`);
    expect(decodeURIComponent(header.split("UTF-8''")[1] ?? '')).toBe('policy-report_платёжные-ключи_电子.csv');
    expect(contentDisposition('a "quoted"; name.pdf')).toContain('filename="a _quoted__ name.pdf"');
    expect(contentDisposition("it's (x).csv")).toContain("filename*=UTF-8''it%27s%20%28x%29.csv");
  });

  it('makes file names from free text without path or control characters', () => {
    expect(safeFileName('Partitions a/b, c:d of Acme')).toBe('Partitions-a-b,-c-d-of-Acme');
    expect(safeFileName('../../etc')).toBe('etc');
    expect(safeFileName('电子病历 签名')).toBe('电子病历-签名');
  });
});
