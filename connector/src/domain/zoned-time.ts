/**
 * Wall-clock time in an IANA zone without a date library: Intl does the zone rules.
 */

/** `YYYY-MM-DDTHH:mm:ss` as the clock on the wall in `timeZone` shows `date`. */
export function toWallTime(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
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
 * Wall times that occur twice or never (the night of a DST change) resolve to one nearby instant.
 */
export function wallTimeToDate(wallTime: string, timeZone: string): Date {
  const asUtc = Date.parse(`${wallTime.length === 16 ? `${wallTime}:00` : wallTime}Z`);
  if (Number.isNaN(asUtc)) throw new RangeError(`not a wall time: ${wallTime}`);
  const first = asUtc - zoneOffsetMinutes(new Date(asUtc), timeZone) * 60000;
  const second = asUtc - zoneOffsetMinutes(new Date(first), timeZone) * 60000;
  return new Date(Math.min(first, second));
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
