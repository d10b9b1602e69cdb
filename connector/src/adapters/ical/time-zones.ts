/**
 * Turns whatever a feed writes into TZID into an IANA zone:
 * - IANA names (`Europe/Berlin`) as they are;
 * - Windows/Outlook names (`W. Europe Standard Time`, `(UTC+01:00) Amsterdam, Berlin, …`) through
 *   node-ical's own CLDR table (windowsZones.json), the same mapping node-ical applies itself;
 * - path-like ids (`/mozilla.org/20050126_1/Europe/Berlin`, `/Europe/Berlin`) by their IANA tail;
 * - a VTIMEZONE's `X-LIC-LOCATION` when its TZID is none of these;
 * - anything else (`Customized Time Zone`, `tzone://Microsoft/Custom`) → the calendar's zone.
 *   node-ical would use the server's own zone there, which is wrong on a UTC server.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const windowsZones = require('node-ical/windowsZones.json') as Record<string, { iana: string[] }>;

const known = new Map<string, boolean>();

/** True when Node's ICU knows `zone` as an IANA time zone. */
export function isIanaZone(zone: string): boolean {
  let ok = known.get(zone);
  if (ok === undefined) {
    try {
      ok =
        new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone.length > 0 &&
        /[A-Za-z]/.test(zone);
    } catch {
      ok = false;
    }
    known.set(zone, ok);
  }
  return ok;
}

function windowsZone(name: string): string | undefined {
  const direct = windowsZones[name]?.iana[0];
  if (direct) return direct;
  // "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna" written with other spacing or cut short.
  const key = Object.keys(windowsZones).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? windowsZones[key]!.iana[0] : undefined;
}

/**
 * The IANA zone for a TZID value, or undefined when it cannot be told.
 * @param locations TZID → X-LIC-LOCATION of the feed's VTIMEZONE blocks.
 */
export function ianaZoneFor(tzid: string, locations: ReadonlyMap<string, string> = new Map()): string | undefined {
  const name = tzid
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();
  if (!name) return undefined;
  if (isIanaZone(name)) return name;
  const fromWindows = windowsZone(name);
  if (fromWindows && isIanaZone(fromWindows)) return fromWindows;
  const tail = /([A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+)$/.exec(name)?.[1];
  if (tail) {
    const parts = tail.split('/');
    for (let i = 0; i < parts.length - 1; i++) {
      const candidate = parts.slice(i).join('/');
      if (isIanaZone(candidate)) return candidate;
    }
  }
  const location = locations.get(name);
  if (location && isIanaZone(location)) return location;
  return undefined;
}
