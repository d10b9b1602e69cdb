/** Checks shared by the clerk's lobby and call controls: the clerk holds their seat, the target is where it must be. */
import { Forbidden, InvalidState, NotFound } from '../errors.ts';
import type { Member, RoomState } from './room-state.ts';

/** The acting clerk, who must have joined the room with this very connection. */
export function clerkInRoom(room: RoomState, clerkId: string, connectionId: string): Member {
  const clerk = room.members.get(clerkId);
  if (!clerk || clerk.connectionId !== connectionId || clerk.participant.role !== 'clerk') {
    throw new InvalidState('Join the room before acting in it.');
  }
  return clerk;
}

/** A participant waiting in this room (connected or inside the reconnect grace). */
export function waitingTarget(room: RoomState, participantId: string): Member {
  const target = room.members.get(participantId);
  if (!target) throw new NotFound('Nobody with this id is waiting in this room.');
  if (target.phase !== 'waiting') throw new InvalidState('This participant is already admitted.');
  return target;
}

/** An admitted, connected non-clerk participant of this room. */
export function admittedGuestOrCitizen(room: RoomState, participantId: string): Member & { connectionId: string } {
  const target = room.admitted().find((m) => m.participant.id === participantId);
  if (!target) throw new NotFound('Nobody with this id is in the call of this room.');
  if (target.participant.role === 'clerk')
    throw new Forbidden('A clerk cannot be sent to the waiting room or be given permissions.');
  return target;
}
