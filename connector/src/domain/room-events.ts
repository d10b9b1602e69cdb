/**
 * Use case: the video service reports what happens in a room; the connector tells the booking system.
 *
 * Story: record the delivery (a webhook id seen before changes nothing), find the appointment of the
 * room, and announce through the outbound webhook outbox — all in one transaction:
 * - a citizen is waiting → `room.citizen_waiting` (each time; the citizen may leave and come back);
 * - the first participant joined → `room.started` (once per room);
 * - the room ended → `room.ended` (once per room);
 * - a participant left → recorded only.
 * The citizen's state (waiting since, in the call, left) is stored too, for the clerk's workplace, which learns
 * of the change after the commit (`DomainDeps.roomChanged`, an in-process bus: docs/adr/0085).
 * Rooms without a connector appointment are recorded but not announced.
 */
import type { Appointment } from './appointment.ts';
import type { CitizenRoomChange, OutboundEventType } from './outbound-ports.ts';
import type { DomainDeps, Repositories } from './ports.ts';

export interface RoomEvent {
  type: 'room.citizen_waiting' | 'room.participant_joined' | 'room.participant_left' | 'room.ended';
  roomId: string;
  at: Date;
  role: string | null;
  /** `room.ended`: `ended` (a clerk ended the call) or `closed` (admin API, e.g. after a cancellation). */
  reason: string | null;
  /** `room.citizen_waiting`: the waiting page's network-check result (`ok`, `warn`, `fail`) when reported. */
  networkCheck?: string | null;
}

export interface RoomEventAnswer {
  /** True when this webhook id was processed before (nothing happened now). */
  duplicate: boolean;
  /** The outbound events queued. */
  announced: OutboundEventType[];
}

type Handler = (
  repos: Repositories,
  event: RoomEvent,
  appointment: Appointment | null,
) => Promise<OutboundEventType | null>;

/** The citizen's state after a participant left, by the video service's reason. */
const AFTER_LEAVING: Record<string, CitizenRoomChange['state']> = {
  returned_to_lobby: 'waiting',
  disconnected: 'disconnected',
};

const citizen = (
  repos: Repositories,
  event: RoomEvent,
  appointment: Appointment | null,
  state: CitizenRoomChange['state'],
) =>
  repos.roomActivity.markCitizen(event.roomId, appointment?.id ?? null, {
    state,
    at: event.at,
    networkCheck: event.networkCheck ?? null,
  });

const HANDLERS: Record<RoomEvent['type'], Handler> = {
  'room.citizen_waiting': async (repos, event, appointment) => {
    // A guest (interpreter) waiting is announced but is not the citizen of the workplace's row.
    if (event.role !== 'guest') await citizen(repos, event, appointment, 'waiting');
    return 'room.citizen_waiting';
  },
  'room.participant_joined': async (repos, event, appointment) => {
    if (event.role === 'citizen') await citizen(repos, event, appointment, 'in_call');
    return (await repos.roomActivity.markStarted(event.roomId, appointment?.id ?? null, event.at))
      ? 'room.started'
      : null;
  },
  'room.participant_left': async (repos, event, appointment) => {
    if (event.role === 'citizen') await citizen(repos, event, appointment, AFTER_LEAVING[event.reason ?? ''] ?? 'left');
    return null;
  },
  'room.ended': async (repos, event, appointment) =>
    (await repos.roomActivity.markEnded(event.roomId, appointment?.id ?? null, event.at)) ? 'room.ended' : null,
};

/** The appointment behind a room id `appt-<appointment id>`, if it is one of ours. */
export async function appointmentOfRoom(repos: Repositories, roomId: string): Promise<Appointment | null> {
  const id = /^appt-([0-9a-f-]{36})$/.exec(roomId)?.[1];
  if (!id) return null;
  const appointment = await repos.appointments.findById(id);
  return appointment?.roomId === roomId ? appointment : null;
}

/** Applies one video-service event exactly once per webhook id. */
export async function recordRoomEvent(
  deps: Pick<DomainDeps, 'uow' | 'now' | 'roomChanged'>,
  event: RoomEvent,
  webhookId: string,
): Promise<RoomEventAnswer> {
  const answer = await deps.uow.transaction(async (repos): Promise<RoomEventAnswer & { appointmentId?: string }> => {
    const appointment = await appointmentOfRoom(repos, event.roomId);
    const fresh = await repos.roomActivity.recordDelivery(
      { webhookId, type: event.type, roomId: event.roomId, appointmentId: appointment?.id ?? null },
      deps.now(),
    );
    if (!fresh) return { duplicate: true, announced: [] };
    const type = await HANDLERS[event.type](repos, event, appointment);
    if (!appointment) return { duplicate: false, announced: [] };
    if (!type) return { duplicate: false, announced: [], appointmentId: appointment.id };
    await repos.outboundEvents.publish(
      {
        type,
        appointmentId: appointment.id,
        data: {
          appointmentId: appointment.id,
          source: appointment.source,
          externalId: appointment.externalId,
          roomId: appointment.roomId,
          at: event.at.toISOString(),
          ...(event.role ? { participant: { role: event.role } } : {}),
          ...(type === 'room.ended' && event.reason ? { reason: event.reason } : {}),
        },
      },
      deps.now(),
    );
    return { duplicate: false, announced: [type], appointmentId: appointment.id };
  });
  const { appointmentId, ...result } = answer;
  // After the commit, so a listener that reads the database sees the change.
  if (appointmentId) deps.roomChanged?.(appointmentId);
  return result;
}
