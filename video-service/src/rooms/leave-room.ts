/**
 * A participant leaves on purpose (`room:leave`) or loses the connection. Admitted participants leave the
 * call (the admission stays, so they can return). A waiting participant who loses the connection keeps
 * their place for the lobby grace, shown to the clerk as not connected; leaving on purpose gives it up.
 */
import { errorFields } from '../log.ts';
import { nowOf, type RoomDeps } from './deps.ts';
import { announceLobby } from './room-view.ts';
import { leftCall } from './call-presence.ts';
import { graceKey } from './join-room.ts';
import type { Member, RoomState } from './room-state.ts';

export interface LeaveInput {
  room: string;
  participantId: string;
  connectionId: string;
  cause: 'left' | 'disconnected';
}

/** Frees the connection's seat; a no-op when that connection no longer holds the seat (e.g. it was replaced). */
export async function leaveRoom(deps: RoomDeps, input: LeaveInput): Promise<void> {
  await deps.registry.withRoom(input.room, async (room) => {
    const member = room.members.get(input.participantId);
    if (!member || member.connectionId !== input.connectionId) return;

    if (member.phase === 'admitted') {
      room.members.delete(input.participantId);
      await leftCall(deps, room, member, input.cause);
    } else if (input.cause === 'disconnected' && deps.lobbyGraceMs > 0) {
      member.connectionId = null;
      member.disconnectedAt = nowOf(deps).getTime();
      deps.registry.schedule(
        graceKey(room.id, input.participantId),
        deps.lobbyGraceMs,
        () => void endGrace(deps, room.id, input.participantId),
      );
    } else {
      room.members.delete(input.participantId);
      await deps.lobby.remove(room.id, input.participantId);
    }
    if (member.phase === 'waiting') announceLobby(deps, room);
    deps.log.info(
      { room: room.id, participant: input.participantId, cause: input.cause, phase: member.phase },
      'leaveRoom() | seat freed',
    );
  });
}

/** Admitted seats held by a process that died: the others are told they left (rooms/registry.ts finds them). */
export async function seatsLost(deps: RoomDeps, room: RoomState, lost: Member[]): Promise<void> {
  for (const member of lost) {
    await leftCall(deps, room, member, 'disconnected');
    deps.log.info(
      { room: room.id, participant: member.participant.id, node: member.node },
      'seatsLost() | seat of a stopped process freed',
    );
  }
}

/** The grace is over and the person has not come back: loading the room drops them (registry tidy); tell the clerks. */
async function endGrace(deps: RoomDeps, roomId: string, participantId: string): Promise<void> {
  try {
    await deps.registry.withRoom(roomId, (room) => {
      const member = room.members.get(participantId);
      if (member) {
        // A timer may fire a millisecond before the wall clock says the grace is over; look again shortly then.
        const left =
          member.connectionId === null && member.disconnectedAt != null
            ? member.disconnectedAt + deps.lobbyGraceMs - nowOf(deps).getTime()
            : -1;
        if (left >= 0 && left <= 50)
          deps.registry.schedule(
            graceKey(roomId, participantId),
            left + 5,
            () => void endGrace(deps, roomId, participantId),
          );
        return;
      }
      announceLobby(deps, room);
      deps.log.info({ room: roomId, participant: participantId }, 'leaveRoom() | lobby grace over, place given up');
    });
  } catch (error) {
    deps.log.error({ room: roomId, err: errorFields(error) }, 'leaveRoom() | ending the lobby grace failed');
  }
}
