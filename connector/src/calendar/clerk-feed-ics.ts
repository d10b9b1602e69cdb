/**
 * The clerk's feed as iCalendar (METHOD:PUBLISH): one VEVENT per appointment with the CLERK join link
 * in URL, LOCATION, DESCRIPTION and CONFERENCE, a VTIMEZONE per zone, the same stable UID as the
 * citizen's invitation and its SEQUENCE. DTSTAMP/LAST-MODIFIED are the appointment's last change, so
 * an unchanged appointment renders the same on every poll. German: it is read in the office.
 */
import type { Appointment } from '../domain/appointment.ts';
import type { Catalogue } from '../notify/catalogue.ts';
import { addAppointmentEvent, createCalendar, renderCalendar } from '../notify/ics.ts';
import type { ClerkFeed } from './clerk-feed.ts';

/** How often subscribed calendars should poll (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
export const FEED_REFRESH_SECONDS = 15 * 60;

export interface ClerkFeedIcsOptions {
  catalogue: Catalogue;
  /** Host part of the UIDs (the connector's public host). */
  uidDomain: string;
  /** The clerk's join link of an appointment (re-signed for its current token id). */
  clerkLink: (appointment: Appointment) => string;
}

export function renderClerkFeed(feed: ClerkFeed, options: ClerkFeedIcsOptions): string {
  const calendar = createCalendar('PUBLISH', {
    name: feed.clerkName ? `Video-Termine – ${feed.clerkName}` : 'Video-Termine',
    ttlSeconds: FEED_REFRESH_SECONDS,
  });
  for (const appointment of feed.appointments) {
    const live = appointment.status === 'scheduled';
    addAppointmentEvent(calendar, {
      appointment,
      joinLink: live ? options.clerkLink(appointment) : null,
      summary: `Video-Termin: ${appointment.title}`,
      description: describe(appointment, options.catalogue),
      uidDomain: options.uidDomain,
      stamp: appointment.updatedAt,
      ...(live ? { reminder: `Video-Termin: ${appointment.title}` } : {}),
    });
  }
  return renderCalendar(calendar);
}

const STATUS_LINE: Record<Appointment['status'], string> = {
  scheduled: 'Der Link oben ist der Link für die Sachbearbeitung – bitte nicht weitergeben.',
  cancelled: 'Dieser Termin wurde abgesagt.',
  completed: 'Dieser Termin ist abgeschlossen.',
};

function describe(a: Appointment, catalogue: Catalogue): string {
  const services = a.services.map((code) => catalogue.describe(code, 'de').name);
  return [
    STATUS_LINE[a.status],
    `Bürgerin/Bürger: ${a.citizen.name}`,
    ...(services.length ? [`Anliegen: ${services.join(', ')}`] : []),
    ...(a.notes ? [`Hinweise: ${a.notes}`] : []),
  ].join('\n');
}
