/**
 * A clerk's estimated waiting time for one waiting participant (issue 13, docs/adr/0160): stored on their
 * lobby row (a reload shows it again, a later one replaces it, admission or leaving removes it) and sent to
 * them as `lobby:estimate`. Two ways in: a clerk in the room (`lobby:estimate`, any waiting participant) and
 * the connector's admin API on behalf of a clerk at the workplace (the room's waiting citizen).
 * Sending the same minutes again within a minute is a double click: the stored estimate is answered unchanged.
 */
import type { ParticipantInfo, WaitingEstimate } from '../contract/signalling.ts';
import { InvalidState } from '../errors.ts';
import type { StoredEstimate } from './repository-ports.ts';
import { nowOf, type RoomDeps } from './deps.ts';
import { clerkInRoom, waitingTarget } from './clerk-actions.ts';
import type { Member, RoomState } from './room-state.ts';

/** Within this time the same minutes again count as the same estimate. */
export const SAME_ESTIMATE_MS = 60_000;

export function toWaitingEstimate(e: StoredEstimate): WaitingEstimate {
  return { minutes: e.minutes, sentAt: e.at.toISOString() };
}

/** From a clerk who joined the room, to any participant waiting in it. */
export async function estimateForWaiting(
  deps: RoomDeps,
  input: { room: string; clerk: ParticipantInfo; connectionId: string; participantId: string; minutes: number },
): Promise<WaitingEstimate> {
  return deps.registry.withRoom(input.room, async (room) => {
    clerkInRoom(room, input.clerk.id, input.connectionId);
    const target = waitingTarget(room, input.participantId);
    return store(deps, room, target, input.minutes, input.clerk.id);
  });
}

/**
 * From the admin API, to the room's waiting citizen.
 * @throws InvalidState (409) `room_closed`, `citizen_admitted` or `citizen_absent`; nothing is stored then.
 */
export async function estimateForWaitingCitizen(
  deps: RoomDeps,
  input: { room: string; minutes: number; by: string },
): Promise<{ participantId: string; estimate: WaitingEstimate }> {
  return deps.registry.withRoom(input.room, async (room) => {
    if ((await deps.rooms.get(room.id))?.closedAt)
      throw new InvalidState('The room is closed.', { reason: 'room_closed' });
    const target = room.waiting().find((m) => m.participant.role === 'citizen');
    if (!target) {
      const inCall = [...room.members.values()].some((m) => m.participant.role === 'citizen');
      throw inCall
        ? new InvalidState('The citizen is already in the call.', { reason: 'citizen_admitted' })
        : new InvalidState('No citizen is waiting in this room.', { reason: 'citizen_absent' });
    }
    return { participantId: target.participant.id, estimate: await store(deps, room, target, input.minutes, input.by) };
  });
}

async function store(
  deps: RoomDeps,
  room: RoomState,
  target: Member,
  minutes: number,
  by: string,
): Promise<WaitingEstimate> {
  const now = nowOf(deps);
  const previous = await deps.lobby.estimate(room.id, target.participant.id);
  if (previous && previous.minutes === minutes && now.getTime() - previous.at.getTime() < SAME_ESTIMATE_MS) {
    return toWaitingEstimate(previous);
  }
  const estimate = { minutes, at: now };
  if (!(await deps.lobby.setEstimate(room.id, target.participant.id, estimate))) {
    // The lobby row is gone although presence still lists them: they are on their way in or out.
    throw new InvalidState('This participant is no longer waiting.', { reason: 'citizen_absent' });
  }
  const message = toWaitingEstimate(estimate);
  if (target.connectionId) deps.notifier.send(target.connectionId, 'lobby:estimate', message);
  // Ids and the number only (STYLE.md 9).
  deps.log.info({ room: room.id, participant: target.participant.id, by, minutes }, 'estimate() | waiting time sent');
  return message;
}
