/**
 * Closing a room for good: a clerk's "end for everyone" (`ended`) or the connector's admin call (`closed`).
 * The room record, the emptied lobby and the `room.ended` event are written in one transaction; every
 * connection of the room gets `room:closed` and is disconnected; the SFU router closes. Later joins are
 * refused with `room_closed` (unless the link was issued after the closing). Closing twice changes nothing.
 */
import type { RoomCloseReason, RoomRecord } from './repository-ports.ts';
import { nowOf, type RoomDeps } from './deps.ts';
import { leftCall } from './call-presence.ts';

export interface CloseRoomInput {
  room: string;
  reason: RoomCloseReason;
  /** Who closed it: a clerk's participant id or `admin:<iss>`. */
  by: string;
}

export async function closeRoom(deps: RoomDeps, input: CloseRoomInput): Promise<RoomRecord> {
  return deps.registry.withRoom(input.room, async (room) => {
    const now = nowOf(deps);
    const { record, closedNow } = await deps.transaction(async (tx) => {
      const result = await tx.rooms.close(room.id, now, input.reason, input.by);
      if (result.closedNow) {
        await tx.lobby.removeRoom(room.id);
        await deps.events.record(tx.outbox, 'room.ended', {
          room: room.id,
          reason: input.reason,
          endedAt: now.toISOString(),
          by: input.by,
        });
      }
      return result;
    });
    const inCall = room.admitted();
    room.members.clear();
    for (const member of inCall) await leftCall(deps, room, member, 'room_closed');
    deps.notifier.sendToRoom(room.id, 'room:closed', { reason: record.closedReason ?? input.reason });
    deps.notifier.closeRoom(room.id);
    deps.sfu?.closeRoom(room.id);
    if (closedNow) deps.log.info({ room: room.id, reason: input.reason, by: input.by }, 'closeRoom() | room closed');
    return record;
  });
}
