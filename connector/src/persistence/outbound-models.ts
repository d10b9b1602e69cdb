/**
 * sequelize models of the outbound tables (migrations 0040–0042): webhook endpoints, events, deliveries,
 * attempts; admin calls to the video service; room events. Defined once per sequelize instance, next to
 * the core models of models.ts. Only the repositories in this folder use them.
 */
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

export interface EndpointRow {
  id: string;
  name: string;
  url: string;
  secret: string;
  events: unknown;
  origin: 'config' | 'api';
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface EventRow {
  id: number;
  webhookId: string;
  type: string;
  appointmentId: string | null;
  body: string;
  createdAt: Date;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface DeliveryRow {
  id: number;
  eventId: number;
  endpointId: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  claimedBy: string | null;
  claimedUntil: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
  failedAt: Date | null;
  createdAt: Date;
}

export interface AttemptRow {
  id: number;
  deliveryId: number;
  attempt: number;
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  outcome: string;
}

export interface AdminCallRow {
  id: number;
  kind: string;
  appointmentId: string | null;
  payload: unknown;
  status: 'pending' | 'done' | 'expired';
  attempts: number;
  nextAttemptAt: Date;
  giveUpAt: Date;
  claimedBy: string | null;
  claimedUntil: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  doneAt: Date | null;
}

export interface RoomEventRow {
  id: number;
  webhookId: string;
  type: string;
  roomId: string;
  appointmentId: string | null;
  receivedAt: Date;
}

export interface RoomRow {
  roomId: string;
  appointmentId: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  /** The citizen's last state in the room (migration 0085): waiting, in_call, left, disconnected. */
  citizenState: string | null;
  citizenStateAt: Date | null;
  waitingSince: Date | null;
  networkCheck: string | null;
  /** The estimated waiting time a clerk last sent (migration 0160). */
  waitingEstimateMinutes: number | null;
  waitingEstimateAt: Date | null;
  updatedAt: Date;
}

type Nullable<T> = { [K in keyof T]: null extends T[K] ? K : never }[keyof T];
type Creation<T, Extra extends keyof T = never> = Optional<T, Nullable<T> | Extra>;

export interface OutboundModels {
  Endpoint: ModelStatic<Model<EndpointRow, Creation<EndpointRow>>>;
  Event: ModelStatic<Model<EventRow, Creation<EventRow, 'id'>>>;
  Delivery: ModelStatic<Model<DeliveryRow, Creation<DeliveryRow, 'id'>>>;
  Attempt: ModelStatic<Model<AttemptRow, Creation<AttemptRow, 'id'>>>;
  AdminCall: ModelStatic<Model<AdminCallRow, Creation<AdminCallRow, 'id'>>>;
  RoomEvent: ModelStatic<Model<RoomEventRow, Creation<RoomEventRow, 'id'>>>;
  Room: ModelStatic<Model<RoomRow, Creation<RoomRow>>>;
}

const date = (allowNull = false) => ({ type: DataTypes.DATE(3), allowNull });
const options = (tableName: string) => ({ tableName, underscored: true, timestamps: false });
const serial = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true };
const claimColumns = { claimedBy: DataTypes.STRING(255), claimedUntil: date(true) };

const defined = new WeakMap<Sequelize, OutboundModels>();

/** The outbound models of `sequelize` (defined on first use). */
export function outboundModels(sequelize: Sequelize): OutboundModels {
  let models = defined.get(sequelize);
  if (models) return models;
  models = {
    Endpoint: sequelize.define(
      'OutboundEndpoint',
      {
        id: { type: DataTypes.STRING(36), primaryKey: true },
        name: DataTypes.STRING(100),
        url: DataTypes.STRING(2000),
        secret: DataTypes.STRING(200),
        events: DataTypes.JSON,
        origin: DataTypes.STRING(16),
        enabled: DataTypes.BOOLEAN,
        disabledReason: DataTypes.STRING(64),
        disabledAt: date(true),
        createdAt: date(),
        updatedAt: date(),
      },
      options('outbound_endpoints'),
    ),
    Event: sequelize.define(
      'OutboundEvent',
      {
        id: serial,
        webhookId: DataTypes.STRING(64),
        type: DataTypes.STRING(64),
        appointmentId: DataTypes.STRING(36),
        body: DataTypes.TEXT,
        createdAt: date(),
      },
      options('outbound_events'),
    ),
    Delivery: sequelize.define(
      'OutboundDelivery',
      {
        id: serial,
        eventId: DataTypes.INTEGER,
        endpointId: DataTypes.STRING(36),
        status: DataTypes.STRING(16),
        attempts: DataTypes.INTEGER,
        nextAttemptAt: date(),
        ...claimColumns,
        lastStatusCode: DataTypes.INTEGER,
        lastError: DataTypes.STRING(300),
        lastAttemptAt: date(true),
        deliveredAt: date(true),
        failedAt: date(true),
        createdAt: date(),
      },
      options('outbound_deliveries'),
    ),
    Attempt: sequelize.define(
      'OutboundAttempt',
      {
        id: serial,
        deliveryId: DataTypes.INTEGER,
        attempt: DataTypes.INTEGER,
        startedAt: date(),
        durationMs: DataTypes.INTEGER,
        statusCode: DataTypes.INTEGER,
        error: DataTypes.STRING(300),
        outcome: DataTypes.STRING(16),
      },
      options('outbound_attempts'),
    ),
    AdminCall: sequelize.define(
      'VideoAdminCall',
      {
        id: serial,
        kind: DataTypes.STRING(32),
        appointmentId: DataTypes.STRING(36),
        payload: DataTypes.JSON,
        status: DataTypes.STRING(16),
        attempts: DataTypes.INTEGER,
        nextAttemptAt: date(),
        giveUpAt: date(),
        ...claimColumns,
        lastStatusCode: DataTypes.INTEGER,
        lastError: DataTypes.STRING(300),
        createdAt: date(),
        doneAt: date(true),
      },
      options('video_admin_calls'),
    ),
    RoomEvent: sequelize.define(
      'VideoRoomEvent',
      {
        id: serial,
        webhookId: DataTypes.STRING(255),
        type: DataTypes.STRING(64),
        roomId: DataTypes.STRING(64),
        appointmentId: DataTypes.STRING(36),
        receivedAt: date(),
      },
      options('video_room_events'),
    ),
    Room: sequelize.define(
      'VideoRoom',
      {
        roomId: { type: DataTypes.STRING(64), primaryKey: true },
        appointmentId: DataTypes.STRING(36),
        startedAt: date(true),
        endedAt: date(true),
        citizenState: DataTypes.STRING(16),
        citizenStateAt: date(true),
        waitingSince: date(true),
        networkCheck: DataTypes.STRING(16),
        waitingEstimateMinutes: DataTypes.INTEGER,
        waitingEstimateAt: date(true),
        updatedAt: date(),
      },
      options('video_rooms'),
    ),
  } as OutboundModels;
  defined.set(sequelize, models);
  return models;
}
