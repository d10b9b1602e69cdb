/**
 * Text chat in the call: stored with the room (so a reload or a restart shows the history again), sent to
 * every other admitted participant, never to anyone waiting.
 */
import type { ChatMessage } from '../contract/signalling.ts';
import { messageId } from './ids.ts';
import { nowOf, type RoomDeps } from './deps.ts';
import { toChatMessage } from './room-view.ts';
import { admittedSender, type Sender } from './relay.ts';

/** Stores the message and delivers it as `chat:message` to the others; returns it to the sender. */
export async function sendChatMessage(deps: RoomDeps, from: Sender, text: string): Promise<ChatMessage> {
  const { room, member } = await admittedSender(deps, from);
  const now = nowOf(deps);
  const stored = { id: messageId(now), room: room.id, from: member.participant, to: null, text, sentAt: now };
  await deps.chat.add(stored);
  const message = toChatMessage(stored);
  for (const peer of room.admitted(from.participantId)) deps.notifier.send(peer.connectionId, 'chat:message', message);
  return message;
}
