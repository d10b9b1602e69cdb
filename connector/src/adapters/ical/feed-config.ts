/**
 * `ICAL_FEEDS`: the JSON list of iCalendar feeds the connector polls (docs/ical-feeds.md).
 *
 * ```json
 * [{ "name": "buergeramt", "url": "https://termine.example.org/feed.ics", "timezone": "Europe/Berlin",
 *    "pollSeconds": 300, "lookAheadDays": 30,
 *    "filter": { "categories": "^video$", "location": "online|video" },
 *    "citizen": { "email": { "from": "description", "pattern": "E-Mail:\\s*(\\S+@\\S+)" } },
 *    "services": ["anmeldung"] }]
 * ```
 * Regular expressions are JavaScript syntax, matched case-insensitively; they are compiled here so a
 * broken one stops the start with the key's name.
 */
import { z } from 'zod';

/** Where a configured citizen field is read from: an event property and a regex (first group = value). */
export interface FieldRule {
  from: 'summary' | 'description' | 'location' | 'comment' | 'contact';
  pattern: string;
}

export interface IcalFeedConfig {
  /** `[a-z0-9][a-z0-9_-]*`, at most 50 characters; appointments get source `ical:<name>`. */
  name: string;
  /** http(s) URL of the feed; may carry a secret token (never logged). */
  url: string;
  /** IANA zone for floating times and display; default X-WR-TIMEZONE of the feed, then TIMEZONE. */
  timezone?: string;
  /** Seconds between polls; 0 = only on `POST /api/feeds/<name>/sync`. Default 300. */
  pollSeconds: number;
  /** Recurring events are expanded and new events created this many days ahead. Default 30. */
  lookAheadDays: number;
  /** Which events are video appointments: every given property must match its regex. Default all. */
  filter?: Partial<Record<'categories' | 'summary' | 'location' | 'description', string>>;
  /** Citizen fields read from the event; ATTENDEE (CN, mailto) is used where a rule finds nothing. */
  citizen?: { name?: FieldRule; email?: FieldRule; phone?: FieldRule; locale?: string };
  /** Service codes of every appointment of this feed (connector/catalogue/services.json). Default none. */
  services: string[];
  /** Fixed title instead of SUMMARY (when SUMMARY holds personal data). */
  title?: string;
}

const regex = z
  .string()
  .min(1)
  .max(500)
  .refine((v) => {
    try {
      new RegExp(v, 'i');
      return true;
    } catch {
      return false;
    }
  }, 'must be a valid regular expression');

const fieldRule = z.object({
  from: z.enum(['summary', 'description', 'location', 'comment', 'contact']),
  pattern: regex,
});

const zone = z.string().refine((v) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: v });
    return true;
  } catch {
    return false;
  }
}, 'unknown IANA time zone');

export const icalFeedSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, 'name must be 1–50 of a-z 0-9 _ - (starting with a letter or digit)'),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  timezone: zone.optional(),
  pollSeconds: z.number().int().min(0).max(86_400).default(300),
  lookAheadDays: z.number().int().min(1).max(366).default(30),
  filter: z
    .strictObject({ categories: regex, summary: regex, location: regex, description: regex })
    .partial()
    .optional(),
  citizen: z
    .strictObject({
      name: fieldRule.optional(),
      email: fieldRule.optional(),
      phone: fieldRule.optional(),
      locale: z
        .string()
        .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "de"')
        .optional(),
    })
    .optional(),
  services: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'service codes are lowercase letters, digits, - and _'))
    .max(20)
    .default([]),
  title: z.string().trim().min(1).max(300).optional(),
});

export const icalFeedsSchema = z
  .array(icalFeedSchema)
  .max(100)
  .refine((list) => new Set(list.map((f) => f.name)).size === list.length, 'feed names must be unique');

/**
 * Parses the ICAL_FEEDS value (JSON text; empty = no feeds).
 * @returns the feeds, or a message naming the first wrong field (`0.url: must be an http(s) URL`).
 */
export function parseIcalFeeds(text: string | undefined): { feeds: IcalFeedConfig[] } | { problem: string } {
  if (text === undefined || text.trim() === '') return { feeds: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: 'must be a JSON list of feeds' };
  }
  const result = icalFeedsSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    return { problem: `${issue.path.join('.') || 'list'}: ${issue.message}` };
  }
  return { feeds: result.data as IcalFeedConfig[] };
}
