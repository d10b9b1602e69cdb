/** Room records: whether and when a room was closed ("end for everyone" or the admin API). */
import type { Transaction } from 'sequelize';
import type { RoomCloseReason, RoomRecord, RoomRepository } from '../rooms/repository-ports.ts';
import type { Models } from './models.ts';

export function createRoomRepository({ Room }: Models, transaction?: Transaction): RoomRepository {
  const tx = { transaction };
  const toRecord = (row: {
    room: string;
    closed_at: Date | null;
    closed_reason: string | null;
    closed_by: string | null;
  }): RoomRecord => ({
    room: row.room,
    closedAt: row.closed_at ? new Date(row.closed_at) : null,
    closedReason: row.closed_reason as RoomCloseReason | null,
    closedBy: row.closed_by,
  });
  return {
    async get(room) {
      const row = await Room.findByPk(room, tx);
      return row ? toRecord(row.get({ plain: true })) : null;
    },
    async close(room, at, reason, by) {
      const [row] = await Room.findOrCreate({
        where: { room },
        defaults: { room, closed_at: null, closed_reason: null, closed_by: null },
        ...tx,
      });
      const current = toRecord(row.get({ plain: true }));
      if (current.closedAt) return { record: current, closedNow: false };
      const [count] = await Room.update(
        { closed_at: at, closed_reason: reason, closed_by: by },
        { where: { room, closed_at: null }, ...tx },
      );
      if (count === 0)
        return { record: toRecord((await Room.findByPk(room, tx))!.get({ plain: true })), closedNow: false };
      return { record: { room, closedAt: at, closedReason: reason, closedBy: by }, closedNow: true };
    },
    async remove(room) {
      await Room.destroy({ where: { room }, ...tx });
    },
  };
}
