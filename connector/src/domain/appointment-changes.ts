/**
 * The things that happen to an appointment — created, rescheduled, cancelled, given new links — each written
 * together with its citizen mail (outbox) and the revocation of superseded links, inside the
 * caller's transaction. Shared by every inbound path (webhooks, citizen cancel page, later REST).
 */
import { randomUUID } from 'node:crypto';
import {
  roomIdFor,
  type Appointment,
  type AppointmentLinks,
  type BookingDetails,
  type LinkCredentials,
  type SyncAnswer,
} from './appointment.ts';
import { emitAppointmentEvent, type ChangeInitiator } from './domain-events.ts';
import { cancelGuests, moveGuests } from './guest-invitations.ts';
import { revokeTokens } from './revoke-tokens.ts';
import type { CitizenMailKind, DomainDeps, LinkRevocation, Repositories } from './ports.ts';

/** A use case's view of one transaction. */
export interface ChangeContext {
  deps: DomainDeps;
  repos: Repositories;
  /** Who caused the change (domain events); default `booking_system`. */
  initiator?: ChangeInitiator;
}

/** Creates the appointment, issues its links and queues the confirmation mail. */
export async function createAppointment(
  ctx: ChangeContext,
  source: string,
  booking: BookingDetails,
): Promise<SyncAnswer> {
  const now = ctx.deps.now();
  const id = randomUUID();
  const draft = { ...fromBooking(booking), id, source, roomId: roomIdFor(id) };
  const issued = ctx.deps.links.issue(draft);
  const appointment: Appointment = {
    ...draft,
    status: 'scheduled',
    sequence: 0,
    credentials: issued.credentials,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.repos.appointments.insert(appointment);
  await queueMail(ctx, appointment, 'confirmation', issued.links);
  await emitAppointmentEvent(ctx, {
    type: 'appointment.created',
    appointment,
    links: issued.links,
    initiator: ctx.initiator ?? 'booking_system',
  });
  return { appointmentId: id, roomId: appointment.roomId, status: 'scheduled', links: issued.links };
}

/**
 * Moves the appointment to the booking's new data: new links (the old ones are recorded as
 * superseded), SEQUENCE + 1, and a mail with the new link and an updated invitation.
 */
export async function rescheduleAppointment(
  ctx: ChangeContext,
  existing: Appointment,
  booking: BookingDetails,
): Promise<SyncAnswer> {
  const { appointment, links } = await replaceLinks(ctx, existing, {
    changed: { ...existing, ...fromBooking(booking) },
    sequenceStep: 1,
    reason: 'rescheduled',
    mail: 'rescheduled',
    event: 'appointment.rescheduled',
    initiator: 'booking_system',
  });
  // Guests get new links too (docs/adr/0190); a reissue or hand-over keeps theirs: they were not forwarded.
  await moveGuests(ctx, existing, appointment);
  return { appointmentId: appointment.id, roomId: appointment.roomId, status: 'scheduled', links };
}

/** How one change that gives an appointment new links goes (reschedule, reissue, hand-over to another person). */
export interface LinkReplacement {
  /** The appointment as changed, before its new credentials. */
  changed: Appointment;
  /** SEQUENCE + this: 1 when the invitation changed (times, join link), 0 otherwise. */
  sequenceStep: 0 | 1;
  reason: LinkRevocation['reason'];
  mail: CitizenMailKind;
  event: 'appointment.rescheduled' | 'appointment.links_reissued';
  /** The initiator when the context names none. */
  initiator: ChangeInitiator;
}

/**
 * The steps every link-replacing change shares, in the caller's transaction: issue new links, store the
 * appointment with them, record the old citizen, clerk and cancel links as superseded (the video service
 * is told), queue the citizen's mail and emit the domain event. Written once so no path forgets a step
 * (a forgotten revocation would leave a forwarded link working).
 */
export async function replaceLinks(
  ctx: ChangeContext,
  existing: Appointment,
  change: LinkReplacement,
): Promise<{ appointment: Appointment; links: AppointmentLinks }> {
  const issued = ctx.deps.links.issue(change.changed);
  const appointment: Appointment = {
    ...change.changed,
    sequence: existing.sequence + change.sequenceStep,
    credentials: issued.credentials,
    updatedAt: ctx.deps.now(),
  };
  await ctx.repos.appointments.update(appointment);
  await revoke(ctx, existing, ['citizen', 'clerk', 'cancel'], change.reason);
  await queueMail(ctx, appointment, change.mail, issued.links);
  await emitAppointmentEvent(ctx, {
    type: change.event,
    appointment,
    links: issued.links,
    initiator: ctx.initiator ?? change.initiator,
  });
  return { appointment, links: issued.links };
}

/**
 * Cancels: status cancelled, SEQUENCE + 1, join links revoked, cancellation mail (METHOD:CANCEL).
 * The cancel link stays valid so the cancel page can still say "already cancelled".
 */
export async function cancelAppointment(
  ctx: ChangeContext,
  existing: Appointment,
  reason?: string,
): Promise<SyncAnswer> {
  const answer: SyncAnswer = { appointmentId: existing.id, roomId: existing.roomId, status: 'cancelled' };
  if (existing.status === 'cancelled') return answer;
  const appointment: Appointment = {
    ...existing,
    status: 'cancelled',
    sequence: existing.sequence + 1,
    updatedAt: ctx.deps.now(),
  };
  await ctx.repos.appointments.update(appointment);
  await revoke(ctx, existing, ['citizen', 'clerk'], 'cancelled');
  await cancelGuests(ctx, existing);
  await ctx.repos.videoAdmin.enqueue(
    {
      kind: 'close_room',
      appointmentId: existing.id,
      room: existing.roomId,
      giveUpAt: new Date(existing.end.getTime() + 24 * 3600_000),
    },
    ctx.deps.now(),
  );
  await queueMail(ctx, appointment, 'cancelled', null);
  await emitAppointmentEvent(ctx, {
    type: 'appointment.cancelled',
    appointment,
    links: null,
    initiator: ctx.initiator ?? 'booking_system',
    ...(reason ? { reason } : {}),
  });
  return answer;
}

function fromBooking(booking: BookingDetails) {
  return {
    externalId: booking.externalId,
    title: booking.title,
    start: booking.start,
    end: booking.end,
    timezone: booking.timezone,
    services: booking.services,
    citizen: booking.citizen,
    clerk: booking.clerk,
    notes: booking.notes,
  };
}

const JTI_OF: Record<Exclude<LinkRevocation['kind'], 'guest'>, keyof LinkCredentials> = {
  citizen: 'citizenJti',
  clerk: 'clerkJti',
  cancel: 'cancelJti',
};

/** Records the current token ids of `kinds` as superseded (the video service refuses them). */
export async function revoke(
  ctx: ChangeContext,
  appointment: Appointment,
  kinds: Array<keyof typeof JTI_OF>,
  reason: LinkRevocation['reason'],
): Promise<void> {
  const expiresAt = new Date(appointment.end.getTime() + 24 * 60 * 60 * 1000);
  const revocations = kinds.map((kind) => ({
    jti: appointment.credentials[JTI_OF[kind]],
    appointmentId: appointment.id,
    kind,
    reason,
    expiresAt,
  }));
  await revokeTokens(ctx, appointment.id, revocations);
}

/**
 * Writes the citizen's mail to the outbox in the caller's transaction: the appointment as changed and
 * the links just issued; the outbox sender renders it (ports.ts CitizenMailIntent).
 */
export async function queueMail(
  ctx: ChangeContext,
  appointment: Appointment,
  kind: CitizenMailKind,
  links: AppointmentLinks | null,
): Promise<void> {
  // No address known (e.g. Easy!Appointments without API access): the booking system has the links.
  if (!appointment.citizen.email) return;
  await ctx.repos.outbox.enqueue(
    { appointmentId: appointment.id, kind, mail: { intent: { kind, appointment, links } } },
    ctx.deps.now(),
  );
}
