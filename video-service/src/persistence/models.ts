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
  expires_at: Date;
  created_at: Date;
}

export interface AdmissionRow {
  room: string;
  participant_id: string;
  admitted_at: Date;
  admitted_by: string;
}

export interface LobbyRow {
  room: string;
  participant_id: string;
  waiting_since: Date;
}

export interface RevokedTokenRow {
  jti: string;
  revoked_at: Date;
}

export interface Models {
  Session: ModelStatic<Model<SessionRow, SessionRow>>;
  Admission: ModelStatic<Model<AdmissionRow, AdmissionRow>>;
  Lobby: ModelStatic<Model<LobbyRow, LobbyRow>>;
  RevokedToken: ModelStatic<Model<RevokedTokenRow, RevokedTokenRow>>;
}

const common = { timestamps: false, freezeTableName: true } as const;

export function defineModels(sequelize: Sequelize): Models {
  return {
    Session: sequelize.define<Model<SessionRow, SessionRow>>('sessions', {
      id: { type: DataTypes.STRING(64), primaryKey: true },
      room: DataTypes.STRING(64),
      participant_id: DataTypes.STRING(128),
      role: DataTypes.STRING(16),
      name: DataTypes.STRING(200),
      appointment: DataTypes.TEXT,
      token_jti: DataTypes.STRING(128),
      token_exp: DataTypes.DATE(3),
      expires_at: DataTypes.DATE(3),
      created_at: DataTypes.DATE(3),
    }, common),
    Admission: sequelize.define<Model<AdmissionRow, AdmissionRow>>('admissions', {
      room: { type: DataTypes.STRING(64), primaryKey: true },
      participant_id: { type: DataTypes.STRING(128), primaryKey: true },
      admitted_at: DataTypes.DATE(3),
      admitted_by: DataTypes.STRING(128),
    }, common),
    Lobby: sequelize.define<Model<LobbyRow, LobbyRow>>('lobby', {
      room: { type: DataTypes.STRING(64), primaryKey: true },
      participant_id: { type: DataTypes.STRING(128), primaryKey: true },
      waiting_since: DataTypes.DATE(3),
    }, common),
    RevokedToken: sequelize.define<Model<RevokedTokenRow, RevokedTokenRow>>('revoked_tokens', {
      jti: { type: DataTypes.STRING(128), primaryKey: true },
      revoked_at: DataTypes.DATE(3),
    }, common),
  };
}
