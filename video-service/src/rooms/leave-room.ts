/**
 * A participant leaves on purpose (`room:leave`) or loses the connection. Admitted participants leave the
 * call (the admission stays, so they can return). A waiting participant who loses the connection keeps
 * their place for the lobby grace, shown to the clerk as not connected; leaving on purpose gives it up.
 */
import { errorFields } from '../log.ts';
import type { RoomDeps } from './deps.ts';
import type { RoomState } from './room-state.ts';
import { announceLeft, announceLobby, refreshWaiting } from './room-view.ts';

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
      announceLeft(deps, room, input.participantId);
      if (member.participant.role === 'clerk' && !room.clerkPresent()) refreshWaiting(deps, room);
    } else if (input.cause === 'disconnected' && deps.lobbyGraceMs > 0) {
      member.connectionId = null;
      member.graceTimer = setTimeout(() => void endGrace(deps, room.id, input.participantId), deps.lobbyGraceMs);
      member.graceTimer.unref();
    } else {
      room.members.delete(input.participantId);
      await deps.lobby.remove(room.id, input.participantId);
    }
    if (member.phase === 'waiting') announceLobby(deps, room);
    deps.log.info({ room: room.id, participant: input.participantId, cause: input.cause, phase: member.phase }, 'leaveRoom() | seat freed');
  });
}

/** The grace is over and the person has not come back: they leave the lobby. */
async function endGrace(deps: RoomDeps, roomId: string, participantId: string): Promise<void> {
  try {
    await deps.registry.withRoom(roomId, async (room: RoomState) => {
      const member = room.members.get(participantId);
      if (!member || member.connectionId !== null || member.phase !== 'waiting') return;
      room.members.delete(participantId);
      await deps.lobby.remove(roomId, participantId);
      announceLobby(deps, room);
      deps.log.info({ room: roomId, participant: participantId }, 'leaveRoom() | lobby grace over, place given up');
    });
  } catch (error) {
    deps.log.error({ room: roomId, err: errorFields(error) }, 'leaveRoom() | ending the lobby grace failed');
  }
}
