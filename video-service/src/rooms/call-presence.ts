/**
 * Entering and leaving the call, shared by the use cases: peer notifications, the SFU clean-up, the event
 * webhooks, and the checks every entry passes (room still open, a seat left in this media mode).
 */
import type { VideoEventData } from '../contract/events.ts';
import { InvalidState } from '../errors.ts';
import type { RoomDeps } from './deps.ts';
import type { Member, RoomState } from './room-state.ts';
import { announceJoined, announceLeft, refreshWaiting } from './room-view.ts';

type LeaveReason = VideoEventData['room.participant_left']['reason'];

function eventParticipant(member: Member) {
  return { id: member.participant.id, role: member.participant.role };
}

/** `member` (now admitted and connected in `room`) entered the call. */
export async function enteredCall(deps: RoomDeps, room: RoomState, member: Member): Promise<void> {
  announceJoined(deps, room, member);
  await deps.events.record(deps.outbox, 'room.participant_joined', {
    room: room.id,
    appointmentId: member.appointment.id,
    participant: eventParticipant(member),
  });
}

/**
 * `member` (already removed from the call in `room`) left it: the others are told, its SFU transports
 * close, waiting participants learn when the last clerk is gone.
 */
export async function leftCall(deps: RoomDeps, room: RoomState, member: Member, reason: LeaveReason): Promise<void> {
  announceLeft(deps, room, member.participant.id);
  deps.sfu?.removeParticipant(room.id, member.participant.id);
  if (member.participant.role === 'clerk' && !room.clerkPresent()) await refreshWaiting(deps, room);
  await deps.events.record(deps.outbox, 'room.participant_left', {
    room: room.id,
    appointmentId: member.appointment.id,
    participant: eventParticipant(member),
    reason,
  });
}

/** Refuses entry when the call already holds the most participants this media mode allows. */
export function assertSeatLeft(deps: RoomDeps, room: RoomState, participantId: string): void {
  if (room.admitted(participantId).length + 1 > deps.media.maxParticipants) {
    throw new InvalidState(
      `The call is full (at most ${deps.media.maxParticipants} participants in ${deps.media.mode} mode).`,
      { reason: 'room_full' },
    );
  }
}

/** Refuses entry to a room that was closed after the participant's link was issued. */
export async function assertRoomOpen(deps: RoomDeps, roomId: string, tokenIssuedAt: Date | null): Promise<void> {
  const record = await deps.rooms.get(roomId);
  if (!record?.closedAt) return;
  if (tokenIssuedAt && tokenIssuedAt.getTime() > record.closedAt.getTime()) return;
  const why = record.closedReason === 'ended' ? 'The clerk ended this appointment.' : 'This appointment was closed.';
  throw new InvalidState(`${why} The room takes no one any more.`, { reason: 'room_closed' });
}
