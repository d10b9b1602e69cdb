/**
 * Use cases behind the cancel link in the citizen's mail: show what would be cancelled, then cancel.
 * The cancel token (aud `connector-cancel`, sub = appointment id) is only valid while its jti is the
 * appointment's current one: a reschedule issues a new cancel link and the old one stops working.
 */
import { InvalidState, Unauthorized } from '../errors.ts';
import type { Appointment, AppointmentStatus } from './appointment.ts';
import { cancelAppointment } from './appointment-changes.ts';
import type { DomainDeps, Repositories } from './ports.ts';

/** What the cancel page shows: no personal data beyond what the citizen already knows. */
export interface CancelPreview {
  appointmentId: string;
  title: string;
  start: string;
  end: string;
  timezone: string;
  services: string[];
  status: AppointmentStatus;
  /** False when the appointment has started, ended or is cancelled. */
  cancellable: boolean;
  /** The appointment's locale (e.g. "tr-TR", null when the booking gave none): the page's language. */
  locale: string | null;
}

/** Checks the token and returns what the page shows before the citizen confirms. */
export async function previewCancellation(deps: DomainDeps, token: string): Promise<CancelPreview> {
  const claims = deps.cancelTokens.verify(token);
  const appointment = await deps.uow.run((repos) => loadForToken(repos, claims));
  return toPreview(appointment, deps.now());
}

/**
 * Cancels on the citizen's confirmation. Cancelling twice is fine (same answer, one mail).
 * @throws Unauthorized for a bad or superseded link; InvalidState once the appointment has started.
 */
export async function cancelByCitizen(deps: DomainDeps, token: string): Promise<CancelPreview> {
  const claims = deps.cancelTokens.verify(token);
  const appointment = await deps.uow.transaction(async (repos) => {
    const current = await loadForToken(repos, claims, true);
    if (current.status === 'cancelled') return current;
    if (current.status !== 'scheduled' || current.start.getTime() <= deps.now().getTime()) {
      throw new InvalidState('the appointment has already started or is over', { reason: 'too_late' });
    }
    await cancelAppointment({ deps, repos, initiator: 'citizen' }, current);
    return { ...current, status: 'cancelled' as const };
  });
  return toPreview(appointment, deps.now());
}

async function loadForToken(
  repos: Repositories,
  claims: { appointmentId: string; jti: string },
  forUpdate = false,
): Promise<Appointment> {
  const appointment = await repos.appointments.findById(claims.appointmentId, { forUpdate });
  if (!appointment || appointment.credentials.cancelJti !== claims.jti) {
    throw new Unauthorized('this cancel link is no longer valid', { reason: 'link_superseded' });
  }
  return appointment;
}

function toPreview(appointment: Appointment, now: Date): CancelPreview {
  return {
    appointmentId: appointment.id,
    title: appointment.title,
    start: appointment.start.toISOString(),
    end: appointment.end.toISOString(),
    timezone: appointment.timezone,
    services: appointment.services,
    status: appointment.status,
    cancellable: appointment.status === 'scheduled' && appointment.start.getTime() > now.getTime(),
    locale: appointment.citizen.locale ?? null,
  };
}
