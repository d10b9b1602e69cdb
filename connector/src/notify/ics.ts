/**
 * iCalendar (RFC 5545) for appointments, via ical-generator with a VTIMEZONE per zone from
 * @touch4it/ical-timezones (without one, Outlook misplaces zoned times).
 * - METHOD:REQUEST for the invitation mailed to the citizen (ORGANIZER + ATTENDEE, iTIP RFC 5546,
 *   MIME `text/calendar; method=REQUEST`), METHOD:CANCEL for the cancellation, METHOD:PUBLISH for
 *   downloads and the clerk feed.
 * - UID is stable per appointment; SEQUENCE rises with every change (reschedule, new links, cancel).
 * - The join link goes into URL, LOCATION and DESCRIPTION (older clients) and CONFERENCE (RFC 7986).
 * - A VALARM reminds REMINDER_MINUTES_BEFORE the start (time to find a quiet room, check the device).
 */
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, {
  ICalAlarmType,
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalCalendar,
} from 'ical-generator';
import type { Appointment } from '../domain/appointment.ts';
import { toWallTime } from '../domain/zoned-time.ts';

export type IcsMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';

/** Minutes before the start at which the calendar reminds (VALARM). */
export const REMINDER_MINUTES_BEFORE = 30;

export interface IcsEventInput {
  appointment: Appointment;
  /** The join link to put into URL/LOCATION/DESCRIPTION/CONFERENCE; null for a cancelled appointment. */
  joinLink: string | null;
  /** Text under the link in DESCRIPTION, e.g. documents to have ready and technical hints. */
  description?: string;
  /** Host part of the UID, e.g. the connector's public host name. */
  uidDomain: string;
  /** SUMMARY; default the appointment's title. */
  summary?: string;
  /** iTIP (REQUEST/CANCEL): the organiser; the citizen becomes the ATTENDEE. */
  organizer?: { name: string; email: string };
  /** DTSTAMP; default now. A feed passes the last change, so unchanged entries render the same. */
  stamp?: Date;
  /** Text of the reminder; no reminder when absent or when the appointment is cancelled. */
  reminder?: string;
}

export interface IcsInput extends IcsEventInput {
  method: IcsMethod;
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

/**
 * An empty calendar with METHOD and VTIMEZONE generation.
 * @param options.name NAME / X-WR-CALNAME (feeds); options.ttlSeconds REFRESH-INTERVAL / X-PUBLISHED-TTL.
 */
export function createCalendar(method: IcsMethod, options: { name?: string; ttlSeconds?: number } = {}): ICalCalendar {
  // `name: null` emits a VTIMEZONE for each event's zone while keeping DTSTAMP in UTC.
  return ical({
    prodId: { company: 'Virtuelles Amt', product: 'Connector', language: 'DE' },
    method: METHODS[method],
    timezone: { name: null, generator: getVtimezoneComponent },
    ...(options.name ? { name: options.name } : {}),
    ...(options.ttlSeconds ? { ttl: options.ttlSeconds } : {}),
  });
}

/** Adds one appointment as a VEVENT; `cancelled` forces STATUS:CANCELLED (METHOD:CANCEL). */
export function addAppointmentEvent(calendar: ICalCalendar, input: IcsEventInput, cancelled = false): void {
  const { appointment: a, joinLink } = input;
  const isCancelled = cancelled || a.status === 'cancelled';
  const link = isCancelled ? null : joinLink;
  calendar.createEvent({
    id: icsUid(a.id, input.uidDomain),
    sequence: a.sequence,
    stamp: input.stamp ?? new Date(),
    // Wall-clock strings + TZID: ical-generator writes them as they are (see zoned-time.ts).
    start: toWallTime(a.start, a.timezone),
    end: toWallTime(a.end, a.timezone),
    timezone: a.timezone,
    summary: input.summary ?? a.title,
    status: isCancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    ...(input.stamp ? { lastModified: input.stamp, created: a.createdAt } : {}),
    ...(link
      ? {
          url: link,
          location: link,
          description: [link, input.description].filter(Boolean).join('\n\n'),
          x: [{ key: CONFERENCE_PLACEHOLDER, value: link }],
        }
      : input.description
        ? { description: input.description }
        : {}),
    ...(input.reminder && !isCancelled
      ? {
          alarms: [{ type: ICalAlarmType.display, trigger: REMINDER_MINUTES_BEFORE * 60, description: input.reminder }],
        }
      : {}),
    ...(input.organizer
      ? {
          organizer: input.organizer,
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
}

/** The calendar as text, with the RFC 7986 CONFERENCE properties in place. */
export function renderCalendar(calendar: ICalCalendar): string {
  return writeConferenceProperties(calendar.toString());
}

/** One appointment as a complete calendar file. ORGANIZER/ATTENDEE are written for REQUEST and CANCEL only. */
export function buildIcs(input: IcsInput): string {
  const calendar = createCalendar(input.method);
  const { organizer, ...rest } = input;
  addAppointmentEvent(
    calendar,
    input.method === 'PUBLISH' ? rest : { ...rest, ...(organizer ? { organizer } : {}) },
    input.method === 'CANCEL',
  );
  return renderCalendar(calendar);
}

const CONFERENCE_PLACEHOLDER = 'X-VA-CONFERENCE';

/**
 * ical-generator has no CONFERENCE property (RFC 7986 §5.11); it is written in place of the
 * placeholder X- property (one per event), unescaped (a URI value is not TEXT) and folded again.
 */
function writeConferenceProperties(text: string): string {
  return text.replace(/X-VA-CONFERENCE:([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)/g, (_m, value: string) => {
    const uri = value.replace(/\r?\n[ \t]/g, '').replace(/\\([\\;,])/g, '$1');
    return foldLine(`CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=Video:${uri}`);
  });
}

/** RFC 5545 §3.1 folding at 75 octets, never inside a UTF-8 character. */
function foldLine(line: string): string {
  const out: string[] = [];
  let rest = Buffer.from(line, 'utf8');
  let limit = 75;
  while (rest.length > limit) {
    let cut = limit;
    while (cut > 0 && (rest[cut]! & 0xc0) === 0x80) cut--;
    out.push(rest.subarray(0, cut).toString('utf8'));
    rest = rest.subarray(cut);
    limit = 74;
  }
  out.push(rest.toString('utf8'));
  return out.join('\r\n ');
}
