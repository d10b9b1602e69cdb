/**
 * Wall-clock time in an IANA zone without a date library: Intl does the zone rules.
 */

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone (creating an Intl.DateTimeFormat costs far more than using one). */
function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    if (wallClockFormats.size < 1000) wallClockFormats.set(timeZone, format);
  }
  return format;
}

/** `YYYY-MM-DDTHH:mm:ss` as the clock on the wall in `timeZone` shows `date`. */
export function toWallTime(date: Date, timeZone: string): string {
  const parts = wallClockFormat(timeZone).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}`;
}

/** Offset of `timeZone` from UTC at `date`, in minutes (Berlin in summer: 120). */
export function zoneOffsetMinutes(date: Date, timeZone: string): number {
  const wall = Date.parse(`${toWallTime(date, timeZone)}Z`);
  return Math.round((wall - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

/**
 * The instant at which the wall clock in `timeZone` shows `wallTime` (`YYYY-MM-DDTHH:mm[:ss]`).
 * Like Temporal's `disambiguation: 'compatible'`: a wall time that occurs twice (autumn) is the earlier
 * instant; one that never occurs (the spring gap) is read with the offset before the gap (02:30 → 03:30).
 */
export function wallTimeToDate(wallTime: string, timeZone: string): Date {
  const normal = wallTime.length === 16 ? `${wallTime}:00` : wallTime;
  const asUtc = Date.parse(`${normal}Z`);
  if (Number.isNaN(asUtc)) throw new RangeError(`not a wall time: ${wallTime}`);
  const day = 24 * 3600 * 1000;
  // The offsets in force around this wall time (zones change at most once within a day).
  const before = zoneOffsetMinutes(new Date(asUtc - day), timeZone);
  const after = zoneOffsetMinutes(new Date(asUtc + day), timeZone);
  const candidates = [asUtc - before * 60000, asUtc - after * 60000]
    .filter((t) => toWallTime(new Date(t), timeZone) === normal.slice(0, 19))
    .sort((a, b) => a - b);
  return new Date(candidates[0] ?? asUtc - before * 60000);
}

/** ISO 8601 with the zone's offset, e.g. `2025-06-01T10:00:00+02:00`. */
export function toOffsetIso(date: Date, timeZone: string): string {
  const offset = zoneOffsetMinutes(date, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${toWallTime(date, timeZone)}${sign}${hh}:${mm}`;
}
