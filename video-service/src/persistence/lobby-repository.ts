/** The persisted waiting room: "waiting since" survives reloads, reconnects and restarts of the service. */
import type { Transaction } from 'sequelize';
import type { LobbyRepository, StoredEstimate } from '../rooms/repository-ports.ts';
import type { Models } from './models.ts';

export function createLobbyRepository({ Lobby }: Models, transaction?: Transaction): LobbyRepository {
  const tx = { transaction };
  return {
    async enter(room, participantId, now) {
      const [row, created] = await Lobby.findOrCreate({
        where: { room, participant_id: participantId },
        defaults: { room, participant_id: participantId, waiting_since: now },
        ...tx,
      });
      return { since: new Date(row.get({ plain: true }).waiting_since), started: created };
    },
    async remove(room, participantId) {
      await Lobby.destroy({ where: { room, participant_id: participantId }, ...tx });
    },
    async list(room) {
      const rows = await Lobby.findAll({ where: { room }, order: [['waiting_since', 'ASC']], ...tx });
      return rows.map((r) => {
        const row = r.get({ plain: true });
        return { participantId: row.participant_id, since: new Date(row.waiting_since) };
      });
    },
    async removeRoom(room) {
      await Lobby.destroy({ where: { room }, ...tx });
    },
    async setEstimate(room, participantId, estimate) {
      const [changed] = await Lobby.update(
        { estimate_minutes: estimate.minutes, estimate_at: estimate.at },
        { where: { room, participant_id: participantId }, ...tx },
      );
      return changed > 0;
    },
    async estimate(room, participantId) {
      const row = await Lobby.findOne({ where: { room, participant_id: participantId }, ...tx });
      const plain = row?.get({ plain: true });
      if (plain?.estimate_minutes == null || !plain.estimate_at) return null;
      return { minutes: plain.estimate_minutes, at: new Date(plain.estimate_at) };
    },
  };
}
