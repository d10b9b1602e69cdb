/**
 * The clerk workplace's store (clerk/workplace/ports.ts): room states from video_rooms, claims in
 * workplace_claims (migration 0085). A claim is an INSERT on the appointment's primary key: of two clerks
 * taking the same citizen at once, on SQLite and MariaDB alike, exactly one insert succeeds.
 */
import { DataTypes, Op, UniqueConstraintError, type Model, type ModelStatic } from 'sequelize';
import type { Claim, RoomState, WorkplaceStore } from '../clerk/workplace/ports.ts';
import type { Database } from './database.ts';
import { outboundModels } from './outbound-models.ts';

type ClaimModel = ModelStatic<Model<Claim, Claim>>;
const claimModels = new WeakMap<Database, ClaimModel>();

function claimModel(db: Database): ClaimModel {
  let model = claimModels.get(db);
  if (!model) {
    model = db.sequelize.define(
      'WorkplaceClaim',
      {
        appointmentId: { type: DataTypes.STRING(36), primaryKey: true },
        desk: DataTypes.STRING(64),
        clerkId: DataTypes.STRING(255),
        claimedAt: { type: DataTypes.DATE(3), allowNull: false },
      },
      { tableName: 'workplace_claims', underscored: true, timestamps: false },
    ) as ClaimModel;
    claimModels.set(db, model);
  }
  return model;
}

export function workplaceRepository(db: Database): WorkplaceStore {
  const { Room } = outboundModels(db.sequelize);
  const Claims = claimModel(db);
  return {
    async roomStates(ids) {
      if (!ids.length) return new Map();
      const rows = await db.exclusive(() => Room.findAll({ where: { appointmentId: { [Op.in]: ids } } }));
      const states = new Map<string, RoomState>();
      for (const r of rows.map((row) => row.get({ plain: true }))) {
        if (!r.appointmentId) continue;
        states.set(r.appointmentId, {
          appointmentId: r.appointmentId,
          startedAt: r.startedAt,
          endedAt: r.endedAt,
          citizenState: r.citizenState as RoomState['citizenState'],
          citizenStateAt: r.citizenStateAt,
          waitingSince: r.waitingSince,
          networkCheck: r.networkCheck,
          waitingEstimate:
            r.waitingEstimateMinutes != null && r.waitingEstimateAt
              ? { minutes: r.waitingEstimateMinutes, at: r.waitingEstimateAt }
              : null,
        });
      }
      return states;
    },
    async claims(ids) {
      if (!ids.length) return new Map();
      const rows = await db.exclusive(() => Claims.findAll({ where: { appointmentId: { [Op.in]: ids } } }));
      return new Map(rows.map((row) => row.get({ plain: true })).map((r) => [r.appointmentId, r]));
    },
    async recordEstimate(appointmentId, estimate) {
      await db.exclusive(() =>
        Room.update(
          { waitingEstimateMinutes: estimate.minutes, waitingEstimateAt: estimate.at, updatedAt: estimate.at },
          { where: { appointmentId } },
        ),
      );
    },
    async claim(claim) {
      try {
        await db.exclusive(() => Claims.create(claim));
        return true;
      } catch (err) {
        if (err instanceof UniqueConstraintError) return false;
        throw err;
      }
    },
  };
}
