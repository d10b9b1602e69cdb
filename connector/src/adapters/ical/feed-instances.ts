/**
 * node-ical's calendar → the timed event instances of a feed, each keyed like DESIGN.md says:
 * `UID` for a single event, `UID/<RECURRENCE-ID in UTC, basic format>` for an instance of a
 * recurring one (also for a moved instance, whose RECURRENCE-ID is its original start).
 *
 * All-day entries (VALUE=DATE) are no appointments and are left out; so are events longer than a
 * day. A UID whose data cannot be read is reported as `uncertain`: the reconciler must not cancel
 * what it cannot see.
 */
import { createHash } from 'node:crypto';
import type { CalendarResponse, VEvent } from 'node-ical';
import { expandRule } from './expand-recurrence.ts';
import { formatBasicUtc } from './zone-time.ts';

/** An event without DTEND/DURATION lasts this long (RFC 5545 would give it no duration at all). */
export const DEFAULT_DURATION_MS = 30 * 60_000;
const MAX_DURATION_MS = 24 * 3600_000;

/** One timed occurrence in the feed. */
export interface FeedInstance {
  /** The event's UID (hashed when very long, see externalIdFor). */
  uid: string;
  externalId: string;
  start: Date;
  end: Date;
  /** IANA zone the appointment is shown in. */
  timezone: string;
  /** The VEVENT's SEQUENCE (0 when absent). */
  sequence: number;
  /** Why the feed says this instance is cancelled, if it does. */
  cancelled: 'STATUS:CANCELLED' | 'METHOD:CANCEL' | null;
  /** The properties of the VEVENT behind this instance (the override for a moved instance). */
  event: EventData;
}

/** What the connector reads from a VEVENT besides times (shared by all instances of a series). */
export interface EventData {
  summary: string;
  description: string;
  location: string;
  comment: string;
  contact: string;
  categories: string[];
  attendees: PersonProperty[];
  organizer: PersonProperty | null;
}

/** ATTENDEE / ORGANIZER: the value (`mailto:…`) and its parameters (CN, ROLE, CUTYPE, …). */
export interface PersonProperty {
  val: string;
  params: Record<string, unknown>;
}

export interface FeedInstances {
  instances: FeedInstance[];
  /** UIDs whose events could not be read; their stored appointments stay as they are. */
  uncertainUids: Set<string>;
  /** Counts of what was left out, for the log. */
  skipped: { allDay: number; noUid: number; tooLong: number; unreadable: number };
}

/**
 * `UID` or `UID/<RECURRENCE-ID as YYYYMMDDTHHMMSSZ>`; a UID longer than 230 characters is replaced by
 * `sha256-<hex>` so the id fits 255 characters (FeedInstance.uid holds that same key).
 */
export function externalIdFor(uid: string, recurrenceId?: Date): string {
  const base = uid.length > 230 ? `sha256-${createHash('sha256').update(uid).digest('hex')}` : uid;
  return recurrenceId ? `${base}/${formatBasicUtc(recurrenceId.getTime())}` : base;
}

type Event = VEvent & { 'VA-TZ'?: string; 'VA-UNTIL'?: string };

const isDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());
const isAllDay = (e: Event) =>
  e.datetype === 'date' || Boolean((e.start as unknown as { dateOnly?: boolean })?.dateOnly);

function cancelledBy(e: Event): FeedInstance['cancelled'] {
  if (String(e.status ?? '').toUpperCase() === 'CANCELLED') return 'STATUS:CANCELLED';
  if (String(e.method ?? '').toUpperCase() === 'CANCEL') return 'METHOD:CANCEL';
  return null;
}

/** An empty result to collect into. */
export function emptyInstances(): FeedInstances {
  return { instances: [], uncertainUids: new Set(), skipped: { allDay: 0, noUid: 0, tooLong: 0, unreadable: 0 } };
}

/**
 * Adds every instance of `calendar` that is running or starts before `to` (single events: any time, so
 * a move beyond the window is still seen), with series expanded from `from` to `to`.
 * @param calendarZone zone of floating times; display zone of events written in UTC.
 */
export function collectInstances(
  calendar: CalendarResponse,
  calendarZone: string,
  range: { from: Date; to: Date },
  result: FeedInstances = emptyInstances(),
): FeedInstances {
  for (const component of Object.values(calendar)) {
    if (component.type !== 'VEVENT') continue;
    const event = component as Event;
    const rawUid = typeof event.uid === 'string' ? event.uid.trim() : '';
    const uid = rawUid ? externalIdFor(rawUid) : '';
    if (!uid) {
      result.skipped.noUid++;
      continue;
    }
    // All of a UID's instances or none: a half-read series must not look like a shortened one.
    const own: FeedInstances = { ...result, instances: [] };
    try {
      addEventInstances(event, uid, calendarZone, range, own);
      for (const instance of own.instances) result.instances.push(instance);
    } catch {
      result.uncertainUids.add(uid);
      result.skipped.unreadable++;
    }
  }
  return result;
}

/** node-ical gives text as a string, `{ params, val }` when it had parameters, or a list of either. */
export function textOf(value: unknown): string {
  if (Array.isArray(value)) return value.map(textOf).join('\n');
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'val' in value) return String((value as { val: unknown }).val ?? '');
  return value === undefined || value === null ? '' : String(value);
}

function people(value: unknown): PersonProperty[] {
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items.map((item: unknown) =>
    typeof item === 'string'
      ? { val: item, params: {} }
      : {
          val: String((item as PersonProperty).val ?? ''),
          params: ((item as PersonProperty).params ?? {}) as Record<string, unknown>,
        },
  );
}

function dataOf(event: Event): EventData {
  const categories = (event as unknown as Record<string, unknown>).categories;
  return {
    summary: textOf(event.summary),
    description: textOf(event.description),
    location: textOf(event.location),
    comment: textOf((event as unknown as Record<string, unknown>).comment),
    contact: textOf((event as unknown as Record<string, unknown>).contact),
    categories: Array.isArray(categories)
      ? categories.map(textOf)
      : categories === undefined
        ? []
        : [textOf(categories)],
    attendees: people(event.attendee),
    organizer: people(event.organizer)[0] ?? null,
  };
}

function addEventInstances(
  event: Event,
  uid: string,
  calendarZone: string,
  range: { from: Date; to: Date },
  out: FeedInstances,
): void {
  if (isAllDay(event)) {
    out.skipped.allDay++;
    return;
  }
  const overrides = Object.values(event.recurrences ?? {}) as Event[];
  if (!event.rrule) {
    // A single event, or instances of a series whose master is not in this feed.
    const singles = event.recurrenceid !== undefined ? overrides : [event];
    for (const single of singles)
      addInstance(single, uid, calendarZone, out, isDate(single.recurrenceid) ? single.recurrenceid : undefined);
    return;
  }
  if (!isDate(event.start)) throw new Error('unreadable DTSTART');
  const zone = event['VA-TZ'] ?? calendarZone;
  const duration = durationOf(event);
  if (duration > MAX_DURATION_MS) {
    out.skipped.tooLong++;
    return;
  }
  const byRecurrenceId = new Map<number, Event>();
  for (const o of overrides) if (isDate(o.recurrenceid)) byRecurrenceId.set(o.recurrenceid.getTime(), o);
  const exdates = Object.values((event.exdate ?? {}) as Record<string, unknown>).filter(isDate);
  const data = dataOf(event);
  for (const occurrence of expandRule(event.rrule, event.start, duration, zone, range, exdates, event['VA-UNTIL'])) {
    const key = occurrence.start.getTime();
    if (byRecurrenceId.has(key)) continue; // the override below stands for it
    out.instances.push({
      uid,
      externalId: externalIdFor(uid, occurrence.start),
      start: occurrence.start,
      end: occurrence.end,
      timezone: displayZone(zone, calendarZone),
      sequence: sequenceOf(event),
      cancelled: cancelledBy(event),
      event: data,
    });
  }
  for (const [recurrenceId, override] of byRecurrenceId)
    addInstance(override, uid, calendarZone, out, new Date(recurrenceId));
}

function addInstance(
  event: Event,
  uid: string,
  calendarZone: string,
  out: FeedInstances,
  recurrenceId: Date | undefined,
): void {
  if (isAllDay(event)) {
    out.skipped.allDay++;
    return;
  }
  if (!isDate(event.start)) throw new Error('unreadable DTSTART');
  const duration = durationOf(event);
  if (duration > MAX_DURATION_MS) {
    out.skipped.tooLong++;
    return;
  }
  out.instances.push({
    uid,
    externalId: externalIdFor(uid, recurrenceId),
    start: event.start,
    end: new Date(event.start.getTime() + duration),
    timezone: displayZone(event['VA-TZ'] ?? calendarZone, calendarZone),
    sequence: sequenceOf(event),
    cancelled: cancelledBy(event),
    event: dataOf(event),
  });
}

function durationOf(event: Event): number {
  if (!isDate(event.end)) {
    if (event.end !== undefined) throw new Error('unreadable DTEND');
    return DEFAULT_DURATION_MS;
  }
  const ms = event.end.getTime() - event.start.getTime();
  return ms > 0 ? ms : DEFAULT_DURATION_MS;
}

function sequenceOf(event: Event): number {
  const n = Number.parseInt(String(event.sequence ?? '0'), 10);
  return Number.isFinite(n) && n >= 0 ? n : 0;
}

/** Events written in UTC are shown in the calendar's zone, not in UTC. */
function displayZone(zone: string, calendarZone: string): string {
  return zone === 'UTC' ? calendarZone : zone;
}
