/**
 * Raw feed bytes → text, and the line-level tools prepare-feed.ts uses.
 *
 * Unfolding happens at the BYTE level, before decoding: RFC 5545 §3.1 folds at 75 octets, so a fold
 * can split a UTF-8 character, and decoding first would turn both halves into U+FFFD.
 *
 * Local date-times (TZID=…, or floating) are rewritten to UTC (`…Z`) with the zone resolved here
 * (time-zones.ts). node-ical resolves zones itself, but falls back to the SERVER's zone for floating
 * times, custom Outlook zones and TZIDs that are not a line's first parameter, and its TZID path calls
 * moment.tz.names() per value (~0.3 ms each: 3 s for a 10,000-event feed).
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
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset?.trim() || 'utf-8');
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(unfoldBytes(body));
}

/** Removes every CRLF (or LF) followed by a space or tab (RFC 5545 §3.1), copying the bytes once. */
export function unfoldBytes(body: Buffer): Buffer {
  const out = Buffer.allocUnsafe(body.length);
  let written = 0;
  let from = 0;
  for (let at = body.indexOf(10, from); at >= 0; at = body.indexOf(10, at + 1)) {
    const next = body[at + 1];
    if (next !== 32 && next !== 9) continue;
    const cut = at > 0 && body[at - 1] === 13 ? at - 1 : at;
    written += body.copy(out, written, from, cut);
    from = at + 2;
  }
  written += body.copy(out, written, from);
  return out.subarray(0, written);
}

/** True when `text` is a complete iCalendar object (a truncated download is not). */
export function looksLikeICalendar(text: string): boolean {
  return /^\s*BEGIN:VCALENDAR\r?\n/i.test(text) && /\r?\nEND:VCALENDAR\s*$/i.test(text);
}

/** `BEGIN:VEVENT` / `END:VEVENT`, written in upper case by every producer (a raw "End: 12 Uhr" is text). */
export const COMPONENT_LINE = /^(BEGIN|END):([A-Z][A-Z0-9-]*)\s*$/;

export interface PropertyLine {
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

/** One date-valued property in UTC; `zone` is the zone its value was written in (UTC for `…Z`). */
export function rewriteDate(
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
