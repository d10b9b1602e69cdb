/**
 * sequelize models of the connector's tables (created by migrations/, never by sync()).
 * Only the repositories in this folder use them.
 */
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import { defineApiModels, type ApiModels } from './api-models.ts';

export interface AppointmentRow {
  id: string;
  source: string;
  externalId: string;
  status: string;
  title: string;
  startAt: Date;
  endAt: Date;
  timezone: string;
  services: unknown;
  citizen: unknown;
  clerk: unknown;
  /** Copy of clerk.id for lookups (migration 0030). */
  clerkId: string | null;
  notes: string | null;
  roomId: string;
  sequence: number;
  citizenJti: string;
  clerkJti: string;
  cancelJti: string;
  icsKeyHash: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface InboundEventRow {
  id: number;
  source: string;
  deliveryId: string;
  answer: unknown;
  receivedAt: Date;
  completedAt: Date | null;
}

export interface MailOutboxRow {
  id: number;
  appointmentId: string | null;
  kind: string;
  mail: unknown;
  status: 'pending' | 'sent';
  attempts: number;
  nextAttemptAt: Date;
  claimedBy: string | null;
  claimedUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface LinkRevocationRow {
  jti: string;
  appointmentId: string;
  kind: string;
  reason: string;
  revokedAt: Date;
  expiresAt: Date;
}

export interface Models extends ApiModels {
  Appointment: ModelStatic<Model<AppointmentRow>>;
  InboundEvent: ModelStatic<Model<InboundEventRow, Optional<InboundEventRow, 'id' | 'answer' | 'completedAt'>>>;
  MailOutbox: ModelStatic<
    Model<MailOutboxRow, Optional<MailOutboxRow, 'id' | 'claimedBy' | 'claimedUntil' | 'lastError' | 'sentAt'>>
  >;
  LinkRevocation: ModelStatic<Model<LinkRevocationRow>>;
}

const date = (allowNull = false) => ({ type: DataTypes.DATE(3), allowNull });
const options = (tableName: string, timestamps = false) => ({ tableName, underscored: true, timestamps });

export function defineModels(sequelize: Sequelize): Models {
  const Appointment = sequelize.define<Model<AppointmentRow>>(
    'Appointment',
    {
      id: { type: DataTypes.STRING(36), primaryKey: true },
      source: DataTypes.STRING(64),
      externalId: DataTypes.STRING(255),
      status: DataTypes.STRING(16),
      title: DataTypes.STRING(300),
      startAt: date(),
      endAt: date(),
      timezone: DataTypes.STRING(64),
      services: DataTypes.JSON,
      citizen: DataTypes.JSON,
      clerk: DataTypes.JSON,
      clerkId: DataTypes.STRING(128),
      notes: DataTypes.TEXT,
      roomId: DataTypes.STRING(64),
      sequence: DataTypes.INTEGER,
      citizenJti: DataTypes.STRING(64),
      clerkJti: DataTypes.STRING(64),
      cancelJti: DataTypes.STRING(64),
      icsKeyHash: DataTypes.STRING(64),
      createdAt: date(),
      updatedAt: date(),
    },
    options('appointments'),
  );
  const InboundEvent = sequelize.define<
    Model<InboundEventRow, Optional<InboundEventRow, 'id' | 'answer' | 'completedAt'>>
  >(
    'InboundEvent',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      source: DataTypes.STRING(64),
      deliveryId: DataTypes.STRING(255),
      answer: DataTypes.JSON,
      receivedAt: date(),
      completedAt: date(true),
    },
    options('inbound_events'),
  );
  const MailOutbox = sequelize.define<
    Model<MailOutboxRow, Optional<MailOutboxRow, 'id' | 'claimedBy' | 'claimedUntil' | 'lastError' | 'sentAt'>>
  >(
    'MailOutbox',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      appointmentId: DataTypes.STRING(36),
      kind: DataTypes.STRING(32),
      mail: DataTypes.JSON,
      status: DataTypes.STRING(16),
      attempts: DataTypes.INTEGER,
      nextAttemptAt: date(),
      claimedBy: DataTypes.STRING(255),
      claimedUntil: date(true),
      lastError: DataTypes.STRING(500),
      createdAt: date(),
      sentAt: date(true),
    },
    options('mail_outbox'),
  );
  const LinkRevocation = sequelize.define<Model<LinkRevocationRow>>(
    'LinkRevocation',
    {
      jti: { type: DataTypes.STRING(64), primaryKey: true },
      appointmentId: DataTypes.STRING(36),
      kind: DataTypes.STRING(16),
      reason: DataTypes.STRING(16),
      revokedAt: date(),
      expiresAt: date(),
    },
    options('link_revocations'),
  );
  return { Appointment, InboundEvent, MailOutbox, LinkRevocation, ...defineApiModels(sequelize) };
}

/** JSON columns come back parsed from SQLite but as text from MariaDB (JSON is LONGTEXT there). */
export function parseJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
