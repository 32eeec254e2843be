import { wallClockText } from '@/lib/iso-time';

/** Whether `zone` is an IANA time zone this runtime knows ("UTC", "Europe/Berlin"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// Building a DateTimeFormat costs ~0.3 ms: a report formats tens of thousands of times, in one zone.
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

function offsetFormat(timeZone: string): Intl.DateTimeFormat {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  return format;
}

// Offsets change only on 15-minute boundaries (every zone's offsets and transitions have been
// multiples of 15 minutes since 1970): one lookup per zone and quarter hour. Bounded by clearing.
const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number>();

function offsetMinutes(ms: number, timeZone: string): number {
  if (ms < 0) return lookUpOffset(ms, timeZone);
  const key = `${timeZone} ${Math.floor(ms / QUARTER_HOUR)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size >= 100_000) offsets.clear();
    offset = lookUpOffset(ms, timeZone);
    offsets.set(key, offset);
  }
  return offset;
}

function lookUpOffset(ms: number, timeZone: string): number {
  const name =
    offsetFormat(timeZone)
      .formatToParts(ms)
      .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

const offsetSuffixes = new Map<number, string>();

/** "+01:00", "-03:30", "+00:00" for an offset in minutes. */
function offsetSuffix(offset: number): string {
  let suffix = offsetSuffixes.get(offset);
  if (suffix === undefined) {
    const pad = (n: number) => String(n).padStart(2, '0');
    suffix = `${offset < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
    offsetSuffixes.set(offset, suffix);
  }
  return suffix;
}

/** ISO-8601 with an explicit offset in `timeZone`: 2026-12-03T18:04:05+01:00 (never a bare "Z"). */
export function isoInZone(value: string | Date, timeZone: string): string {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`Invalid time value: ${String(value)}`);
  const offset = offsetMinutes(ms, timeZone);
  const local = ms + offset * 60_000;
  const text = wallClockText(local);
  if (text !== null) return `${text}${offsetSuffix(offset)}`;
  const date = new Date(local);
  const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}${offsetSuffix(offset)}`
  );
}

/**
 * The instant a wall-clock time ("2026-12-03T10:00", as a datetime-local field posts it) names in
 * `timeZone`. Around a DST change the earlier of two readings wins.
 */
export function zonedToUtc(wallClock: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wallClock);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  if (Number.isNaN(asUtc)) return null;
  const first = asUtc - offsetMinutes(asUtc, timeZone) * 60_000;
  return new Date(asUtc - offsetMinutes(first, timeZone) * 60_000);
}
