/**
 * For booking systems that only say "booking X looks like this now" and leave the difference to us
 * (Easy!Appointments' `appointment_save` is create, edit and move in one event):
 * - unknown → create it (links, confirmation mail);
 * - another citizen e-mail address → hand it over: new links (the old ones revoked) and a confirmation
 *   mail to the new address — also when the address only now became known;
 * - other start or end → move it (new links, old ones revoked, SEQUENCE + 1, "moved" mail);
 * - anything else different (title, services, clerk, notes, name, phone, locale) → stored, same links, no mail;
 * - nothing different → nothing happens.
 * Every answer carries the links valid now (for an unchanged booking: the current ones, re-derived as the
 * REST API does, docs/adr/0004), so a booking system that lost the first answer gets them again.
 * Also what a second "created" for a booking we hold does (Cal.com sends BOOKING_CREATED again, e.g. when
 * a booking is confirmed twice): converge to the payload's state and answer 2xx, never a second appointment.
 * An empty e-mail in the booking means "not known" (e.g. a failed customer lookup): the stored citizen is kept.
 */
import { InvalidState } from '../errors.ts';
import type { Appointment, BookingDetails, SyncAnswer } from './appointment.ts';
import { createAppointment, replaceLinks, rescheduleAppointment, type ChangeContext } from './appointment-changes.ts';

/** Applies the current state of a booking; runs inside the caller's transaction. */
export async function saveBooking(ctx: ChangeContext, source: string, booking: BookingDetails): Promise<SyncAnswer> {
  const existing = await ctx.repos.appointments.findByExternalId(source, booking.externalId, { forUpdate: true });
  if (!existing) return createAppointment(ctx, source, booking);
  if (existing.status !== 'scheduled') {
    throw new InvalidState(`a ${existing.status} appointment cannot be changed`, { reason: 'not_scheduled' });
  }
  const wanted: BookingDetails = booking.citizen.email ? booking : { ...booking, citizen: existing.citizen };
  if (wanted.citizen.email !== existing.citizen.email) return handOver(ctx, existing, wanted);
  if (timesDiffer(existing, wanted)) return rescheduleAppointment(ctx, existing, wanted);
  let current = existing;
  if (fingerprint(existing) !== fingerprint(wanted)) {
    current = { ...existing, ...details(wanted), updatedAt: ctx.deps.now() };
    await ctx.repos.appointments.update(current);
  }
  return {
    appointmentId: current.id,
    roomId: current.roomId,
    status: 'scheduled',
    links: ctx.deps.links.currentLinks(current),
  };
}

/** A different person (or a first known address): the old links must not stay with the old one. */
async function handOver(ctx: ChangeContext, existing: Appointment, booking: BookingDetails): Promise<SyncAnswer> {
  const { appointment, links } = await replaceLinks(ctx, existing, {
    changed: { ...existing, ...details(booking), start: booking.start, end: booking.end },
    sequenceStep: timesDiffer(existing, booking) ? 1 : 0,
    reason: 'reissued',
    mail: 'confirmation',
    event: 'appointment.links_reissued',
    initiator: 'booking_system',
  });
  return { appointmentId: appointment.id, roomId: appointment.roomId, status: 'scheduled', links };
}

function timesDiffer(a: Pick<Appointment, 'start' | 'end'>, b: Pick<BookingDetails, 'start' | 'end'>): boolean {
  return a.start.getTime() !== b.start.getTime() || a.end.getTime() !== b.end.getTime();
}

/** The fields besides the times that a save may change. */
function details(b: BookingDetails) {
  return {
    title: b.title,
    timezone: b.timezone,
    services: b.services,
    citizen: b.citizen,
    clerk: b.clerk,
    notes: b.notes,
  };
}

function fingerprint(b: BookingDetails | Appointment): string {
  const c = b.citizen;
  return JSON.stringify([
    b.title,
    b.timezone,
    b.services,
    [c.name, c.email, c.phone ?? null, c.locale ?? null, c.verify ?? null],
    b.clerk ? [b.clerk.id, b.clerk.name, b.clerk.email ?? null] : null,
    b.notes ?? null,
  ]);
}
