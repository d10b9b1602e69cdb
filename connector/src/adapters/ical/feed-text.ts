/**
 * Raw feed bytes → iCalendar text that node-ical reads correctly and fast.
 *
 * 1. Unfold at the BYTE level, then decode (RFC 5545 §3.1 folds at 75 octets, so a fold can split a
 *    UTF-8 character; decoding first would turn both halves into U+FFFD).
 * 2. Repair raw text: ZMS-style feeds insert DESCRIPTION without escaping, so a line break inside it
 *    starts a line that is no property ("E-Mail: …"); such lines are joined back as `\n`.
 * 3. Rewrite every local date-time (TZID=…, or floating) to UTC (`…Z`) with the zone resolved here
 *    (time-zones.ts), and add `X-VA-TZ:<zone>` after DTSTART so recurrences can be expanded in it.
 *    node-ical resolves zones itself, but falls back to the SERVER's zone for floating times, custom
 *    Outlook zones and TZIDs that are not its first parameter, and its TZID path calls
 *    moment.tz.names() per value (~0.3 ms each, 3 s for a 10,000-event feed).
 */
import { ianaZoneFor } from './time-zones.ts';
import { formatBasicUtc, instantFromWall, parseBasicDateTime } from './zone-time.ts';

/** The property node-ical sees as `event['VA-TZ']`: the zone to expand recurrences in. */
export const ZONE_PROPERTY = 'X-VA-TZ';
/** `event['VA-UNTIL']`: RRULE's UNTIL as written (rrule drops its `Z`, which decides what it means). */
export const UNTIL_PROPERTY = 'X-VA-UNTIL';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Unfolds lines in the raw bytes and decodes them.
 * @param charset from the response's Content-Type; default UTF-8 (unknown labels fall back to it).
 */
export function decodeFeedBytes(bytes: Buffer, charset?: string): string {
  const body = bytes.subarray(0, 3).equals(UTF8_BOM) ? bytes.subarray(3) : bytes;
  // latin1 maps every byte to one char and back, so this unfolds bytes, not characters.
  const unfolded = Buffer.from(body.toString('latin1').replace(/\r?\n[ \t]/g, ''), 'latin1');
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset?.trim() || 'utf-8');
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(unfolded);
}

/** True when `text` is a complete iCalendar object (a truncated download is not). */
export function looksLikeICalendar(text: string): boolean {
  return /^\s*BEGIN:VCALENDAR\r?\n/i.test(text) && /\r?\nEND:VCALENDAR\s*$/i.test(text);
}

const DATE_PROPERTIES = new Set(['DTSTART', 'DTEND', 'DUE', 'RECURRENCE-ID', 'EXDATE', 'RDATE', 'DTSTAMP', 'CREATED', 'LAST-MODIFIED']);
const TEXT_PROPERTIES = new Set(['DESCRIPTION', 'SUMMARY', 'LOCATION', 'COMMENT']);
/** RFC 5545 §3.6.1 + RFC 7986 properties of a VEVENT, upper case as every real producer writes them. */
const EVENT_PROPERTIES = new Set([
  'BEGIN', 'END', 'DTSTAMP', 'UID', 'DTSTART', 'CLASS', 'CREATED', 'DESCRIPTION', 'GEO', 'LAST-MODIFIED',
  'LOCATION', 'ORGANIZER', 'PRIORITY', 'SEQUENCE', 'STATUS', 'SUMMARY', 'TRANSP', 'URL', 'RECURRENCE-ID',
  'RRULE', 'DTEND', 'DURATION', 'ATTACH', 'ATTENDEE', 'CATEGORIES', 'COMMENT', 'CONTACT', 'EXDATE',
  'REQUEST-STATUS', 'RELATED-TO', 'RESOURCES', 'RDATE', 'COLOR', 'CONFERENCE', 'IMAGE', 'METHOD',
]);

/** `BEGIN:VEVENT` / `END:VEVENT`, written in upper case by every producer (a raw "End: 12 Uhr" is text). */
const COMPONENT_LINE = /^(BEGIN|END):([A-Z][A-Z0-9-]*)\s*$/;

interface PropertyLine {
  name: string;
  params: Array<{ key: string; value: string }>;
  value: string;
}

/** Splits `NAME;P=v;Q="a:b":value` (quoted parameter values may hold `:` and `;`). */
export function parsePropertyLine(line: string): PropertyLine | null {
  const nameMatch = /^[A-Za-z0-9-]+/.exec(line);
  if (!nameMatch) return null;
  const name = nameMatch[0];
  const params: PropertyLine['params'] = [];
  let i = name.length;
  while (line[i] === ';') {
    const eq = line.indexOf('=', i);
    if (eq < 0) return null;
    const key = line.slice(i + 1, eq);
    if (!/^[A-Za-z0-9-]+$/.test(key)) return null;
    let j = eq + 1;
    for (;;) {
      if (line[j] === '"') {
        const close = line.indexOf('"', j + 1);
        if (close < 0) return null;
        j = close + 1;
      } else {
        while (j < line.length && !';:,'.includes(line[j]!)) j++;
      }
      if (line[j] !== ',') break;
      j++;
    }
    params.push({ key: key.toUpperCase(), value: line.slice(eq + 1, j) });
    i = j;
  }
  if (line[i] !== ':') return null;
  return { name, params, value: line.slice(i + 1) };
}

export interface NormaliseOptions {
  /** The feed's configured zone; wins over X-WR-TIMEZONE. */
  zone?: string;
  /** TIMEZONE: used when neither the feed's configuration nor X-WR-TIMEZONE names a zone. */
  defaultZone: string;
}

export interface NormalisedFeed {
  text: string;
  /** Zone for floating times and the appointments' display zone when an event names none. */
  calendarZone: string;
}

/** Applies steps 2 and 3 of the file comment to decoded, unfolded text. */
export function normaliseFeedText(text: string, options: NormaliseOptions): NormalisedFeed {
  const lines = text.split(/\r?\n/);
  const locations = new Map<string, string>();
  let wrZone: string | undefined;
  let tzid: string | undefined;
  for (const line of lines) {
    if (/^TZID[:;]/i.test(line)) tzid = parsePropertyLine(line)?.value.trim();
    else if (/^X-LIC-LOCATION:/i.test(line) && tzid) locations.set(tzid, line.slice(line.indexOf(':') + 1).trim());
    else if (!wrZone && /^X-WR-TIMEZONE[:;]/i.test(line)) wrZone = parsePropertyLine(line)?.value.trim();
  }
  const calendarZone = options.zone ?? (wrZone ? ianaZoneFor(wrZone, locations) : undefined) ?? options.defaultZone;

  const out: string[] = [];
  const stack: string[] = [];
  let lastText = -1;
  for (const line of lines) {
    const component = COMPONENT_LINE.exec(line);
    if (component) {
      if (component[1] === 'BEGIN') stack.push(component[2]!);
      else stack.pop();
      out.push(line);
      lastText = -1;
      continue;
    }
    if (stack.at(-1) !== 'VEVENT') {
      out.push(line);
      continue;
    }
    const property = parsePropertyLine(line);
    const isProperty = property && (EVENT_PROPERTIES.has(property.name) || property.name.startsWith('X-'));
    if (!isProperty) {
      if (lastText >= 0 && line.length > 0) out[lastText] += `\\n${line}`;
      continue;
    }
    if (property.name === ZONE_PROPERTY || property.name === UNTIL_PROPERTY) continue;
    lastText = TEXT_PROPERTIES.has(property.name) ? out.length : -1;
    if (!DATE_PROPERTIES.has(property.name)) {
      out.push(line);
      const until = property.name === 'RRULE' ? /(?:^|;)UNTIL=([0-9]{8}(?:T[0-9]{6}Z?)?)/i.exec(property.value) : null;
      if (until) out.push(`${UNTIL_PROPERTY}:${until[1]!.toUpperCase()}`);
      continue;
    }
    const rewritten = rewriteDate(property, calendarZone, locations);
    out.push(rewritten.line);
    if (property.name === 'DTSTART' && rewritten.zone) out.push(`${ZONE_PROPERTY}:${rewritten.zone}`);
  }
  return { text: out.join('\r\n'), calendarZone };
}

/** One date-valued property in UTC; `zone` is the zone its value was written in (UTC for `…Z`). */
function rewriteDate(
  property: PropertyLine,
  calendarZone: string,
  locations: ReadonlyMap<string, string>,
): { line: string; zone?: string } {
  const valueType = property.params.find((p) => p.key === 'VALUE')?.value.toUpperCase();
  const values = property.value.split(',').map((v) => v.trim());
  if (valueType === 'PERIOD') return { line: `${property.name}:${property.value}` };
  if (valueType === 'DATE' || (valueType === undefined && values.every((v) => /^\d{8}$/.test(v)))) {
    return { line: `${property.name};VALUE=DATE:${values.join(',')}` };
  }
  const tzid = property.params.find((p) => p.key === 'TZID')?.value;
  const zone = tzid ? (ianaZoneFor(tzid, locations) ?? calendarZone) : calendarZone;
  let usedZone: string | undefined;
  const converted = values.map((v) => {
    if (/^\d{8}T\d{6}Z$/i.test(v)) {
      usedZone ??= 'UTC';
      return v.toUpperCase();
    }
    const wall = parseBasicDateTime(v);
    if (Number.isNaN(wall)) return v;
    usedZone ??= zone;
    return formatBasicUtc(instantFromWall(wall, zone));
  });
  const kept = property.params.filter((p) => p.key !== 'TZID' && p.key !== 'VALUE').map((p) => `;${p.key}=${p.value}`);
  return { line: `${property.name}${kept.join('')}:${converted.join(',')}`, ...(usedZone ? { zone: usedZone } : {}) };
}
