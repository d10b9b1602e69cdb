/**
 * What each participant may see of a room, and the notifications that keep those views current.
 * Waiting participants learn only their own snapshot (and whether a clerk is there); the waiting list goes
 * only to clerks; peer events go only to admitted participants.
 */
import type { RoomSnapshot } from '../contract/signalling.ts';
import { mediaSettingsFor } from '../media/turn.ts';
import type { RoomDeps } from './deps.ts';
import type { Member, RoomState } from './room-state.ts';

export function snapshotFor(deps: RoomDeps, room: RoomState, member: Member): RoomSnapshot {
  const admitted = member.phase === 'admitted';
  return {
    room: room.id,
    self: member.participant,
    phase: member.phase,
    appointment: member.appointment,
    participants: admitted ? room.admitted(member.participant.id).map((m) => m.participant) : [],
    waiting: member.participant.role === 'clerk' && admitted ? room.waitingEntries() : [],
    clerkPresent: room.clerkPresent(),
    media: admitted
      ? mediaSettingsFor({ mode: deps.media.mode, turn: deps.media.turn, participantId: member.participant.id, notAfter: member.notAfter, now: deps.now?.() })
      : null,
  };
}

/** Tells the room's connected clerks the current waiting list. */
export function announceLobby(deps: RoomDeps, room: RoomState): void {
  const waiting = room.waitingEntries();
  for (const clerk of room.clerks()) deps.notifier.send(clerk.connectionId!, 'lobby:changed', { waiting });
}

/** Sends every connected waiting participant a fresh snapshot (e.g. when the clerk arrives or leaves). */
export function refreshWaiting(deps: RoomDeps, room: RoomState): void {
  for (const m of room.waiting()) if (m.connectionId) deps.notifier.send(m.connectionId, 'room:snapshot', snapshotFor(deps, room, m));
}

/** Tells the other admitted participants that `member` is in the call now. */
export function announceJoined(deps: RoomDeps, room: RoomState, member: Member): void {
  for (const peer of room.admitted(member.participant.id)) deps.notifier.send(peer.connectionId!, 'peer:joined', member.participant);
}

/** Tells the remaining admitted participants that `participantId` left the call. */
export function announceLeft(deps: RoomDeps, room: RoomState, participantId: string): void {
  for (const peer of room.admitted(participantId)) deps.notifier.send(peer.connectionId!, 'peer:left', { id: participantId });
}
