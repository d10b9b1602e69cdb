/**
 * "Person einladen" on a workplace row (issue 15, docs/clerk-workplace.md): the clerk invites an interpreter
 * or a second person, sees the link, and withdraws it. The row's own authorisation decides — an appointment
 * the clerk may not see (not theirs, not their desk's) does not exist for them, exactly as for the waiting
 * estimate; the invitations themselves are the domain's (domain/guest-invitations.ts).
 */
import type { GuestView, InviteGuestInput } from '../../domain/guest-invitations.ts';
import { NotFound } from '../../errors.ts';
import type { ClerkPrincipal } from '../principal.ts';
import type { Workplace } from './workplace.ts';

/** The domain's guest use cases, bound to its dependencies (workplace-module.ts). */
export interface GuestInvitations {
  invite(appointmentId: string, input: InviteGuestInput): Promise<{ guest: GuestView; replayed: boolean }>;
  list(appointmentId: string): Promise<GuestView[]>;
  withdraw(appointmentId: string, guestId: string): Promise<boolean>;
}

export class WorkplaceGuests {
  readonly #workplace: Workplace;
  readonly #guests: GuestInvitations;

  constructor(workplace: Workplace, guests: GuestInvitations) {
    this.#workplace = workplace;
    this.#guests = guests;
  }

  /** @throws NotFound unless the clerk sees the appointment's row. */
  async #authorise(principal: ClerkPrincipal, appointmentId: string): Promise<void> {
    if (!(await this.#workplace.row(principal, appointmentId)))
      throw new NotFound('no such appointment', { reason: 'not_found' });
  }

  async list(principal: ClerkPrincipal, appointmentId: string): Promise<GuestView[]> {
    await this.#authorise(principal, appointmentId);
    return this.#guests.list(appointmentId);
  }

  /** `key`: the page's key for this one submission (a double click sends it twice, one invitation results). */
  async invite(
    principal: ClerkPrincipal,
    appointmentId: string,
    guest: { name: string; email?: string },
    key: string | undefined,
  ): Promise<{ guest: GuestView; replayed: boolean }> {
    await this.#authorise(principal, appointmentId);
    return this.#guests.invite(appointmentId, {
      ...guest,
      ...(key ? { requestKey: `clerk:${principal.id}:${key}` } : {}),
      by: `clerk:${principal.id}`,
    });
  }

  async withdraw(principal: ClerkPrincipal, appointmentId: string, guestId: string): Promise<boolean> {
    await this.#authorise(principal, appointmentId);
    return this.#guests.withdraw(appointmentId, guestId);
  }
}
