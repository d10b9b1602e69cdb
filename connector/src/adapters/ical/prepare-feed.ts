/**
 * Decoded feed text → small iCalendar chunks that node-ical reads correctly, fast and in little memory.
 *
 * - Only VEVENTs are kept, and of them only the properties the connector uses (times, recurrence,
 *   identity, status, people, and the text properties the feed's title, filter and rules read).
 *   VTIMEZONE blocks are read for X-LIC-LOCATION and dropped (times become UTC), VALARMs dropped.
 * - Raw text is repaired: ZMS-style feeds insert DESCRIPTION without escaping, so a line break inside
 *   it starts a line that is no property ("E-Mail: …", "vielen Dank …"); it is joined back as `\n`.
 * - Local date-times become UTC (feed-text.ts `rewriteDate`); `X-VA-TZ:<zone>` after DTSTART and
 *   `X-VA-UNTIL:<as written>` after RRULE tell the expansion what node-ical's objects no longer say.
 * - VEVENTs are grouped by UID (a series and its moved instances stay together) and cut into chunks
 *   of about CHUNK_EVENTS, so the reader can parse one chunk at a time and let node-ical's objects go.
 */
import { COMPONENT_LINE, parsePropertyLine, rewriteDate, UNTIL_PROPERTY, ZONE_PROPERTY } from './feed-text.ts';
import { ianaZoneFor } from './time-zones.ts';

/** VEVENTs per chunk handed to node-ical. */
export const CHUNK_EVENTS = 500;

/** Text properties a feed can use (title, filter, citizen rules). */
export type TextProperty = 'SUMMARY' | 'DESCRIPTION' | 'LOCATION' | 'COMMENT' | 'CONTACT';
const TEXT_PROPERTIES = new Set<string>(['SUMMARY', 'DESCRIPTION', 'LOCATION', 'COMMENT', 'CONTACT']);
/** Non-text properties the connector reads. */
const KEPT_PROPERTIES = new Set([
  'UID',
  'DTSTART',
  'DTEND',
  'DURATION',
  'RRULE',
  'EXDATE',
  'RECURRENCE-ID',
  'SEQUENCE',
  'STATUS',
  'CATEGORIES',
  'ATTENDEE',
  'ORGANIZER',
]);
const DATE_PROPERTIES = new Set(['DTSTART', 'DTEND', 'RECURRENCE-ID', 'EXDATE']);
/** RFC 5545 §3.6.1 + RFC 7986 properties of a VEVENT, upper case as every real producer writes them. */
const EVENT_PROPERTIES = new Set([
  'DTSTAMP',
  'UID',
  'DTSTART',
  'CLASS',
  'CREATED',
  'DESCRIPTION',
  'GEO',
  'LAST-MODIFIED',
  'LOCATION',
  'ORGANIZER',
  'PRIORITY',
  'SEQUENCE',
  'STATUS',
  'SUMMARY',
  'TRANSP',
  'URL',
  'RECURRENCE-ID',
  'RRULE',
  'DTEND',
  'DURATION',
  'ATTACH',
  'ATTENDEE',
  'CATEGORIES',
  'COMMENT',
  'CONTACT',
  'EXDATE',
  'REQUEST-STATUS',
  'RELATED-TO',
  'RESOURCES',
  'RDATE',
  'COLOR',
  'CONFERENCE',
  'IMAGE',
]);
const PROPERTY_NAME = /^[A-Za-z0-9-]+$/;

export interface PrepareOptions {
  /** The feed's configured zone; wins over X-WR-TIMEZONE. */
  zone?: string;
  /** TIMEZONE: used when neither the feed's configuration nor X-WR-TIMEZONE names a zone. */
  defaultZone: string;
  /** Text properties to keep (default all of them). */
  keepText?: ReadonlySet<TextProperty>;
  /** VEVENTs per chunk (default CHUNK_EVENTS). */
  chunkEvents?: number;
}

/** VEVENT blocks of one UID (`uid` is '' for events without one). */
export interface UidGroup {
  uid: string;
  blocks: string[];
}

export interface PreparedFeed {
  /** Groups cut into chunks of about CHUNK_EVENTS VEVENTs. */
  chunks: UidGroup[][];
  /** Zone for floating times and the appointments' display zone when an event names none. */
  calendarZone: string;
  /** The calendar's METHOD (node-ical copies it onto every event). */
  method: string | undefined;
}

/** A VCALENDAR around some groups, ready for node-ical. */
export function calendarText(groups: UidGroup[], method: string | undefined): string {
  const head = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${method ? `METHOD:${method}\r\n` : ''}`;
  return `${head}${groups.map((g) => g.blocks.join('\r\n')).join('\r\n')}\r\nEND:VCALENDAR\r\n`;
}

const DROPPED = -2;

export function prepareFeed(text: string, options: PrepareOptions): PreparedFeed {
  // Calendar-level facts first (a VTIMEZONE may follow the events that use it).
  const locations = new Map<string, string>();
  let tzid: string | undefined;
  for (const m of text.matchAll(/^(TZID|X-LIC-LOCATION)([:;][^\r\n]*)$/gim)) {
    if (m[1]!.toUpperCase() === 'TZID') tzid = parsePropertyLine(m[0])?.value.trim();
    else if (tzid) locations.set(tzid, m[2]!.slice(1).trim());
  }
  const wrLine = /^X-WR-TIMEZONE[:;][^\r\n]*$/im.exec(text)?.[0];
  const wrZone = wrLine ? parsePropertyLine(wrLine)?.value.trim() : undefined;
  const method = /^METHOD:([^\r\n]*)$/im.exec(text)?.[1]?.trim().toUpperCase() || undefined;
  const calendarZone = options.zone ?? (wrZone ? ianaZoneFor(wrZone, locations) : undefined) ?? options.defaultZone;
  const keepText = options.keepText ?? TEXT_PROPERTIES;

  const groups = new Map<string, UidGroup>();
  const stack: string[] = [];
  let block: string[] | null = null;
  let uid = '';
  let lastText = -1;
  // Line by line without splitting the whole text first, so each line can die young (less memory).
  for (let from = 0; from < text.length; ) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const line = text.slice(from, to > from && text.charCodeAt(to - 1) === 13 ? to - 1 : to);
    from = to + 1;
    const component = line.startsWith('BEGIN:') || line.startsWith('END:') ? COMPONENT_LINE.exec(line) : null;
    if (component) {
      const [, edge, name] = component;
      if (edge === 'BEGIN') {
        stack.push(name!);
        if (name === 'VEVENT' && stack.length === 2) {
          block = ['BEGIN:VEVENT'];
          uid = '';
          lastText = -1;
        }
      } else {
        if (name === 'VEVENT' && block && stack.length === 2) {
          block.push('END:VEVENT');
          const group = groups.get(uid) ?? { uid, blocks: [] };
          group.blocks.push(block.join('\r\n'));
          groups.set(uid, group);
          block = null;
        }
        stack.pop();
      }
      continue;
    }
    if (!block || stack.length !== 2) continue;
    let end = 0;
    while (end < line.length && line[end] !== ':' && line[end] !== ';') end++;
    const name = line.slice(0, end);
    if (end === line.length || !PROPERTY_NAME.test(name) || !(EVENT_PROPERTIES.has(name) || name.startsWith('X-'))) {
      if (lastText >= 0 && line.length > 0) block[lastText] += `\\n${line}`;
      continue;
    }
    if (TEXT_PROPERTIES.has(name)) {
      lastText = keepText.has(name as TextProperty) ? block.length : DROPPED;
      if (lastText !== DROPPED) block.push(line);
      continue;
    }
    lastText = -1;
    if (!KEPT_PROPERTIES.has(name)) continue;
    if (name === 'UID') uid = parsePropertyLine(line)?.value.trim() ?? '';
    if (!DATE_PROPERTIES.has(name)) {
      block.push(line);
      const until = name === 'RRULE' ? /[:;]UNTIL=([0-9]{8}(?:T[0-9]{6}Z?)?)/i.exec(line) : null;
      if (until) block.push(`${UNTIL_PROPERTY}:${until[1]!.toUpperCase()}`);
      continue;
    }
    const property = parsePropertyLine(line);
    if (!property) continue;
    const rewritten = rewriteDate(property, calendarZone, locations);
    block.push(rewritten.line);
    // Only when it differs from the calendar's zone (the reader's default): fewer lines for node-ical.
    if (name === 'DTSTART' && rewritten.zone && rewritten.zone !== calendarZone)
      block.push(`${ZONE_PROPERTY}:${rewritten.zone}`);
  }

  const chunks: UidGroup[][] = [];
  let chunk: UidGroup[] = [];
  let size = 0;
  for (const group of groups.values()) {
    chunk.push(group);
    size += group.blocks.length;
    if (size >= (options.chunkEvents ?? CHUNK_EVENTS)) {
      chunks.push(chunk);
      chunk = [];
      size = 0;
    }
  }
  if (chunk.length) chunks.push(chunk);
  return { chunks, calendarZone, method };
}
