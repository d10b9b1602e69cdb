/**
 * A feed instance → the normalised BookingDetails every adapter produces, plus the feed's filter
 * ("which events are video appointments").
 *
 * Citizen: configured rules (a regex on DESCRIPTION, SUMMARY, …) win; otherwise the first ATTENDEE
 * that is a person and not the organizer (CN → name, mailto → e-mail). Many feeds (ZMS) carry no
 * ATTENDEE: the appointment is still created (links for the clerk and through the API), with an empty
 * e-mail, and no citizen mail is sent. Clerk: the ORGANIZER (CN, mailto), when there is one.
 */
import type { BookingDetails, Citizen, Clerk } from '../../domain/appointment.ts';
import type { FieldRule, IcalFeedConfig } from './feed-config.ts';
import type { EventData, FeedInstance } from './feed-instances.ts';
import type { TextProperty } from './prepare-feed.ts';

/** Greeting name when the feed names nobody. */
const FALLBACK_NAME: Record<string, string> = { de: 'Bürgerin, Bürger', en: 'Citizen' };
const EMAIL = /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+$/;

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

  const read = (event: EventData, r: ReturnType<typeof rule>): string => {
    if (!r) return '';
    const match = r.re.exec(event[r.from]);
    return (match?.[1] ?? match?.[0] ?? '').trim();
  };

  const citizenOf = (event: EventData): Citizen => {
    const organizer = mailto(event.organizer?.val ?? '').toLowerCase();
    const attendee = event.attendees.find((a) => {
      const cutype = String(a.params.CUTYPE ?? 'INDIVIDUAL').toUpperCase();
      const role = String(a.params.ROLE ?? '').toUpperCase();
      const address = mailto(a.val).toLowerCase();
      return (
        address &&
        address !== organizer &&
        (cutype === 'INDIVIDUAL' || cutype === 'UNKNOWN') &&
        role !== 'CHAIR' &&
        role !== 'NON-PARTICIPANT'
      );
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

  const clerkOf = (event: EventData): Clerk | null => {
    const organizer = event.organizer;
    if (!organizer) return null;
    const email = mailto(organizer.val);
    const cn = organizer.params.CN !== undefined ? String(organizer.params.CN).trim() : '';
    if (!email && !cn) return null;
    return { id: (email || cn).slice(0, 128), name: (cn || email).slice(0, 200), ...(email ? { email } : {}) };
  };

  return {
    isVideoAppointment(instance) {
      const event = instance.event;
      return filters.every(({ key, re }) =>
        key === 'categories'
          ? event.categories.some((c) => re.test(c))
          : re.test(event[key as 'summary' | 'location' | 'description']),
      );
    },
    toBooking(instance) {
      const title = (feed.title ?? instance.event.summary.trim()).slice(0, 300) || 'Termin';
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

/** The text properties a feed's title, filter and citizen rules read (the rest is dropped early). */
export function textPropertiesUsed(feed: IcalFeedConfig): Set<TextProperty> {
  const used = new Set<TextProperty>(['SUMMARY']);
  for (const key of Object.keys(feed.filter ?? {}))
    if (key !== 'categories') used.add(key.toUpperCase() as TextProperty);
  for (const r of [feed.citizen?.name, feed.citizen?.email, feed.citizen?.phone])
    if (r) used.add(r.from.toUpperCase() as TextProperty);
  return used;
}
