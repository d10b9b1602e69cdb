/**
 * Deletes what a room holds about people (retention, or the case is closed): chat and lobby messages,
 * admissions, the lobby and sessions. The room is closed first (everyone is disconnected); the closed
 * marker itself stays (it holds no personal data), so old links keep being refused.
 */
import { closeRoom } from './close-room.ts';
import type { RoomDeps } from './deps.ts';

export async function deleteRoomData(deps: RoomDeps, input: { room: string; by: string }): Promise<void> {
  await closeRoom(deps, { room: input.room, reason: 'closed', by: input.by });
  await deps.transaction(async (tx) => {
    await tx.chat.removeRoom(input.room);
    await tx.admissions.removeRoom(input.room);
    await tx.lobby.removeRoom(input.room);
    await tx.sessions.removeRoom(input.room);
  });
  deps.log.info({ room: input.room, by: input.by }, 'deleteRoomData() | room data deleted');
}
