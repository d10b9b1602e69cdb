/**
 * A feed instance → the normalised BookingDetails every adapter produces, plus the feed's filter
 * ("which events are video appointments").
 *
 * Citizen: configured rules (a regex on DESCRIPTION, SUMMARY, …) win; otherwise the first ATTENDEE
 * that is a person and not the organizer (CN → name, mailto → e-mail). Many feeds (ZMS) carry no
 * ATTENDEE: the appointment is still created (links for the clerk and through the API), with an empty
 * e-mail, and no citizen mail is sent. Clerk: the ORGANIZER (CN, mailto), when there is one.
 */
import type { VEvent } from 'node-ical';
import type { BookingDetails, Citizen, Clerk } from '../../domain/appointment.ts';
import type { FieldRule, IcalFeedConfig } from './feed-config.ts';
import type { FeedInstance } from './feed-instances.ts';

/** Greeting name when the feed names nobody. */
const FALLBACK_NAME: Record<string, string> = { de: 'Bürgerin, Bürger', en: 'Citizen' };
const EMAIL = /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+$/;

type Property = VEvent['attendee'];
type Params = Record<string, unknown>;

/** node-ical gives text as a string, `{ params, val }` when it had parameters, or a list of either. */
export function textOf(value: unknown): string {
  if (Array.isArray(value)) return value.map(textOf).join('\n');
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'val' in value) return String((value as { val: unknown }).val ?? '');
  return value === undefined || value === null ? '' : String(value);
}

function listOf(value: Property | undefined): Array<{ val: string; params: Params }> {
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items.map((item) =>
    typeof item === 'string' ? { val: item, params: {} } : { val: String(item.val ?? ''), params: (item.params ?? {}) as Params },
  );
}

const mailto = (val: string) => {
  const address = val.replace(/^mailto:/i, '').trim();
  return EMAIL.test(address) && address.length <= 254 ? address : '';
};

/** Compiled form of a feed's filter and rules, built once per sync. */
export interface FeedMapper {
  isVideoAppointment(instance: FeedInstance): boolean;
  toBooking(instance: FeedInstance): BookingDetails;
}

export function createFeedMapper(feed: IcalFeedConfig): FeedMapper {
  const filters = Object.entries(feed.filter ?? {})
    .filter(([, pattern]) => pattern)
    .map(([key, pattern]) => ({ key, re: new RegExp(pattern!, 'i') }));
  const rule = (r: FieldRule | undefined) => (r ? { from: r.from, re: new RegExp(r.pattern, 'i') } : undefined);
  const rules = { name: rule(feed.citizen?.name), email: rule(feed.citizen?.email), phone: rule(feed.citizen?.phone) };

  const read = (event: VEvent, r: ReturnType<typeof rule>): string => {
    if (!r) return '';
    const match = r.re.exec(textOf((event as unknown as Record<string, unknown>)[r.from]));
    return (match?.[1] ?? match?.[0] ?? '').trim();
  };

  const citizenOf = (event: VEvent): Citizen => {
    const organizer = mailto(listOf(event.organizer as Property)[0]?.val ?? '').toLowerCase();
    const attendee = listOf(event.attendee).find((a) => {
      const cutype = String(a.params.CUTYPE ?? 'INDIVIDUAL').toUpperCase();
      const role = String(a.params.ROLE ?? '').toUpperCase();
      const address = mailto(a.val).toLowerCase();
      return address && address !== organizer && (cutype === 'INDIVIDUAL' || cutype === 'UNKNOWN') && role !== 'CHAIR' && role !== 'NON-PARTICIPANT';
    });
    const email = mailto(read(event, rules.email)) || (attendee ? mailto(attendee.val) : '');
    const locale = feed.citizen?.locale;
    const name =
      read(event, rules.name) ||
      (attendee?.params.CN !== undefined ? String(attendee.params.CN).trim() : '') ||
      FALLBACK_NAME[(locale ?? 'de').slice(0, 2).toLowerCase()] ||
      FALLBACK_NAME.de!;
    const phone = read(event, rules.phone).slice(0, 50);
    return { name: name.slice(0, 200), email, ...(phone ? { phone } : {}), ...(locale ? { locale } : {}) };
  };

  const clerkOf = (event: VEvent): Clerk | null => {
    const organizer = listOf(event.organizer as Property)[0];
    if (!organizer) return null;
    const email = mailto(organizer.val);
    const cn = organizer.params.CN !== undefined ? String(organizer.params.CN).trim() : '';
    if (!email && !cn) return null;
    return { id: (email || cn).slice(0, 128), name: (cn || email).slice(0, 200), ...(email ? { email } : {}) };
  };

  return {
    isVideoAppointment(instance) {
      const event = instance.event as unknown as Record<string, unknown>;
      return filters.every(({ key, re }) => {
        if (key === 'categories') {
          const categories = Array.isArray(event.categories) ? event.categories.map(textOf) : [textOf(event.categories)];
          return categories.some((c) => re.test(c));
        }
        return re.test(textOf(event[key]));
      });
    },
    toBooking(instance) {
      const title = (feed.title ?? textOf(instance.event.summary).trim()).slice(0, 300) || 'Termin';
      return {
        externalId: instance.externalId,
        title,
        start: instance.start,
        end: instance.end,
        timezone: instance.timezone,
        services: [...feed.services],
        citizen: citizenOf(instance.event),
        clerk: clerkOf(instance.event),
        notes: null,
      };
    },
  };
}
