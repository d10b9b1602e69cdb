/**
 * Relaying between admitted participants: WebRTC descriptions and candidates (perfect negotiation) to one
 * peer; microphone/camera/screen state to all; connection quality to the clerks. Only admitted, connected
 * participants of the same room can send or receive; anything else is `Forbidden`.
 */
import type { IceCandidate, MediaStateUpdate, QualityReport, SessionDescription } from '../contract/signalling.ts';
import { Forbidden } from '../errors.ts';
import type { RoomDeps } from './deps.ts';
import type { Member, RoomState } from './room-state.ts';
import { mayShareScreen } from './screen-permission.ts';

export interface Sender {
  room: string;
  participantId: string;
  connectionId: string;
}

export type Signal =
  | { kind: 'description'; description: SessionDescription }
  | { kind: 'candidate'; candidate: IceCandidate | null };

/** The sender's room and seat, or `Forbidden` unless the sender is admitted and holds the seat with this connection. */
export async function admittedSender(deps: RoomDeps, from: Sender): Promise<{ room: RoomState; member: Member }> {
  const room = await deps.registry.peek(from.room);
  const member = room.members.get(from.participantId);
  if (!member || member.connectionId !== from.connectionId || member.phase !== 'admitted') {
    throw new Forbidden('Only admitted participants of the room may do this.');
  }
  return { room, member };
}

/** Forwards one signal from an admitted participant to another admitted participant of the same room. */
export async function relaySignal(deps: RoomDeps, from: Sender, to: string, signal: Signal): Promise<void> {
  const { room } = await admittedSender(deps, from);
  const target = room.members.get(to);
  if (!target || to === from.participantId || target.phase !== 'admitted' || !target.connectionId) {
    throw new Forbidden('The recipient is not an admitted participant of this room.');
  }
  if (signal.kind === 'description') {
    deps.notifier.send(target.connectionId, 'signal:description', {
      from: from.participantId,
      description: signal.description,
    });
  } else {
    deps.notifier.send(target.connectionId, 'signal:candidate', {
      from: from.participantId,
      candidate: signal.candidate,
    });
  }
}

/** Stores and shares whether the sender's microphone, camera and screen share are on. */
export async function shareMediaState(deps: RoomDeps, from: Sender, update: MediaStateUpdate): Promise<void> {
  const { member } = await admittedSender(deps, from);
  const state = { audio: update.audio, video: update.video, screen: update.screen ?? false };
  if (state.screen && !(await mayShareScreen(deps, from.room, member.participant))) {
    throw new Forbidden('The clerk has not allowed you to share your screen.');
  }
  await deps.registry.withRoom(from.room, (room) => {
    const seat = room.members.get(from.participantId);
    if (!seat || seat.connectionId !== from.connectionId || seat.phase !== 'admitted')
      throw new Forbidden('Only admitted participants of the room may do this.');
    seat.media = state;
    for (const peer of room.admitted(from.participantId))
      deps.notifier.send(peer.connectionId, 'peer:media', { id: from.participantId, ...state });
  });
}

/** Passes a participant's connection quality to the admitted clerks (not to the sender). */
export async function reportQuality(deps: RoomDeps, from: Sender, report: QualityReport): Promise<void> {
  const { room } = await admittedSender(deps, from);
  for (const clerk of room.clerks()) {
    if (clerk.participant.id !== from.participantId)
      deps.notifier.send(clerk.connectionId, 'peer:quality', { id: from.participantId, ...report });
  }
}
