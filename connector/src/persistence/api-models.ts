/**
 * sequelize models of the REST API's and the clerk calendar feed's tables (migrations 0031, 0032) and of the
 * guest invitations (0190).
 * Included in `Models` (models.ts); only the repositories in this folder use them.
 */
import type { GuestInvitation } from '../domain/guest-ports.ts';
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

export interface ClerkCalendarLinkRow {
  clerkId: string;
  secretHash: string;
  createdAt: Date;
}

export interface ApiIdempotencyKeyRow {
  id: number;
  client: string;
  idempotencyKey: string;
  requestHash: string;
  appointmentId: string | null;
  createdAt: Date;
}

/** The row is the invitation itself (domain/guest-ports.ts); the repository only revives its dates. */
export type GuestInvitationRow = GuestInvitation;

export interface ApiModels {
  /** Migration 0190 (issue 15). */
  GuestInvitation: ModelStatic<Model<GuestInvitationRow>>;
  ClerkCalendarLink: ModelStatic<Model<ClerkCalendarLinkRow>>;
  ApiIdempotencyKey: ModelStatic<Model<ApiIdempotencyKeyRow, Optional<ApiIdempotencyKeyRow, 'id' | 'appointmentId'>>>;
}

const options = (tableName: string) => ({ tableName, underscored: true, timestamps: false });

export function defineApiModels(sequelize: Sequelize): ApiModels {
  const ClerkCalendarLink = sequelize.define<Model<ClerkCalendarLinkRow>>(
    'ClerkCalendarLink',
    {
      clerkId: { type: DataTypes.STRING(128), primaryKey: true },
      secretHash: DataTypes.STRING(64),
      createdAt: DataTypes.DATE(3),
    },
    options('clerk_calendar_links'),
  );
  const ApiIdempotencyKey = sequelize.define<
    Model<ApiIdempotencyKeyRow, Optional<ApiIdempotencyKeyRow, 'id' | 'appointmentId'>>
  >(
    'ApiIdempotencyKey',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      client: DataTypes.STRING(64),
      idempotencyKey: DataTypes.STRING(255),
      requestHash: DataTypes.STRING(64),
      appointmentId: DataTypes.STRING(36),
      createdAt: DataTypes.DATE(3),
    },
    options('api_idempotency_keys'),
  );
  const GuestInvitation = sequelize.define<Model<GuestInvitationRow>>(
    'GuestInvitation',
    {
      id: { type: DataTypes.STRING(36), primaryKey: true },
      appointmentId: DataTypes.STRING(36),
      name: DataTypes.STRING(200),
      email: DataTypes.STRING(320),
      jti: DataTypes.STRING(36),
      expiresAt: DataTypes.DATE(3),
      requestKey: DataTypes.STRING(320),
      createdBy: DataTypes.STRING(160),
      createdAt: DataTypes.DATE(3),
      revokedAt: DataTypes.DATE(3),
    },
    options('guest_invitations'),
  );
  return { ClerkCalendarLink, ApiIdempotencyKey, GuestInvitation };
}
