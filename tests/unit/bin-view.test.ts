import { describe, expect, it } from 'vitest';
import { binAge, BIN_WARNING_SHARE, totalsView } from '@/lib/services/bin';
import { formatBytes, formatShare } from '@/components/bin/format';

const NOW = Date.parse('2026-12-03T12:00:00Z');

describe('binAge', () => {
  it('says minutes, then hours up to two days, then days', () => {
    expect(binAge('2026-12-03T12:00:00Z', NOW)).toBe('0 minutes');
    expect(binAge('2026-12-03T11:59:00Z', NOW)).toBe('1 minute');
    expect(binAge('2026-12-03T10:30:00Z', NOW)).toBe('1 hour');
    expect(binAge('2026-12-02T00:00:00Z', NOW)).toBe('36 hours');
    expect(binAge('2026-11-30T12:00:00Z', NOW)).toBe('3 days');
    expect(binAge('2026-12-04T00:00:00Z', NOW)).toBe('0 minutes');
  });
});

describe('totalsView', () => {
  const base = {
    partitionId: 'p',
    partitionName: 'p',
    tenantId: 't',
    tenantName: 't',
    objects: 0,
    bytes: 0,
    capacity: { objects: 100, bytes: 10_000, usedObjects: 50, usedBytes: 5_000 },
  };

  it(`flags a bin above ${BIN_WARNING_SHARE * 100}% of the objects or of the bytes, whichever is larger`, () => {
    expect(totalsView({ ...base, objects: 20, bytes: 100 }).warning).toBe(false);
    expect(totalsView({ ...base, objects: 21, bytes: 100 }).warning).toBe(true);
    expect(totalsView({ ...base, objects: 1, bytes: 2_001 }).warning).toBe(true);
    expect(totalsView({ ...base, objects: 21 })).toMatchObject({ objectShare: 0.21, byteShare: 0 });
  });

  it('survives a partition without capacity', () => {
    expect(totalsView({ ...base, objects: 3, capacity: { objects: 0, bytes: 0, usedObjects: 3, usedBytes: 0 } }).warning).toBe(false);
  });
});

describe('formatting', () => {
  it('prints bytes and shares as operators read them', () => {
    expect(formatBytes(288)).toBe('288 B');
    expect(formatBytes(120_000)).toBe('117.2 KiB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3 MiB');
    expect(formatShare(0.005)).toBe('0.5%');
    expect(formatShare(0.2)).toBe('20%');
    expect(formatShare(0)).toBe('0%');
  });
});
