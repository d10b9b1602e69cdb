/**
 * A change of its own: the appointment stays as it is, but gets a new set of links (e.g. a link was
 * forwarded to the wrong person). The old links are recorded as superseded exactly like on a
 * reschedule, SEQUENCE rises (the invitation's join link changed) and the citizen gets the new link.
 */
import type { Appointment, AppointmentLinks } from './appointment.ts';
import { replaceLinks, type ChangeContext } from './appointment-changes.ts';
import { InvalidState } from '../errors.ts';

/** @throws InvalidState unless the appointment is scheduled. */
export async function reissueAppointmentLinks(
  ctx: ChangeContext,
  existing: Appointment,
): Promise<{ appointment: Appointment; links: AppointmentLinks }> {
  if (existing.status !== 'scheduled') {
    throw new InvalidState(`a ${existing.status} appointment has no links to reissue`, { reason: 'not_scheduled' });
  }
  return replaceLinks(ctx, existing, {
    changed: existing,
    sequenceStep: 1,
    reason: 'reissued',
    mail: 'links_reissued',
    event: 'appointment.links_reissued',
    initiator: 'api',
  });
}
