/**
 * sequelize models over the tables created by the migrations. Only the repositories use them; everything
 * else sees plain objects.
 */
import { DataTypes, type Sequelize, type ModelStatic, type Model } from 'sequelize';

export interface SessionRow {
  id: string;
  room: string;
  participant_id: string;
  role: string;
  name: string;
  appointment: string;
  token_jti: string;
  token_exp: Date;
  token_iat: Date | null;
  expires_at: Date;
  created_at: Date;
}

export interface AdmissionRow {
  room: string;
  participant_id: string;
  admitted_at: Date;
  admitted_by: string;
  screen_share: boolean;
}

export interface LobbyRow {
  room: string;
  participant_id: string;
  waiting_since: Date;
  /** A clerk's estimated waiting time (0..120 minutes) and when it was sent; null: none (migration 0160). */
  estimate_minutes?: number | null;
  estimate_at?: Date | null;
}

export interface RevokedTokenRow {
  jti: string;
  revoked_at: Date;
}

export interface RoomRow {
  room: string;
  closed_at: Date | null;
  closed_reason: string | null;
  closed_by: string | null;
}

export interface ChatMessageRow {
  id: string;
  room: string;
  from_id: string;
  from_role: string;
  from_name: string;
  to_id: string | null;
  text: string;
  sent_at: Date;
}

export interface OutboxRow {
  id: number;
  webhook_id: string;
  type: string;
  body: string;
  created_at: Date;
  attempts: number;
  next_attempt_at: Date;
  locked_by: string | null;
  locked_until: Date | null;
  delivered_at: Date | null;
  failed_at: Date | null;
  last_error: string | null;
}

type OutboxCreation = Omit<OutboxRow, 'id'> & { id?: number };

export interface Models {
  Session: ModelStatic<Model<SessionRow, SessionRow>>;
  Admission: ModelStatic<Model<AdmissionRow, AdmissionRow>>;
  Lobby: ModelStatic<Model<LobbyRow, LobbyRow>>;
  RevokedToken: ModelStatic<Model<RevokedTokenRow, RevokedTokenRow>>;
  Room: ModelStatic<Model<RoomRow, RoomRow>>;
  ChatMessage: ModelStatic<Model<ChatMessageRow, ChatMessageRow>>;
  Outbox: ModelStatic<Model<OutboxRow, OutboxCreation>>;
}

const common = { timestamps: false, freezeTableName: true } as const;

export function defineModels(sequelize: Sequelize): Models {
  return {
    Session: sequelize.define<Model<SessionRow, SessionRow>>(
      'sessions',
      {
        id: { type: DataTypes.STRING(64), primaryKey: true },
        room: DataTypes.STRING(64),
        participant_id: DataTypes.STRING(128),
        role: DataTypes.STRING(16),
        name: DataTypes.STRING(200),
        appointment: DataTypes.TEXT,
        token_jti: DataTypes.STRING(128),
        token_exp: DataTypes.DATE(3),
        token_iat: DataTypes.DATE(3),
        expires_at: DataTypes.DATE(3),
        created_at: DataTypes.DATE(3),
      },
      common,
    ),
    Admission: sequelize.define<Model<AdmissionRow, AdmissionRow>>(
      'admissions',
      {
        room: { type: DataTypes.STRING(64), primaryKey: true },
        participant_id: { type: DataTypes.STRING(128), primaryKey: true },
        admitted_at: DataTypes.DATE(3),
        admitted_by: DataTypes.STRING(128),
        screen_share: { type: DataTypes.BOOLEAN, defaultValue: false },
      },
      common,
    ),
    Lobby: sequelize.define<Model<LobbyRow, LobbyRow>>(
      'lobby',
      {
        room: { type: DataTypes.STRING(64), primaryKey: true },
        participant_id: { type: DataTypes.STRING(128), primaryKey: true },
        waiting_since: DataTypes.DATE(3),
        estimate_minutes: { type: DataTypes.INTEGER, allowNull: true },
        estimate_at: { type: DataTypes.DATE(3), allowNull: true },
      },
      common,
    ),
    RevokedToken: sequelize.define<Model<RevokedTokenRow, RevokedTokenRow>>(
      'revoked_tokens',
      {
        jti: { type: DataTypes.STRING(128), primaryKey: true },
        revoked_at: DataTypes.DATE(3),
      },
      common,
    ),
    Room: sequelize.define<Model<RoomRow, RoomRow>>(
      'rooms',
      {
        room: { type: DataTypes.STRING(64), primaryKey: true },
        closed_at: DataTypes.DATE(3),
        closed_reason: DataTypes.STRING(16),
        closed_by: DataTypes.STRING(128),
      },
      common,
    ),
    ChatMessage: sequelize.define<Model<ChatMessageRow, ChatMessageRow>>(
      'chat_messages',
      {
        id: { type: DataTypes.STRING(36), primaryKey: true },
        room: DataTypes.STRING(64),
        from_id: DataTypes.STRING(128),
        from_role: DataTypes.STRING(16),
        from_name: DataTypes.STRING(200),
        to_id: DataTypes.STRING(128),
        text: DataTypes.TEXT,
        sent_at: DataTypes.DATE(3),
      },
      common,
    ),
    Outbox: sequelize.define<Model<OutboxRow, OutboxCreation>>(
      'event_outbox',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        webhook_id: DataTypes.STRING(64),
        type: DataTypes.STRING(64),
        body: DataTypes.TEXT,
        created_at: DataTypes.DATE(3),
        attempts: DataTypes.INTEGER,
        next_attempt_at: DataTypes.DATE(3),
        locked_by: DataTypes.STRING(64),
        locked_until: DataTypes.DATE(3),
        delivered_at: DataTypes.DATE(3),
        failed_at: DataTypes.DATE(3),
        last_error: DataTypes.STRING(300),
      },
      common,
    ),
  };
}
