/** The persisted waiting room: "waiting since" survives reloads, reconnects and restarts of the service. */
import type { Models } from './models.ts';

export interface LobbyRepository {
  /** Puts the participant in the lobby unless already there; returns the (kept) waiting-since time. */
  enter(room: string, participantId: string, now: Date): Promise<Date>;
  remove(room: string, participantId: string): Promise<void>;
  /** Waiting-since of everyone in the room's lobby, oldest first. */
  list(room: string): Promise<Array<{ participantId: string; since: Date }>>;
}

export function createLobbyRepository({ Lobby }: Models): LobbyRepository {
  return {
    async enter(room, participantId, now) {
      const [row] = await Lobby.findOrCreate({
        where: { room, participant_id: participantId },
        defaults: { room, participant_id: participantId, waiting_since: now },
      });
      return new Date(row.get({ plain: true }).waiting_since);
    },
    async remove(room, participantId) {
      await Lobby.destroy({ where: { room, participant_id: participantId } });
    },
    async list(room) {
      const rows = await Lobby.findAll({ where: { room }, order: [['waiting_since', 'ASC']] });
      return rows.map((r) => {
        const row = r.get({ plain: true });
        return { participantId: row.participant_id, since: new Date(row.waiting_since) };
      });
    },
  };
}
