/**
 * A clerk lets a waiting participant in. The admission is persisted per (room, participant), so every later
 * reload or reconnect of that participant goes straight into the call.
 */
import type { ParticipantInfo } from '../contract/signalling.ts';
import { nowOf, type RoomDeps } from './deps.ts';
import { announceLobby, pushSnapshot } from './room-view.ts';
import { assertSeatLeft, enteredCall } from './call-presence.ts';
import { clerkInRoom, waitingTarget } from './clerk-actions.ts';
import { graceKey } from './join-room.ts';

export interface AdmitInput {
  /** The clerk's room (from their session). */
  room: string;
  clerk: ParticipantInfo;
  /** The clerk's connection: they must have joined the room with it. */
  connectionId: string;
  participantId: string;
}

/** Admits a waiting participant of the clerk's own room. The caller has checked the clerk role. */
export async function admitParticipant(deps: RoomDeps, input: AdmitInput): Promise<void> {
  await deps.registry.withRoom(input.room, async (room) => {
    clerkInRoom(room, input.clerk.id, input.connectionId);
    const target = waitingTarget(room, input.participantId);
    if (target.connectionId) assertSeatLeft(deps, room, target.participant.id);

    await deps.transaction(async (tx) => {
      await tx.admissions.admit({
        room: room.id,
        participantId: target.participant.id,
        admittedAt: nowOf(deps),
        admittedBy: input.clerk.id,
      });
      await tx.lobby.remove(room.id, target.participant.id);
    });
    deps.registry.cancel(graceKey(room.id, target.participant.id));
    if (target.connectionId) {
      target.phase = 'admitted';
      target.since = null;
      await pushSnapshot(deps, room, target);
      await enteredCall(deps, room, target);
    } else {
      // Admitted during the reconnect grace: they go straight in when they come back.
      room.members.delete(target.participant.id);
    }
    announceLobby(deps, room);
    deps.log.info(
      { room: room.id, participant: target.participant.id, by: input.clerk.id },
      'admitParticipant() | admitted',
    );
  });
}
