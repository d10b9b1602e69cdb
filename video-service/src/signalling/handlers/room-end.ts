/** `room:end` (clerks only, after joining): end the call for everyone; the room closes for good. */
import { InvalidState } from '../../errors.ts';
import { closeRoom } from '../../rooms/close-room.ts';
import { admittedSender } from '../../rooms/relay.ts';
import { senderOf, type Handler } from './context.ts';
import { emptyPayload, parsePayload, requireClerk } from './parse.ts';

export const roomEnd: Handler<'room:end'> = async ({ socket, rooms }, payload) => {
  parsePayload(emptyPayload, payload);
  requireClerk(socket, 'end the call for everyone');
  await admittedSender(rooms, senderOf(socket)).catch(() => {
    throw new InvalidState('Join the room before ending it.');
  });
  await closeRoom(rooms, { room: socket.data.room, reason: 'ended', by: socket.data.participant.id });
  return null;
};
