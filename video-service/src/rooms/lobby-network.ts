/**
 * A waiting participant's page reports the result of its connectivity check, so that the clerk sees in the
 * waiting list who may have trouble with picture and sound before admitting them (issue 4, "Before joining").
 * Only the person's own seat, only while waiting; the clerks get the new waiting list.
 */
import type { NetworkCheck } from '../contract/signalling.ts';
import { InvalidState } from '../errors.ts';
import type { RoomDeps } from './deps.ts';
import type { Sender } from './relay.ts';
import { announceLobby } from './room-view.ts';

/** Stores the check on the sender's waiting seat; `InvalidState` unless they wait with this connection. */
export async function reportNetworkCheck(deps: RoomDeps, from: Sender, network: NetworkCheck): Promise<void> {
  await deps.registry.withRoom(from.room, (room) => {
    const seat = room.members.get(from.participantId);
    if (!seat || seat.connectionId !== from.connectionId || seat.phase !== 'waiting') {
      throw new InvalidState('Only someone waiting in the lobby reports a connectivity check.');
    }
    if (seat.network === network) return;
    seat.network = network;
    announceLobby(deps, room);
  });
}
