/**
 * The iCal adapter's entry point: the bytes of a feed → its video-appointment instances.
 * decode (byte-level unfolding, charset) → completeness check → prepare (prepare-feed.ts: only the
 * VEVENT properties in use, times in UTC, chunks grouped by UID) → node-ical, one chunk at a time →
 * instances (feed-instances.ts) → filter (map-booking.ts). Anything that is not a complete iCalendar
 * object is refused with FeedUnreadable, so the caller keeps its last good state. A chunk node-ical
 * refuses is read again UID by UID: only the unreadable UIDs become `uncertain`.
 */
import ical, { type CalendarResponse } from 'node-ical';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { IcalFeedConfig } from './feed-config.ts';
import { collectInstances, emptyInstances, type FeedInstance, type FeedInstances } from './feed-instances.ts';
import { decodeFeedBytes, looksLikeICalendar } from './feed-text.ts';
import { createFeedMapper, textPropertiesUsed, type FeedMapper } from './map-booking.ts';
import { calendarText, prepareFeed, type UidGroup } from './prepare-feed.ts';

/** The feed's content is not (complete) iCalendar: garbage, an HTML error page, a truncated download. */
export class FeedUnreadable extends Error {
  readonly code = 'not_icalendar';
  constructor(message: string) {
    super(message);
    this.name = 'FeedUnreadable';
  }
}

export interface ReadFeedOptions {
  feed: IcalFeedConfig;
  /** TIMEZONE of the connector. */
  defaultZone: string;
  now: Date;
  /** Charset from the response's Content-Type, if any. */
  charset?: string;
}

export interface FeedContent extends Omit<FeedInstances, 'instances'> {
  /** Instances the filter accepts as video appointments. */
  instances: FeedInstance[];
  /** Timed instances the filter turned down. */
  filteredOut: number;
  /** End of the look-ahead window (now + lookAheadDays). */
  windowEnd: Date;
  mapper: FeedMapper;
}

const DAY = 24 * 3600_000;

/** @throws FeedUnreadable */
export async function readFeed(bytes: Buffer, options: ReadFeedOptions): Promise<FeedContent> {
  const text = decodeFeedBytes(bytes, options.charset);
  if (!looksLikeICalendar(text)) throw new FeedUnreadable('the feed is not a complete iCalendar object');
  const prepared = prepareFeed(text, {
    ...(options.feed.timezone ? { zone: options.feed.timezone } : {}),
    defaultZone: options.defaultZone,
    keepText: textPropertiesUsed(options.feed),
  });
  const windowEnd = new Date(options.now.getTime() + options.feed.lookAheadDays * DAY);
  const range = { from: options.now, to: windowEnd };
  const collected = emptyInstances();
  for (const chunk of prepared.chunks) {
    for (const calendar of parseChunk(chunk, prepared.method, collected))
      collectInstances(calendar, prepared.calendarZone, range, collected);
    await yieldToLoop();
  }
  const mapper = createFeedMapper(options.feed);
  const instances = collected.instances.filter((i) => mapper.isVideoAppointment(i));
  return { ...collected, instances, filteredOut: collected.instances.length - instances.length, windowEnd, mapper };
}

/** node-ical on one chunk; when it throws, on each UID alone (the ones it still refuses are uncertain). */
function parseChunk(chunk: UidGroup[], method: string | undefined, out: FeedInstances): CalendarResponse[] {
  try {
    return [ical.sync.parseICS(calendarText(chunk, method))];
  } catch {
    const calendars: CalendarResponse[] = [];
    for (const group of chunk) {
      try {
        calendars.push(ical.sync.parseICS(calendarText([group], method)));
      } catch {
        out.uncertainUids.add(group.uid);
        out.skipped.unreadable++;
      }
    }
    return calendars;
  }
}
