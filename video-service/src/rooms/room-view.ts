/**
 * What each participant may see of a room, and the notifications that keep those views current.
 * Waiting participants learn only their own snapshot (whether a clerk is there, when the appointment starts,
 * messages a clerk wrote to them); the waiting list goes only to clerks; peer events, chat and media settings
 * go only to admitted participants.
 */
import type { ChatMessage, LobbyMessage, RoomSnapshot } from '../contract/signalling.ts';
import type { StoredMessage } from './repository-ports.ts';
import { mediaSettingsFor } from '../media/turn.ts';
import { nowOf, type RoomDeps } from './deps.ts';
import { peerInfo, type Member, type RoomState } from './room-state.ts';
import { toWaitingEstimate } from './waiting-estimate.ts';

/** How much chat history a (re)joining participant receives. */
export const CHAT_HISTORY_LIMIT = 200;

export function toChatMessage(m: StoredMessage): ChatMessage & LobbyMessage {
  return { id: m.id, from: m.from, text: m.text, sentAt: m.sentAt.toISOString() };
}

export async function snapshotFor(deps: RoomDeps, room: RoomState, member: Member): Promise<RoomSnapshot> {
  const admitted = member.phase === 'admitted';
  // Both reads at once: the snapshot is on the way from the clerk's "Admit" to the first frame.
  const [chat, lobbyMessages, screenShareAllowed, estimate] = admitted
    ? await Promise.all([
        deps.chat.history(room.id, CHAT_HISTORY_LIMIT),
        [],
        deps.admissions.screenSharers(room.id),
        null,
      ])
    : await Promise.all([
        [],
        deps.chat.lobbyMessages(room.id, member.participant.id, new Date(member.since ?? 0)),
        [],
        deps.lobby.estimate(room.id, member.participant.id),
      ]);
  return {
    room: room.id,
    self: member.participant,
    phase: member.phase,
    appointment: member.appointment,
    participants: admitted ? room.peers(member.participant.id) : [],
    waiting: member.participant.role === 'clerk' && admitted ? room.waitingEntries() : [],
    clerkPresent: room.clerkPresent(),
    media: admitted
      ? {
          ...mediaSettingsFor({
            mode: deps.media.mode,
            turn: deps.media.turn,
            participantId: member.participant.id,
            notAfter: new Date(member.notAfter),
            now: nowOf(deps),
          }),
          maxParticipants: deps.media.maxParticipants,
        }
      : null,
    chat: chat.map(toChatMessage),
    lobbyMessages: lobbyMessages.map(toChatMessage),
    waitingEstimate: estimate ? toWaitingEstimate(estimate) : null,
    screenShareAllowed,
  };
}

/** Sends `member` a fresh snapshot (when connected). */
export async function pushSnapshot(deps: RoomDeps, room: RoomState, member: Member): Promise<void> {
  if (member.connectionId)
    deps.notifier.send(member.connectionId, 'room:snapshot', await snapshotFor(deps, room, member));
}

/** Tells the room's connected clerks the current waiting list. */
export function announceLobby(deps: RoomDeps, room: RoomState): void {
  const waiting = room.waitingEntries();
  for (const clerk of room.clerks()) deps.notifier.send(clerk.connectionId, 'lobby:changed', { waiting });
}

/** Sends every connected waiting participant a fresh snapshot (e.g. when the clerk arrives or leaves). */
export async function refreshWaiting(deps: RoomDeps, room: RoomState): Promise<void> {
  for (const m of room.waiting()) await pushSnapshot(deps, room, m);
}

/** Tells the other admitted participants that `member` is in the call now. */
export function announceJoined(deps: RoomDeps, room: RoomState, member: Member): void {
  for (const peer of room.admitted(member.participant.id))
    deps.notifier.send(peer.connectionId, 'peer:joined', peerInfo(member));
}

/** Tells the remaining admitted participants that `participantId` left the call. */
export function announceLeft(deps: RoomDeps, room: RoomState, participantId: string): void {
  for (const peer of room.admitted(participantId))
    deps.notifier.send(peer.connectionId, 'peer:left', { id: participantId });
}
