/**
 * Use cases of guest invitations (issue 15, docs/adr/0190): a clerk (workplace) or a scheduler (REST API)
 * invites an interpreter or a second person into an appointment's room. Each guest gets a link of its own —
 * its own token id, seat and expiry — that can be withdrawn alone; the guest waits in the lobby and is
 * admitted like the citizen (the video service's rule for role `guest`).
 *
 * Invite story: lock the appointment (concurrent invitations of one appointment run one after the other, so
 * the cap holds) → the same client request seen before? answer that invitation → scheduled, not over,
 * fewer than MAX_GUESTS live invitations, expiry inside the window → store it (the unique request key is
 * the last word) → mail the link if an address was given. Withdraw story: mark it revoked, record the token id
 * as revoked (the short link is refused at once) and queue the video service's revoke call (it ends the
 * guest's session: a guest in the room is out).
 */
import { randomUUID } from 'node:crypto';
import { Conflict, InvalidInput, InvalidState, NotFound } from '../errors.ts';
import type { Appointment } from './appointment.ts';
import type { GuestInvitation } from './guest-ports.ts';
import type { DomainDeps, GuestMailKind, LinkRevocation, Repositories } from './ports.ts';
import { revokeTokens } from './revoke-tokens.ts';

/** One transaction of a change (the shape of appointment-changes.ts ChangeContext, which imports this file). */
type ChangeContext = { deps: DomainDeps; repos: Repositories };

/** At most this many live (not withdrawn, not expired) guest invitations per appointment. */
export const MAX_GUESTS = 5;

export interface InviteGuestInput {
  name: string;
  email?: string;
  /** Default and upper bound: the appointment's end + JOIN_GRACE_MINUTES_AFTER. */
  expiresAt?: Date;
  /** Scoped by the caller (`api:<client>:<key>`, `clerk:<id>:<key>`): the same request creates one invitation. */
  requestKey?: string;
  /** `api` or `clerk:<id>`. */
  by: string;
}

/** An invitation as answered: its current link, derived again from its token id (docs/adr/0004). */
export interface GuestView {
  id: string;
  appointmentId: string;
  name: string;
  email: string | null;
  joinUrl: string;
  expiresAt: string;
  createdAt: string;
}

const view = (deps: DomainDeps, a: Appointment, g: GuestInvitation): GuestView => ({
  id: g.id,
  appointmentId: a.id,
  name: g.name,
  email: g.email,
  joinUrl: deps.links.guestJoinLink(a, g),
  expiresAt: g.expiresAt.toISOString(),
  createdAt: g.createdAt.toISOString(),
});

async function load(repos: Repositories, id: string, forUpdate = false): Promise<Appointment> {
  const appointment = await repos.appointments.findById(id, { forUpdate });
  if (!appointment) throw new NotFound('no appointment with this id', { reason: 'appointment_not_found' });
  return appointment;
}

const sameRequest = (g: GuestInvitation, input: InviteGuestInput) =>
  g.name === input.name && (g.email ?? undefined) === input.email;

/**
 * @returns the invitation; `replayed` when the same request (key) had created it before.
 * @throws NotFound (no such appointment), InvalidState `not_scheduled` / `appointment_over`, InvalidInput
 *   (expiry outside the window, key used with another name or address), Conflict `too_many_guests`.
 */
export async function inviteGuest(
  deps: DomainDeps,
  appointmentId: string,
  input: InviteGuestInput,
): Promise<{ guest: GuestView; replayed: boolean }> {
  const replay = (a: Appointment, g: GuestInvitation) => {
    if (!sameRequest(g, input)) {
      throw new InvalidInput('this Idempotency-Key was used for another guest', {
        issues: [{ path: 'Idempotency-Key', message: 'already used with a different name or address' }],
      });
    }
    return { guest: view(deps, a, g), replayed: true };
  };
  const result = await deps.uow.transaction(async (repos) => {
    const appointment = await load(repos, appointmentId, true);
    if (input.requestKey) {
      const earlier = await repos.guests.findByRequestKey(appointment.id, input.requestKey);
      if (earlier) return replay(appointment, earlier);
    }
    const now = deps.now();
    if (appointment.status !== 'scheduled') {
      throw new InvalidState(`a ${appointment.status} appointment takes no guests`, { reason: 'not_scheduled' });
    }
    const limit = deps.links.guestExpiryLimit(appointment);
    if (limit <= now) throw new InvalidState('the appointment is over', { reason: 'appointment_over' });
    const expiresAt = input.expiresAt ?? limit;
    if (expiresAt > limit || expiresAt <= now) {
      throw new InvalidInput('the guest link must expire after now and no later than the appointment', {
        issues: [{ path: 'expiresAt', message: `must be after now and not after ${limit.toISOString()}` }],
      });
    }
    const live = (await repos.guests.listActive(appointment.id)).filter((g) => g.expiresAt > now);
    if (live.length >= MAX_GUESTS) {
      throw new Conflict(`an appointment takes at most ${MAX_GUESTS} guests`, { reason: 'too_many_guests' });
    }
    const id = randomUUID();
    const jti = deps.links.newGuestJti(appointment, { id, name: input.name, expiresAt });
    const guest: GuestInvitation = {
      id,
      appointmentId: appointment.id,
      name: input.name,
      email: input.email ?? null,
      jti,
      expiresAt,
      requestKey: input.requestKey ?? null,
      createdBy: input.by,
      createdAt: now,
      revokedAt: null,
    };
    // Lost to a concurrent request with the same key (MariaDB lets both past the lock only on another row).
    if (!(await repos.guests.insert(guest))) return null;
    await queueGuestMail({ deps, repos }, appointment, guest, 'invited');
    return { guest: view(deps, appointment, guest), replayed: false };
  });
  if (result) return result;
  return deps.uow.run(async (repos) => {
    const appointment = await load(repos, appointmentId);
    const stored = await repos.guests.findByRequestKey(appointment.id, input.requestKey!);
    if (!stored)
      throw new Conflict('a request with this Idempotency-Key is still being processed', { reason: 'in_progress' });
    return replay(appointment, stored);
  });
}

/** The live invitations (not withdrawn, not expired) of an appointment, oldest first. @throws NotFound */
export async function listGuests(deps: DomainDeps, appointmentId: string): Promise<GuestView[]> {
  return deps.uow.run(async (repos) => {
    const appointment = await load(repos, appointmentId);
    if (appointment.status !== 'scheduled') return [];
    const now = deps.now();
    return (await repos.guests.listActive(appointment.id))
      .filter((g) => g.expiresAt > now)
      .map((g) => view(deps, appointment, g));
  });
}

/**
 * Withdraws an invitation: the link stops working and a guest in the room is ended by the video service.
 * Withdrawing again changes nothing. @throws NotFound (appointment or invitation unknown)
 * @returns whether this call withdrew it (false: it was withdrawn before).
 */
export async function withdrawGuest(deps: DomainDeps, appointmentId: string, guestId: string): Promise<boolean> {
  return deps.uow.transaction(async (repos) => {
    const appointment = await load(repos, appointmentId, true);
    const guest = await repos.guests.findById(appointment.id, guestId);
    if (!guest) throw new NotFound('no guest invitation with this id', { reason: 'guest_not_found' });
    if (!(await repos.guests.revoke(guest.id, deps.now()))) return false;
    await revokeGuestTokens({ deps, repos }, appointment, [guest], 'withdrawn');
    return true;
  });
}

/** Cancellation (appointment-changes.ts): every live guest link is revoked and its guest told by mail. */
export async function cancelGuests(ctx: ChangeContext, appointment: Appointment): Promise<void> {
  const guests = await ctx.repos.guests.listActive(appointment.id);
  if (!guests.length) return;
  const now = ctx.deps.now();
  for (const g of guests) await ctx.repos.guests.revoke(g.id, now);
  await revokeGuestTokens(ctx, appointment, guests, 'cancelled');
  for (const g of guests) if (g.expiresAt > now) await queueGuestMail(ctx, appointment, g, 'cancelled');
}

/**
 * Reschedule: each live guest gets a new token id (the old link is revoked like the citizen's) and an expiry
 * moved with the appointment's end, never past the new window; guests with an address get the new link.
 */
export async function moveGuests(ctx: ChangeContext, before: Appointment, after: Appointment): Promise<void> {
  const now = ctx.deps.now();
  const guests = (await ctx.repos.guests.listActive(after.id)).filter((g) => g.expiresAt > now);
  if (!guests.length) return;
  await revokeGuestTokens(ctx, before, guests, 'rescheduled');
  const shift = after.end.getTime() - before.end.getTime();
  const limit = ctx.deps.links.guestExpiryLimit(after);
  for (const g of guests) {
    const expiresAt = new Date(Math.min(g.expiresAt.getTime() + shift, limit.getTime()));
    const jti = ctx.deps.links.newGuestJti(after, { id: g.id, name: g.name, expiresAt });
    await ctx.repos.guests.replaceToken(g.id, jti, expiresAt);
    if (expiresAt > now) await queueGuestMail(ctx, after, { ...g, jti, expiresAt }, 'rescheduled');
  }
}

async function revokeGuestTokens(
  ctx: ChangeContext,
  appointment: Appointment,
  guests: GuestInvitation[],
  reason: LinkRevocation['reason'],
): Promise<void> {
  const expiresAt = new Date(
    Math.max(...guests.map((g) => g.expiresAt.getTime()), appointment.end.getTime()) + 24 * 3600_000,
  );
  await revokeTokens(
    ctx,
    appointment.id,
    guests.map((g) => ({ jti: g.jti, appointmentId: appointment.id, kind: 'guest' as const, reason, expiresAt })),
  );
}

async function queueGuestMail(
  ctx: ChangeContext,
  appointment: Appointment,
  guest: GuestInvitation,
  kind: GuestMailKind,
): Promise<void> {
  if (!guest.email) return;
  const mail = ctx.deps.mails.composeGuest(
    kind,
    appointment,
    { name: guest.name, email: guest.email, expiresAt: guest.expiresAt },
    kind === 'cancelled' ? null : ctx.deps.links.guestJoinLink(appointment, guest),
  );
  await ctx.repos.outbox.enqueue({ appointmentId: appointment.id, kind: `guest_${kind}`, mail }, ctx.deps.now());
}
