/**
 * iCalendar (RFC 5545) for one appointment, via ical-generator with a VTIMEZONE from
 * @touch4it/ical-timezones (without one, Outlook misplaces zoned times).
 * - METHOD:REQUEST for the invitation mailed to the citizen (ORGANIZER + ATTENDEE, MIME
 *   `text/calendar; method=REQUEST`), METHOD:CANCEL for the cancellation, METHOD:PUBLISH for the download.
 * - UID is stable per appointment; SEQUENCE rises with every reschedule or cancellation.
 * - The join link goes into URL, LOCATION and DESCRIPTION (older clients) and CONFERENCE (RFC 7986).
 */
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Appointment } from '../domain/appointment.ts';
import { toWallTime } from '../domain/zoned-time.ts';

export type IcsMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';

export interface IcsInput {
  appointment: Appointment;
  method: IcsMethod;
  /** The citizen's join link; omitted for a cancelled appointment. */
  joinLink: string | null;
  /** Text under the link in DESCRIPTION, e.g. the technical hints. */
  description?: string;
  /** Host part of the UID, e.g. the connector's public host name. */
  uidDomain: string;
  /** Needed for REQUEST/CANCEL (iTIP). */
  organizer?: { name: string; email: string };
}

const METHODS: Record<IcsMethod, ICalCalendarMethod> = {
  REQUEST: ICalCalendarMethod.REQUEST,
  CANCEL: ICalCalendarMethod.CANCEL,
  PUBLISH: ICalCalendarMethod.PUBLISH,
};

/** Stable UID of an appointment's calendar entry. */
export function icsUid(appointmentId: string, uidDomain: string): string {
  return `${appointmentId}@${uidDomain}`;
}

export function buildIcs(input: IcsInput): string {
  const { appointment: a, method, joinLink } = input;
  const cancelled = method === 'CANCEL' || a.status === 'cancelled';
  // `name: null` emits a VTIMEZONE for the event's zone while keeping DTSTAMP in UTC.
  const calendar = ical({
    prodId: { company: 'Virtuelles Amt', product: 'Connector', language: 'DE' },
    method: METHODS[method],
    timezone: { name: null, generator: getVtimezoneComponent },
  });
  const withAttendees = method !== 'PUBLISH' && input.organizer;
  calendar.createEvent({
    id: icsUid(a.id, input.uidDomain),
    sequence: a.sequence,
    stamp: new Date(),
    // Wall-clock strings + TZID: ical-generator writes them as they are (see zoned-time.ts).
    start: toWallTime(a.start, a.timezone),
    end: toWallTime(a.end, a.timezone),
    timezone: a.timezone,
    summary: a.title,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    ...(joinLink && !cancelled
      ? {
          url: joinLink,
          location: joinLink,
          description: [joinLink, input.description].filter(Boolean).join('\n\n'),
          x: [{ key: 'X-VA-CONFERENCE', value: joinLink }],
        }
      : {}),
    ...(withAttendees
      ? {
          organizer: input.organizer!,
          attendees: [
            {
              email: a.citizen.email,
              name: a.citizen.name,
              role: ICalAttendeeRole.REQ,
              status: ICalAttendeeStatus.NEEDSACTION,
              rsvp: false,
            },
          ],
        }
      : {}),
  });
  let text = calendar.toString();
  if (joinLink && !cancelled) text = addConferenceProperty(text, joinLink);
  return text;
}

/**
 * ical-generator has no CONFERENCE property (RFC 7986 §5.11); it is written in place of the
 * placeholder X- property above, folded like every other line.
 */
function addConferenceProperty(text: string, joinLink: string): string {
  const line = `CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=Video:${joinLink}`;
  const folded = foldLine(line);
  return text.replace(/X-VA-CONFERENCE:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*/, folded);
}

function foldLine(line: string): string {
  const out: string[] = [];
  let rest = Buffer.from(line, 'utf8');
  let limit = 75;
  while (rest.length > limit) {
    let cut = limit;
    while (cut > 0 && (rest[cut]! & 0xc0) === 0x80) cut--; // never split a UTF-8 character
    out.push(rest.subarray(0, cut).toString('utf8'));
    rest = rest.subarray(cut);
    limit = 74;
  }
  out.push(rest.toString('utf8'));
  return out.join('\r\n ');
}
