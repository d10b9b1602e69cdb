/**
 * A participant takes their seat. The seat is keyed by the participant id (the token's `sub`), never by the
 * connection: an older connection of the same participant is told `session:replaced` and closed. Clerks
 * (role from the token only) are admitted at once; citizens and guests are admitted when the admissions
 * table says so and otherwise wait in the persisted lobby, keeping their original place. A closed room and
 * a full call refuse the seat with a reason the page explains.
 */
import type { RoomSnapshot } from '../contract/signalling.ts';
import { loadSession } from '../sessions/sessions.ts';
import { sessionHardLimit } from '../sessions/session-policy.ts';
import { nowOf, type RoomDeps } from './deps.ts';
import { MEDIA_OFF, type Member, type RoomState } from './room-state.ts';
import { announceJoined, announceLeft, announceLobby, refreshWaiting, snapshotFor } from './room-view.ts';
import { assertRoomOpen, assertSeatLeft, enteredCall } from './call-presence.ts';

export interface JoinInput {
  /** Id of the session the connection authenticated with. */
  sessionId: string;
  connectionId: string;
}

/** Seats the connection's participant and returns their snapshot. Throws `Unauthorized` or `InvalidState` (room_closed, room_full). */
export async function joinRoom(deps: RoomDeps, input: JoinInput): Promise<RoomSnapshot> {
  const session = await loadSession(deps, input.sessionId);
  return deps.registry.withRoom(session.room, async (room) => {
    const participant = { id: session.participantId, role: session.role, name: session.name };
    // Checked inside the room's lock, so a join cannot slip in while the room is being closed. Both reads
    // at once: a reload's way back into the call waits for them.
    const [, admitted] = await Promise.all([
      assertRoomOpen(deps, session.room, session.tokenIat),
      participant.role === 'clerk' || deps.admissions.isAdmitted(room.id, participant.id),
    ]);
    const existing = room.members.get(participant.id);
    if (existing && existing.connectionId === input.connectionId) return snapshotFor(deps, room, existing);

    if (admitted) assertSeatLeft(deps, room, participant.id);
    if (existing) vacate(deps, room, existing);

    const clerkWasPresent = room.clerkPresent();
    const now = nowOf(deps);
    const member: Member = {
      participant,
      sessionId: session.id,
      appointment: session.appointment,
      notAfter: sessionHardLimit(session.tokenExp).getTime(),
      connectionId: input.connectionId,
      node: deps.registry.node,
      phase: admitted ? 'admitted' : 'waiting',
      since: null,
      disconnectedAt: null,
      media: { ...MEDIA_OFF },
      // A reload in the lobby keeps the check the clerk saw until the page reports its new one.
      network: !admitted && existing?.phase === 'waiting' ? (existing.network ?? null) : null,
    };
    if (!admitted) member.since = (await enterLobby(deps, room, member, now)).getTime();
    deps.registry.cancel(graceKey(room.id, participant.id));
    room.members.set(participant.id, member);

    let recorded: Promise<void> = Promise.resolve();
    if (admitted) {
      // A takeover by a second device is no new entry for the others' bookkeeping: they saw peer:left above.
      if (existing?.phase !== 'admitted') recorded = enteredCall(deps, room, member);
      else announceJoined(deps, room, member);
      if (participant.role === 'clerk' && !clerkWasPresent) await refreshWaiting(deps, room);
    } else {
      announceLobby(deps, room);
    }
    deps.log.info(
      { room: room.id, participant: participant.id, role: participant.role, phase: member.phase },
      'joinRoom() | seat taken',
    );
    // The event row (a commit) and the snapshot's reads at once: both lie on a reload's way back into the call.
    const [snapshot] = await Promise.all([snapshotFor(deps, room, member), recorded]);
    return snapshot;
  });
}

/** The timer key of a waiting participant's reconnect grace (see leave-room.ts). */
export function graceKey(room: string, participantId: string): string {
  return `grace:${room}:${participantId}`;
}

/** Enters (or re-enters) the persisted lobby; a new wait is reported as `room.citizen_waiting` in the same transaction. */
async function enterLobby(deps: RoomDeps, room: RoomState, member: Member, now: Date): Promise<Date> {
  return deps.transaction(async (tx) => {
    const { since, started } = await tx.lobby.enter(room.id, member.participant.id, now);
    if (started) {
      await deps.events.record(tx.outbox, 'room.citizen_waiting', {
        room: room.id,
        appointmentId: member.appointment.id,
        participant: { id: member.participant.id, role: member.participant.role },
        waitingSince: since.toISOString(),
      });
    }
    return since;
  });
}

/** Frees the seat of an older connection of the same participant (or ends its lobby grace). */
function vacate(deps: RoomDeps, room: RoomState, old: Member): void {
  room.members.delete(old.participant.id);
  if (!old.connectionId) return;
  deps.notifier.send(old.connectionId, 'session:replaced');
  deps.notifier.close(old.connectionId);
  if (old.phase === 'admitted') {
    announceLeft(deps, room, old.participant.id);
    deps.sfu?.removeParticipant(room.id, old.participant.id);
  }
  deps.log.info({ room: room.id, participant: old.participant.id }, 'joinRoom() | older connection replaced');
}
