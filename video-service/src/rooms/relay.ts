/**
 * Relaying between admitted participants: WebRTC descriptions and candidates (perfect negotiation) to one
 * peer, and microphone/camera state to all. Only admitted, connected participants of the same room can
 * send or receive; anything else is `Forbidden`.
 */
import type { IceCandidate, MediaState, SessionDescription } from '../contract/signalling.ts';
import { Forbidden } from '../errors.ts';
import type { RoomDeps } from './deps.ts';
import type { Member, RoomState } from './room-state.ts';

export interface Sender {
  room: string;
  participantId: string;
  connectionId: string;
}

export type Signal = { kind: 'description'; description: SessionDescription } | { kind: 'candidate'; candidate: IceCandidate | null };

function admittedSender(deps: RoomDeps, from: Sender): { room: RoomState; member: Member } {
  const room = deps.registry.peek(from.room);
  const member = room?.members.get(from.participantId);
  if (!room || !member || member.connectionId !== from.connectionId || member.phase !== 'admitted') {
    throw new Forbidden('Only admitted participants of the room may do this.');
  }
  return { room, member };
}

/** Forwards one signal from an admitted participant to another admitted participant of the same room. */
export function relaySignal(deps: RoomDeps, from: Sender, to: string, signal: Signal): void {
  const { room } = admittedSender(deps, from);
  const target = room.members.get(to);
  if (!target || to === from.participantId || target.phase !== 'admitted' || !target.connectionId) {
    throw new Forbidden('The recipient is not an admitted participant of this room.');
  }
  if (signal.kind === 'description') {
    deps.notifier.send(target.connectionId, 'signal:description', { from: from.participantId, description: signal.description });
  } else {
    deps.notifier.send(target.connectionId, 'signal:candidate', { from: from.participantId, candidate: signal.candidate });
  }
}

/** Tells the other admitted participants whether the sender's microphone and camera are on. */
export function shareMediaState(deps: RoomDeps, from: Sender, state: MediaState): void {
  const { room } = admittedSender(deps, from);
  for (const peer of room.admitted(from.participantId)) {
    deps.notifier.send(peer.connectionId!, 'peer:media', { id: from.participantId, audio: state.audio, video: state.video });
  }
}
