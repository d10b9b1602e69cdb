/**
 * The clerk's other lobby controls: turn a waiting participant away (with a message they see), send an
 * admitted participant back to the waiting room, and write a short message to someone waiting. Nobody is
 * ever dropped silently: each action tells its target what happened.
 */
import type { LobbyMessage, ParticipantInfo } from '../contract/signalling.ts';
import { messageId } from './ids.ts';
import { nowOf, type RoomDeps } from './deps.ts';
import { announceLobby, pushSnapshot, toChatMessage } from './room-view.ts';
import { leftCall } from './call-presence.ts';
import { admittedGuestOrCitizen, clerkInRoom, waitingTarget } from './clerk-actions.ts';
import { graceKey } from './join-room.ts';

export interface ClerkAction {
  room: string;
  clerk: ParticipantInfo;
  connectionId: string;
  participantId: string;
}

/** Removes a waiting participant from the lobby; they get `lobby:rejected` with the message and are disconnected. */
export async function rejectParticipant(
  deps: RoomDeps,
  input: ClerkAction & { message: string | null },
): Promise<void> {
  await deps.registry.withRoom(input.room, async (room) => {
    clerkInRoom(room, input.clerk.id, input.connectionId);
    const target = waitingTarget(room, input.participantId);
    await deps.lobby.remove(room.id, target.participant.id);
    room.members.delete(target.participant.id);
    deps.registry.cancel(graceKey(room.id, target.participant.id));
    if (target.connectionId) {
      deps.notifier.send(target.connectionId, 'lobby:rejected', { message: input.message });
      deps.notifier.close(target.connectionId);
    }
    announceLobby(deps, room);
    deps.log.info(
      { room: room.id, participant: target.participant.id, by: input.clerk.id },
      'rejectParticipant() | turned away',
    );
  });
}

/** Withdraws an admission: the participant leaves the call and waits again (a fresh `room:snapshot`, phase waiting). */
export async function returnToLobby(deps: RoomDeps, input: ClerkAction): Promise<void> {
  await deps.registry.withRoom(input.room, async (room) => {
    clerkInRoom(room, input.clerk.id, input.connectionId);
    const target = admittedGuestOrCitizen(room, input.participantId);
    const now = nowOf(deps);
    const since = await deps.transaction(async (tx) => {
      await tx.admissions.withdraw(room.id, target.participant.id);
      await tx.lobby.remove(room.id, target.participant.id);
      return (await tx.lobby.enter(room.id, target.participant.id, now)).since;
    });
    target.phase = 'waiting';
    target.since = since.getTime();
    target.media = { audio: false, video: false, screen: false };
    await leftCall(deps, room, target, 'returned_to_lobby');
    await pushSnapshot(deps, room, target);
    announceLobby(deps, room);
    deps.log.info(
      { room: room.id, participant: target.participant.id, by: input.clerk.id },
      'returnToLobby() | sent back to the waiting room',
    );
  });
}

/** Stores a message to one waiting participant and delivers it as `lobby:message`. */
export async function messageWaiting(deps: RoomDeps, input: ClerkAction & { text: string }): Promise<LobbyMessage> {
  return deps.registry.withRoom(input.room, async (room) => {
    const clerk = clerkInRoom(room, input.clerk.id, input.connectionId);
    const target = waitingTarget(room, input.participantId);
    const now = nowOf(deps);
    const stored = {
      id: messageId(now),
      room: room.id,
      from: clerk.participant,
      to: target.participant.id,
      text: input.text,
      sentAt: now,
    };
    await deps.chat.add(stored);
    const message = toChatMessage(stored);
    if (target.connectionId) deps.notifier.send(target.connectionId, 'lobby:message', message);
    deps.log.info(
      { room: room.id, participant: target.participant.id, by: clerk.participant.id },
      'messageWaiting() | message sent',
    );
    return message;
  });
}
