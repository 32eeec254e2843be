import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoString, wallClockText } from '@/lib/iso-time';

// Years 0000-9999, the range toISOString writes with four digits.
const MIN = new Date('0000-01-01T00:00:00.000Z').getTime();
const MAX = new Date('9999-12-31T23:59:59.999Z').getTime();

describe('ISO-8601 text by arithmetic', () => {
  it('is toISOString for any instant of years 0000-9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN, max: MAX }), (ms) => {
        expect(isoString(ms)).toBe(new Date(ms).toISOString());
        expect(wallClockText(ms)).toBe(new Date(ms).toISOString().slice(0, 19));
      }),
      { numRuns: 20_000 },
    );
  });

  it('cuts a fractional millisecond toward zero, as Date does', () => {
    fc.assert(
      fc.property(fc.double({ min: MIN, max: MAX, noNaN: true }), (ms) => {
        expect(isoString(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 5_000 },
    );
    for (const ms of [1.5, -0.5, -0, 0.999, -1.25]) expect(isoString(ms), String(ms)).toBe(new Date(ms).toISOString());
  });

  it('gets the edges right: leap days, centuries, the epoch, the range’s ends', () => {
    for (const text of [
      '2024-02-29T23:59:59.999Z',
      '2000-02-29T00:00:00.000Z',
      '1900-03-01T00:00:00.000Z',
      '2100-02-28T12:00:00.001Z',
      '1970-01-01T00:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
      '0000-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
    ]) {
      expect(isoString(text)).toBe(text);
      expect(isoString(new Date(text))).toBe(text);
    }
  });

  it('reads what the drivers hand over: a Date, or timestamptz text from a JSON document', () => {
    expect(isoString('2026-09-05T04:24:57.45+00:00')).toBe('2026-09-05T04:24:57.450Z');
    expect(isoString('2026-09-05T06:24:57+02:00')).toBe('2026-09-05T04:24:57.000Z');
  });

  it('leaves other years to Date, and refuses an invalid time as toISOString does', () => {
    const far = Date.UTC(12_000, 0, 1);
    expect(wallClockText(far)).toBeNull();
    expect(isoString(far)).toBe(new Date(far).toISOString());
    expect(() => isoString('not a time')).toThrow(RangeError);
  });
});
