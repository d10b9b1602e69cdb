/**
 * video_room_events and video_rooms (domain port RoomActivityRepository): each event webhook of the
 * video service is recorded once (unique webhook id); a room's start and end are set once, by a
 * conditional UPDATE, so `room.started`/`room.ended` are announced once even when deliveries race. The citizen's
 * state (for the clerk's workplace) is changed only by an event at least as new as the stored one.
 */
import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import type { RoomActivityRepository } from '../domain/outbound-ports.ts';
import type { OutboundModels } from './outbound-models.ts';

export function roomActivityRepository(models: OutboundModels, transaction?: Transaction): RoomActivityRepository {
  const { RoomEvent, Room } = models;

  async function ensureRoom(roomId: string, appointmentId: string | null, now: Date): Promise<void> {
    if (await Room.findByPk(roomId, { attributes: ['roomId'], transaction })) return;
    await Room.bulkCreate([{ roomId, appointmentId, updatedAt: now }], { ignoreDuplicates: true, transaction });
  }

  async function markOnce(
    column: 'startedAt' | 'endedAt',
    roomId: string,
    appointmentId: string | null,
    at: Date,
  ): Promise<boolean> {
    await ensureRoom(roomId, appointmentId, at);
    const [changed] = await Room.update(
      { [column]: at, updatedAt: at },
      { where: { roomId, [column]: null }, transaction },
    );
    return changed > 0;
  }

  return {
    async recordDelivery(delivery, now) {
      try {
        await RoomEvent.create({ ...delivery, receivedAt: now }, { transaction });
        return true;
      } catch (err) {
        if (err instanceof UniqueConstraintError) return false;
        throw err;
      }
    },
    markStarted: (roomId, appointmentId, at) => markOnce('startedAt', roomId, appointmentId, at),
    markEnded: (roomId, appointmentId, at) => markOnce('endedAt', roomId, appointmentId, at),
    async markCitizen(roomId, appointmentId, change) {
      await ensureRoom(roomId, appointmentId, change.at);
      const waiting =
        change.state === 'waiting' ? { waitingSince: change.at, networkCheck: change.networkCheck ?? null } : {};
      // Conditional on the time: a retried older delivery must not undo a newer state (docs/adr/0085).
      const [changed] = await Room.update(
        { citizenState: change.state, citizenStateAt: change.at, ...waiting, updatedAt: change.at },
        {
          where: { roomId, [Op.or]: [{ citizenStateAt: null }, { citizenStateAt: { [Op.lte]: change.at } }] },
          transaction,
        },
      );
      return changed > 0;
    },
  };
}
