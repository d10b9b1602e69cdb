/**
 * A change of its own: the appointment stays as it is, but gets a new set of links (e.g. a link was
 * forwarded to the wrong person). The old links are recorded as superseded exactly like on a
 * reschedule, SEQUENCE rises (the invitation's join link changed) and the citizen gets the new link.
 */
import type { Appointment, AppointmentLinks } from './appointment.ts';
import { queueMail, revoke, type ChangeContext } from './appointment-changes.ts';
import { emitAppointmentEvent } from './domain-events.ts';
import { InvalidState } from '../errors.ts';

/** @throws InvalidState unless the appointment is scheduled. */
export async function reissueAppointmentLinks(
  ctx: ChangeContext,
  existing: Appointment,
): Promise<{ appointment: Appointment; links: AppointmentLinks }> {
  if (existing.status !== 'scheduled') {
    throw new InvalidState(`a ${existing.status} appointment has no links to reissue`, 'not_scheduled');
  }
  const issued = ctx.deps.links.issue(existing);
  const appointment: Appointment = {
    ...existing,
    sequence: existing.sequence + 1,
    credentials: issued.credentials,
    updatedAt: ctx.deps.now(),
  };
  await ctx.repos.appointments.update(appointment);
  await revoke(ctx, existing, ['citizen', 'clerk', 'cancel'], 'reissued');
  await queueMail(ctx, appointment, 'links_reissued', issued.links);
  await emitAppointmentEvent(ctx, {
    type: 'appointment.links_reissued',
    appointment,
    links: issued.links,
    initiator: ctx.initiator ?? 'api',
  });
  return { appointment, links: issued.links };
}
