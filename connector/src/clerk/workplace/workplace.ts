/**
 * The workplace's use cases: the rows of a day, one row (for the live channel), and "take the next waiting
 * citizen" of a desk, and "tell the waiting citizen the waiting time". Reads the appointments through the domain's unit of work and the room states and
 * claims through the WorkplaceStore; imports neither express nor sequelize.
 */
import type { Appointment } from '../../domain/appointment.ts';
import type { UnitOfWork } from '../../domain/ports.ts';
import { wallTimeToDate } from '../../domain/zoned-time.ts';
import { Conflict, Forbidden, NotFound } from '../../errors.ts';
import type { SendWaitingEstimate } from '../../video-admin/waiting-estimate-client.ts';
import type { ClerkPrincipal } from '../principal.ts';
import { desksOfServices } from './desks.ts';
import type { WorkplaceStore } from './ports.ts';
import { dayIn, statusOf, toRow, type RowContext, type WorkplaceRow } from './rows.ts';

/** What the clerk reads when the video service found nobody to tell. */
const REFUSALS: Record<string, string> = {
  citizen_admitted: 'The citizen is already in the call.',
  citizen_absent: 'The citizen has left the waiting room.',
  room_closed: 'The room is closed.',
};

/** At most this many appointments a day are shown (the benchmark: 200). */
const DAY_LIMIT = 1000;

export interface WorkplaceDeps extends RowContext {
  uow: UnitOfWork;
  store: WorkplaceStore;
  /** Told when a take-next changed a row (the live channel sends it to everyone who sees it). */
  changed: (appointmentId: string) => void;
  /** The video service's admin call for a waiting estimate (waiting-estimate-client.ts). */
  sendEstimate: SendWaitingEstimate;
}

export class Workplace {
  readonly #d: WorkplaceDeps;

  constructor(deps: WorkplaceDeps) {
    this.#d = deps;
  }

  /** The zone days and times are shown in (TIMEZONE): the office's, not the browser's. */
  get timezone(): string {
    return this.#d.timezone;
  }

  /** Today (YYYY-MM-DD) in the appointments' time zone. */
  today(): string {
    return dayIn(this.#d.now(), this.#d.timezone);
  }

  /** The rows of `day` that `principal` may see, by start time. */
  async list(principal: ClerkPrincipal, day: string): Promise<WorkplaceRow[]> {
    const appointments = await this.#day(day);
    return this.#rows(principal, appointments);
  }

  /** One row as `principal` sees it; null when it is none of theirs (or gone). */
  async row(principal: ClerkPrincipal, appointmentId: string): Promise<WorkplaceRow | null> {
    const appointment = await this.#d.uow.run((repos) => repos.appointments.findById(appointmentId));
    if (!appointment) return null;
    return (await this.#rows(principal, [appointment]))[0] ?? null;
  }

  /** The same for several clerks at once (one read for every live connection). */
  async rowsFor(principals: ClerkPrincipal[], appointmentId: string): Promise<Array<WorkplaceRow | null>> {
    const appointment = await this.#d.uow.run((repos) => repos.appointments.findById(appointmentId));
    if (!appointment) return principals.map(() => null);
    const [rooms, claims] = await Promise.all([
      this.#d.store.roomStates([appointment.id]),
      this.#d.store.claims([appointment.id]),
    ]);
    return principals.map((p) => toRow(this.#d, p, appointment, rooms.get(appointment.id), claims.get(appointment.id)));
  }

  /**
   * Story: the clerk must belong to the desk → today's appointments of the desk whose citizen waits and
   * whom nobody took yet, longest waiting first → claim the first (a unique row: of two clerks at once exactly
   * one succeeds; the loser tries the next) → the row, with the clerk's join link.
   * @throws Forbidden for a desk the clerk does not belong to; Conflict when nobody (else) is waiting.
   */
  async takeNext(principal: ClerkPrincipal, desk: string): Promise<WorkplaceRow> {
    if (!principal.desks.includes(desk) || !this.#d.desks.some((d) => d.id === desk)) {
      throw new Forbidden('you do not work at this desk', { reason: 'not_your_desk' });
    }
    const appointments = (await this.#day(this.today())).filter((a) =>
      desksOfServices(this.#d.desks, a.services).includes(desk),
    );
    const ids = appointments.map((a) => a.id);
    const [rooms, claims] = await Promise.all([this.#d.store.roomStates(ids), this.#d.store.claims(ids)]);
    const now = this.#d.now();
    const waiting = appointments
      .filter((a) => !claims.has(a.id) && statusOf(a, rooms.get(a.id), now, this.#d.noShowMinutes) === 'waiting')
      .sort(
        (a, b) => (rooms.get(a.id)?.waitingSince?.getTime() ?? 0) - (rooms.get(b.id)?.waitingSince?.getTime() ?? 0),
      );
    let lostRace = false;
    for (const appointment of waiting) {
      if (await this.#d.store.claim({ appointmentId: appointment.id, desk, clerkId: principal.id, claimedAt: now })) {
        this.#d.changed(appointment.id);
        const row = await this.row(principal, appointment.id);
        if (row) return row;
      }
      lostRace = true;
    }
    throw lostRace
      ? new Conflict('A colleague has just called this person. Nobody else is waiting.', {
          reason: 'taken_by_colleague',
        })
      : new Conflict('Nobody is waiting at this desk.', { reason: 'nobody_waiting' });
  }

  /**
   * Story: the appointment must be one the clerk sees (the row's own authorisation: otherwise it does not exist
   * for them) → its citizen must be waiting → the video service stores the estimate and tells the citizen (it
   * checks the wait again, under the room's lock) → the row records what was sent and when, and every clerk who
   * sees the row gets it live. Sending the same twice is harmless (the video service answers the same estimate).
   * @throws NotFound for an appointment the clerk may not see; Conflict (409) `not_waiting`, `citizen_admitted`,
   *   `citizen_absent` or `room_closed` with nothing stored.
   * @returns the row as the clerk sees it now; null when the video service did not answer (nothing recorded).
   */
  async sendWaitingEstimate(
    principal: ClerkPrincipal,
    appointmentId: string,
    minutes: number,
  ): Promise<WorkplaceRow | null> {
    const appointment = await this.#d.uow.run((repos) => repos.appointments.findById(appointmentId));
    const before = appointment ? await this.row(principal, appointment.id) : null;
    if (!appointment || !before) throw new NotFound('no such appointment');
    if (before.status !== 'waiting') throw new Conflict('The citizen is not waiting.', { reason: 'not_waiting' });
    const answer = await this.#d.sendEstimate(appointment.roomId, minutes);
    if (answer.kind === 'refused')
      throw new Conflict(REFUSALS[answer.reason] ?? 'The citizen is not waiting.', { reason: answer.reason });
    if (answer.kind === 'failed') return null;
    await this.#d.store.recordEstimate(appointment.id, { minutes: answer.minutes, at: answer.sentAt });
    this.#d.changed(appointment.id);
    return (await this.row(principal, appointment.id)) ?? before;
  }

  async #day(day: string): Promise<Appointment[]> {
    const from = wallTimeToDate(`${day}T00:00`, this.#d.timezone);
    const next = new Date(Date.parse(`${day}T12:00:00Z`) + 24 * 3600_000).toISOString().slice(0, 10);
    const to = wallTimeToDate(`${next}T00:00`, this.#d.timezone);
    return this.#d.uow.run((repos) => repos.appointments.list({ from, to, limit: DAY_LIMIT }));
  }

  async #rows(principal: ClerkPrincipal, appointments: Appointment[]): Promise<WorkplaceRow[]> {
    const ids = appointments.map((a) => a.id);
    const [rooms, claims] = await Promise.all([this.#d.store.roomStates(ids), this.#d.store.claims(ids)]);
    return appointments.flatMap((a) => toRow(this.#d, principal, a, rooms.get(a.id), claims.get(a.id)) ?? []);
  }
}
