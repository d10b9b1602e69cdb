/**
 * Fast wall-clock ↔ instant conversion for feed parsing. A 10,000-event feed carries ~30,000 local
 * times; `domain/zoned-time.ts` builds a new Intl formatter per call, which is too slow for that, so
 * this file caches one formatter per zone and the offsets it has seen (per 15-minute slot: every
 * UTC offset and transition in the tz database falls on a quarter hour).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();
const QUARTER_HOUR = 15 * 60_000;

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall clock in `zone` at `utcMs`, as milliseconds of a UTC date with the same fields. */
export function wallMs(utcMs: number, zone: string): number {
  return utcMs + offsetMs(utcMs, zone);
}

/** Offset of `zone` from UTC at `utcMs`, in ms (Berlin in summer: +7,200,000). */
export function offsetMs(utcMs: number, zone: string): number {
  const slot = Math.floor(utcMs / QUARTER_HOUR);
  const cacheKey = `${zone}|${slot}`;
  const cached = offsets.get(cacheKey);
  if (cached !== undefined) return cached;
  const probe = slot * QUARTER_HOUR;
  const p: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(probe))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!);
  const offset = wall - probe;
  if (offsets.size > 50_000) offsets.clear();
  offsets.set(cacheKey, offset);
  return offset;
}

/**
 * The instant at which the wall clock in `zone` shows the fields of `wall` (a UTC-based ms value).
 * A wall time that occurs twice (autumn) resolves to the earlier instant, one that never occurs
 * (spring gap) to the instant an hour-shifted clock would show — as `zoned-time.ts` does.
 */
export function instantFromWall(wall: number, zone: string): number {
  const first = wall - offsetMs(wall, zone);
  const second = wall - offsetMs(first, zone);
  return Math.min(first, second);
}

/** `YYYYMMDDTHHMMSS` (RFC 5545 local date-time) → UTC ms of a date with those fields, or NaN. */
export function parseBasicDateTime(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  // Reject overflowing fields such as month 13 or hour 25.
  return new Date(ms).getUTCDate() === Number(d) && Number(h) < 24 ? ms : Number.NaN;
}

/** UTC ms → `YYYYMMDDTHHMMSSZ` (RFC 5545 basic format in UTC). */
export function formatBasicUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}
