/**
 * The clerk decides who else may share their screen (clerks always may). The permission is stored with the
 * admission, so it survives reconnects and restarts and ends when the participant is sent back to the lobby.
 */
import type { ParticipantInfo } from '../contract/signalling.ts';
import type { RoomDeps } from './deps.ts';
import { admittedGuestOrCitizen, clerkInRoom } from './clerk-actions.ts';

export async function setScreenPermission(
  deps: RoomDeps,
  input: { room: string; clerk: ParticipantInfo; connectionId: string; participantId: string; allowed: boolean },
): Promise<void> {
  await deps.registry.withRoom(input.room, async (room) => {
    clerkInRoom(room, input.clerk.id, input.connectionId);
    const target = admittedGuestOrCitizen(room, input.participantId);
    await deps.admissions.setScreenShare(room.id, target.participant.id, input.allowed);
    const screenShareAllowed = await deps.admissions.screenSharers(room.id);
    for (const peer of room.admitted())
      deps.notifier.send(peer.connectionId, 'room:permissions', { screenShareAllowed });
    deps.log.info(
      { room: room.id, participant: target.participant.id, allowed: input.allowed },
      'setScreenPermission() | changed',
    );
  });
}

/** Whether `participant` may share their screen in `room` now. */
export async function mayShareScreen(deps: RoomDeps, room: string, participant: ParticipantInfo): Promise<boolean> {
  if (participant.role === 'clerk') return true;
  return (await deps.admissions.screenSharers(room)).includes(participant.id);
}
