/**
 * The iCal adapter's entry point: the bytes of a feed → its video-appointment instances.
 * decode (byte-level unfolding, charset) → completeness check → normalise (feed-text.ts) → node-ical →
 * instances (feed-instances.ts) → filter (map-booking.ts). Anything that is not a complete iCalendar
 * object is refused with FeedUnreadable, so the caller keeps its last good state.
 */
import ical, { type CalendarResponse } from 'node-ical';
import { decodeFeedBytes, looksLikeICalendar, normaliseFeedText } from './feed-text.ts';
import { collectInstances, type FeedInstance, type FeedInstances } from './feed-instances.ts';
import type { IcalFeedConfig } from './feed-config.ts';
import { createFeedMapper, type FeedMapper } from './map-booking.ts';

/** The feed's content is not (complete) iCalendar: garbage, an HTML error page, a truncated download. */
export class FeedUnreadable extends Error {
  readonly code: 'not_icalendar' | 'parse_failed';
  constructor(code: FeedUnreadable['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FeedUnreadable';
    this.code = code;
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
  if (!looksLikeICalendar(text)) throw new FeedUnreadable('not_icalendar', 'the feed is not a complete iCalendar object');
  const normalised = normaliseFeedText(text, {
    ...(options.feed.timezone ? { zone: options.feed.timezone } : {}),
    defaultZone: options.defaultZone,
  });
  let calendar: CalendarResponse;
  try {
    calendar = await ical.async.parseICS(normalised.text);
  } catch (err) {
    throw new FeedUnreadable('parse_failed', 'node-ical could not parse the feed', { cause: err });
  }
  const windowEnd = new Date(options.now.getTime() + options.feed.lookAheadDays * DAY);
  const collected = collectInstances(calendar, normalised.calendarZone, { from: options.now, to: windowEnd });
  const mapper = createFeedMapper(options.feed);
  const instances = collected.instances.filter((i) => mapper.isVideoAppointment(i));
  return {
    ...collected,
    instances,
    filteredOut: collected.instances.length - instances.length,
    windowEnd,
    mapper,
  };
}
