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

function offsetMinutes(date: Date, timeZone: string): number {
  if (date.getTime() < 0) return lookUpOffset(date, timeZone);
  const key = `${timeZone} ${Math.floor(date.getTime() / QUARTER_HOUR)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size >= 100_000) offsets.clear();
    offset = lookUpOffset(date, timeZone);
    offsets.set(key, offset);
  }
  return offset;
}

function lookUpOffset(date: Date, timeZone: string): number {
  const name =
    offsetFormat(timeZone)
      .formatToParts(date)
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
  const date = value instanceof Date ? value : new Date(value);
  const offset = offsetMinutes(date, timeZone);
  const local = new Date(date.getTime() + offset * 60_000);
  const year = local.getUTCFullYear();
  // toISOString is "YYYY-MM-DDTHH:MM:SS.sssZ" for years 0-9999: its first 19 characters are the wall clock.
  if (year >= 0 && year <= 9999) return `${local.toISOString().slice(0, 19)}${offsetSuffix(offset)}`;
  const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');
  return (
    `${year}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${offsetSuffix(offset)}`
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
  const first = asUtc - offsetMinutes(new Date(asUtc), timeZone) * 60_000;
  return new Date(asUtc - offsetMinutes(new Date(first), timeZone) * 60_000);
}
