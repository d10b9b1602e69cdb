/**
 * Use cases behind the REST API for schedulers (`/api/appointments…`): create, read, list, cancel,
 * reissue links. Appointments created here have source `api`; reads, cancel and reissue work on
 * appointments of every source (the scheduler holding an API key is trusted with all of them).
 *
 * Links in answers are the CURRENT ones, re-signed for the stored token ids (docs/adr/0004): reading
 * never creates a new credential.
 */
import { Conflict, InvalidInput, InvalidState, NotFound } from '../errors.ts';
import type { Appointment, AppointmentStatus, BookingDetails } from './appointment.ts';
import { cancelAppointment, createAppointment } from './appointment-changes.ts';
import type { CurrentLinks, DomainDeps, Repositories } from './ports.ts';
import { reissueAppointmentLinks } from './reissue-links.ts';

/** `appointments.source` of appointments created through the REST API. */
export const API_SOURCE = 'api';

/** An appointment with its currently valid links (null unless scheduled). */
export interface AppointmentWithLinks {
  appointment: Appointment;
  links: CurrentLinks | null;
}

/** An `Idempotency-Key` of one API client with the hash of the request it came with. */
export interface IdempotencyContext {
  /** Fingerprint of the API key (keys of different clients never collide). */
  client: string;
  key: string;
  /** SHA-256 (hex) of the request body. */
  requestHash: string;
}

export interface ListQuery {
  from?: Date;
  to?: Date;
  clerkId?: string;
  source?: string;
  externalId?: string;
  status?: AppointmentStatus;
  limit: number;
}

const withLinks = (deps: DomainDeps, appointment: Appointment): AppointmentWithLinks => ({
  appointment,
  links: appointment.status === 'scheduled' ? deps.links.currentLinks(appointment) : null,
});

async function load(repos: Repositories, id: string, forUpdate = false): Promise<Appointment> {
  const appointment = await repos.appointments.findById(id, { forUpdate });
  if (!appointment) throw new NotFound('no appointment with this id', { reason: 'appointment_not_found' });
  return appointment;
}

/**
 * Creates an appointment (source `api`, externalId = the booking's id) and mails the citizen.
 * With an Idempotency-Key, a repeat of the same request answers with the same appointment
 * (`replayed: true`) instead of creating another.
 * @throws Conflict `appointment_exists` (same externalId), `idempotency_key_in_use` (the first request
 *   with this key is still running); InvalidInput when the key was used with another body.
 */
export async function createAppointmentFromApi(
  deps: DomainDeps,
  booking: BookingDetails,
  idempotency?: IdempotencyContext,
): Promise<AppointmentWithLinks & { replayed: boolean }> {
  const replay = async (repos: Repositories, requestHash: string, appointmentId: string | null) => {
    if (requestHash !== idempotency!.requestHash) {
      throw new InvalidInput('this Idempotency-Key was used with a different request body', {
        issues: [{ path: 'Idempotency-Key', message: 'already used with a different request body' }],
      });
    }
    if (!appointmentId)
      throw new Conflict('a request with this Idempotency-Key is still being processed', {
        reason: 'idempotency_key_in_use',
      });
    return { ...withLinks(deps, await load(repos, appointmentId)), replayed: true };
  };

  const result = await deps.uow.transaction(async (repos) => {
    if (idempotency) {
      const earlier = await repos.idempotencyKeys.find(idempotency.client, idempotency.key);
      if (earlier) return replay(repos, earlier.requestHash, earlier.appointmentId);
      if (
        !(await repos.idempotencyKeys.claim(idempotency.client, idempotency.key, idempotency.requestHash, deps.now()))
      )
        return null;
    }
    if (await repos.appointments.findByExternalId(API_SOURCE, booking.externalId)) {
      throw new Conflict('an appointment with this id exists already', { reason: 'appointment_exists' });
    }
    const answer = await createAppointment({ deps, repos, initiator: 'api' }, API_SOURCE, booking);
    if (idempotency) await repos.idempotencyKeys.complete(idempotency.client, idempotency.key, answer.appointmentId);
    const appointment = await load(repos, answer.appointmentId);
    return { appointment, links: { ...answer.links! }, replayed: false };
  });
  if (result) return result;
  // A concurrent request with the same key won the claim; it has committed by now, or failed.
  return deps.uow.run(async (repos) => {
    const stored = await repos.idempotencyKeys.find(idempotency!.client, idempotency!.key);
    if (!stored)
      throw new Conflict('a request with this Idempotency-Key is still being processed', {
        reason: 'idempotency_key_in_use',
      });
    return replay(repos, stored.requestHash, stored.appointmentId);
  });
}

/** @throws NotFound */
export async function getAppointment(deps: DomainDeps, id: string): Promise<AppointmentWithLinks> {
  return withLinks(deps, await deps.uow.run((repos) => load(repos, id)));
}

/** Appointments matching the query, ordered by start. */
export async function listAppointments(deps: DomainDeps, query: ListQuery): Promise<AppointmentWithLinks[]> {
  const found = await deps.uow.run((repos) =>
    repos.appointments.list({
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
      ...(query.clerkId !== undefined ? { clerkId: query.clerkId } : {}),
      ...(query.source !== undefined ? { source: query.source } : {}),
      ...(query.externalId !== undefined ? { externalId: query.externalId } : {}),
      ...(query.status ? { statuses: [query.status] } : {}),
      limit: query.limit,
    }),
  );
  return found.map((a) => withLinks(deps, a));
}

/**
 * Cancels (revokes the links, mails the citizen, tells the booking system through the domain event).
 * Cancelling a cancelled appointment answers the same without another effect.
 * @throws NotFound
 */
export async function cancelAppointmentFromApi(
  deps: DomainDeps,
  id: string,
  reason?: string,
): Promise<AppointmentWithLinks> {
  const appointment = await deps.uow.transaction(async (repos) => {
    const existing = await load(repos, id, true);
    if (existing.status === 'cancelled') return existing;
    if (existing.status !== 'scheduled')
      throw new InvalidState(`a ${existing.status} appointment cannot be cancelled`, { reason: 'not_scheduled' });
    await cancelAppointment({ deps, repos, initiator: 'api' }, existing, reason);
    return load(repos, id);
  });
  return withLinks(deps, appointment);
}

/**
 * New links for a scheduled appointment; the old ones are revoked and the citizen gets the new one.
 * @throws NotFound; InvalidState `not_scheduled`
 */
export async function reissueLinksFromApi(deps: DomainDeps, id: string): Promise<AppointmentWithLinks> {
  return deps.uow.transaction(async (repos) => {
    const existing = await load(repos, id, true);
    const { appointment, links } = await reissueAppointmentLinks({ deps, repos, initiator: 'api' }, existing);
    return { appointment, links };
  });
}
