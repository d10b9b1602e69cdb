/**
 * Who was admitted to which room: a reload or reconnect of an admitted participant goes straight back in.
 * The admission also carries the clerk's screen-share permission for that participant.
 */
import type { Transaction } from 'sequelize';
import type { Admission, AdmissionRepository } from '../rooms/repository-ports.ts';
import type { Models } from './models.ts';

export function createAdmissionRepository({ Admission }: Models, transaction?: Transaction): AdmissionRepository {
  const tx = { transaction };
  return {
    async isAdmitted(room, participantId) {
      return (await Admission.count({ where: { room, participant_id: participantId }, ...tx })) > 0;
    },
    async admit(a) {
      // One statement (SQLite INSERT OR IGNORE, MySQL INSERT IGNORE) instead of SELECT + INSERT: the admission
      // is written on the way from the clerk's "Admit" to the first frame. (room, participant_id) is the key.
      await Admission.bulkCreate(
        [
          {
            room: a.room,
            participant_id: a.participantId,
            admitted_at: a.admittedAt,
            admitted_by: a.admittedBy,
            screen_share: false,
          },
        ],
        { ignoreDuplicates: true, ...tx },
      );
    },
    async withdraw(room, participantId) {
      await Admission.destroy({ where: { room, participant_id: participantId }, ...tx });
    },
    async list(room) {
      const rows = await Admission.findAll({ where: { room }, order: [['admitted_at', 'ASC']], ...tx });
      return rows.map((r) => {
        const row = r.get({ plain: true });
        return {
          room: row.room,
          participantId: row.participant_id,
          admittedAt: new Date(row.admitted_at),
          admittedBy: row.admitted_by,
        };
      });
    },
    async setScreenShare(room, participantId, allowed) {
      const [count] = await Admission.update(
        { screen_share: allowed },
        { where: { room, participant_id: participantId }, ...tx },
      );
      if (count > 0) return true;
      return (await Admission.count({ where: { room, participant_id: participantId }, ...tx })) > 0;
    },
    async screenSharers(room) {
      const rows = await Admission.findAll({
        where: { room, screen_share: true },
        order: [['participant_id', 'ASC']],
        ...tx,
      });
      return rows.map((r) => r.get({ plain: true }).participant_id);
    },
    async removeRoom(room) {
      await Admission.destroy({ where: { room }, ...tx });
    },
  };
}
