/**
 * A clerk lets a waiting participant in. The admission is persisted per (room, participant), so every later
 * reload or reconnect of that participant goes straight into the call.
 */
import type { ParticipantInfo } from '../contract/signalling.ts';
import { InvalidState, NotFound } from '../errors.ts';
import type { RoomDeps } from './deps.ts';
import { announceJoined, announceLobby, snapshotFor } from './room-view.ts';

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
    const clerk = room.members.get(input.clerk.id);
    if (!clerk || clerk.connectionId !== input.connectionId) throw new InvalidState('Join the room before admitting anyone.');
    const target = room.members.get(input.participantId);
    if (!target) throw new NotFound('Nobody with this id is waiting in this room.');
    if (target.phase !== 'waiting') throw new InvalidState('This participant is already admitted.');

    const now = deps.now?.() ?? new Date();
    await deps.admissions.admit({ room: room.id, participantId: target.participant.id, admittedAt: now, admittedBy: input.clerk.id });
    await deps.lobby.remove(room.id, target.participant.id);
    clearTimeout(target.graceTimer);
    if (target.connectionId) {
      target.phase = 'admitted';
      target.since = null;
      deps.notifier.send(target.connectionId, 'room:snapshot', snapshotFor(deps, room, target));
      announceJoined(deps, room, target);
    } else {
      // Admitted during the reconnect grace: they go straight in when they come back.
      room.members.delete(target.participant.id);
    }
    announceLobby(deps, room);
    deps.log.info({ room: room.id, participant: target.participant.id, by: input.clerk.id }, 'admitParticipant() | admitted');
  });
}
