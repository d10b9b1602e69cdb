/**
 * A participant takes their seat. The seat is keyed by the participant id (the token's `sub`), never by the
 * connection: an older connection of the same participant is told `session:replaced` and closed. Clerks
 * (role from the token only) are admitted at once; citizens and guests are admitted when the admissions
 * table says so and otherwise wait in the persisted lobby, keeping their original place.
 */
import type { RoomSnapshot } from '../contract/signalling.ts';
import { loadSession } from '../sessions/sessions.ts';
import { sessionHardLimit } from '../sessions/session-policy.ts';
import type { RoomDeps } from './deps.ts';
import type { Member, RoomState } from './room-state.ts';
import { announceJoined, announceLeft, announceLobby, refreshWaiting, snapshotFor } from './room-view.ts';

export interface JoinInput {
  /** Id of the session the connection authenticated with. */
  sessionId: string;
  connectionId: string;
}

/** Seats the connection's participant and returns their snapshot. Throws `Unauthorized` for an unusable session. */
export async function joinRoom(deps: RoomDeps, input: JoinInput): Promise<RoomSnapshot> {
  const session = await loadSession(deps, input.sessionId);
  return deps.registry.withRoom(session.room, async (room) => {
    const participant = { id: session.participantId, role: session.role, name: session.name };
    const existing = room.members.get(participant.id);
    if (existing && existing.connectionId === input.connectionId) return snapshotFor(deps, room, existing);
    if (existing) vacate(deps, room, existing);

    const clerkWasPresent = room.clerkPresent();
    const admitted = participant.role === 'clerk' || (await deps.admissions.isAdmitted(room.id, participant.id));
    const member: Member = {
      participant,
      appointment: session.appointment,
      notAfter: sessionHardLimit(session.tokenExp),
      connectionId: input.connectionId,
      phase: admitted ? 'admitted' : 'waiting',
      since: admitted ? null : await deps.lobby.enter(room.id, participant.id, deps.now?.() ?? new Date()),
    };
    room.members.set(participant.id, member);

    if (admitted) {
      announceJoined(deps, room, member);
      if (participant.role === 'clerk' && !clerkWasPresent) refreshWaiting(deps, room);
    } else {
      announceLobby(deps, room);
    }
    deps.log.info({ room: room.id, participant: participant.id, role: participant.role, phase: member.phase }, 'joinRoom() | seat taken');
    return snapshotFor(deps, room, member);
  });
}

/** Frees the seat of an older connection of the same participant (or ends its lobby grace). */
function vacate(deps: RoomDeps, room: RoomState, old: Member): void {
  clearTimeout(old.graceTimer);
  room.members.delete(old.participant.id);
  if (!old.connectionId) return;
  deps.notifier.send(old.connectionId, 'session:replaced');
  deps.notifier.close(old.connectionId);
  if (old.phase === 'admitted') announceLeft(deps, room, old.participant.id);
  deps.log.info({ room: room.id, participant: old.participant.id }, 'joinRoom() | older connection replaced');
}
