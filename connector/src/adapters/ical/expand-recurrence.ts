/**
 * RRULE expansion inside a time range, in the wall clock of the event's zone (RFC 5545 §3.3.10:
 * "every Monday 09:00 Europe/Berlin" stays at 09:00 across daylight-saving changes).
 *
 * node-ical hands over an `rrule` RRule object whose results depend on the SERVER's time zone (rrule's
 * documented "floating UTC" semantics), so the rule is rebuilt here with the same options on a
 * floating DTSTART (wall time as UTC fields), expanded, and each wall time turned into an instant in
 * the event's zone. EXDATEs are matched by instant (date-only EXDATEs by wall date).
 */
import type { RRule } from 'rrule';
import { instantFromWall, wallMs } from './zone-time.ts';

/** At most this many instances of one series are looked at per poll (FREQ=MINUTELY would be endless). */
export const MAX_INSTANCES_PER_SERIES = 2_000;

const DAY = 24 * 3600_000;

type RRuleCtor = new (options: Partial<RRule['origOptions']>) => RRule;

export interface Occurrence {
  /** The instance's original start (its RECURRENCE-ID). */
  start: Date;
  end: Date;
}

/**
 * Occurrences of `rule` whose start lies in [from, to], excluding `exdates`.
 * @param start the series' DTSTART (an instant), @param durationMs DTEND − DTSTART,
 * @param zone the zone DTSTART was written in (`UTC` for `…Z`).
 * @param untilText RRULE's UNTIL as written in the feed, if any.
 */
export function expandRule(
  rule: RRule,
  start: Date,
  durationMs: number,
  zone: string,
  range: { from: Date; to: Date },
  exdates: Date[] = [],
  untilText?: string,
): Occurrence[] {
  const Ctor = rule.constructor as RRuleCtor;
  const { dtstart: _dtstart, tzid: _tzid, ...options } = rule.origOptions;
  if (options.until) options.until = floatingUntil(untilText, options.until, zone);
  const floating = new Ctor({ ...options, dtstart: new Date(wallMs(start.getTime(), zone)) });
  const from = new Date(wallMs(range.from.getTime(), zone) - durationMs - DAY);
  const to = new Date(wallMs(range.to.getTime(), zone) + DAY);
  const excludedInstants = new Set<number>();
  const excludedDays = new Set<string>();
  for (const ex of exdates) {
    if ((ex as Date & { dateOnly?: boolean }).dateOnly) excludedDays.add(localDay(ex));
    else excludedInstants.add(ex.getTime());
  }
  const out: Occurrence[] = [];
  const walls = floating.between(from, to, true, (_date, i) => i < MAX_INSTANCES_PER_SERIES);
  for (const wall of walls) {
    const instant = instantFromWall(wall.getTime(), zone);
    if (instant < range.from.getTime() - durationMs || instant > range.to.getTime()) continue;
    if (excludedInstants.has(instant) || excludedDays.has(wall.toISOString().slice(0, 10))) continue;
    out.push({ start: new Date(instant), end: new Date(instant + durationMs) });
  }
  return out;
}

/**
 * UNTIL as a floating wall time: `UNTIL=…Z` (an instant) → the zone's wall clock at that instant;
 * a local UNTIL is already wall time; a date-only UNTIL includes its whole day.
 */
function floatingUntil(untilText: string | undefined, until: Date, zone: string): Date {
  if (!untilText) return until;
  if (/^\d{8}$/.test(untilText)) return new Date(until.getTime() + DAY - 1000);
  return untilText.endsWith('Z') ? new Date(wallMs(until.getTime(), zone)) : until;
}

/** node-ical builds date-only values as local-midnight Dates; their local fields are the date. */
function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
