/**
 * Use case behind the .ics link: whoever holds the random key of an appointment may download its
 * calendar entry. A wrong key looks exactly like a missing appointment (404).
 */
import { NotFound } from '../errors.ts';
import type { Appointment } from './appointment.ts';
import type { DomainDeps } from './ports.ts';

export interface CalendarEntry {
  appointment: Appointment;
  /** The citizen's join link (re-signed for the current token id); null once cancelled. */
  joinLink: string | null;
}

export async function appointmentForCalendar(
  deps: DomainDeps,
  appointmentId: string,
  key: string,
): Promise<CalendarEntry> {
  const appointment = await deps.uow.run((repos) => repos.appointments.findById(appointmentId));
  if (!appointment || !key || !deps.links.icsKeyMatches(key, appointment.credentials.icsKeyHash)) {
    throw new NotFound('no such calendar entry');
  }
  const joinLink = appointment.status === 'scheduled' ? deps.links.citizenJoinLink(appointment) : null;
  return { appointment, joinLink };
}
