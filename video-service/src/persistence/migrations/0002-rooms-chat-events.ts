/**
 * Issue 4: room records (closed rooms refuse joins), chat and lobby messages stored with the room,
 * screen-share permission on the admission, the token's issue time on sessions (a room closed after a
 * token was issued refuses it), and the outbox of event webhooks to the connector.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export const name = '0002-rooms-chat-events';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('rooms', {
    room: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    closed_at: { type: DataTypes.DATE(3), allowNull: true },
    /** `ended` (clerk) or `closed` (admin API). */
    closed_reason: { type: DataTypes.STRING(16), allowNull: true },
    closed_by: { type: DataTypes.STRING(128), allowNull: true },
  });

  await qi.createTable('chat_messages', {
    id: { type: DataTypes.STRING(36), primaryKey: true, allowNull: false },
    room: { type: DataTypes.STRING(64), allowNull: false },
    from_id: { type: DataTypes.STRING(128), allowNull: false },
    from_role: { type: DataTypes.STRING(16), allowNull: false },
    from_name: { type: DataTypes.STRING(200), allowNull: false },
    /** NULL: the call's chat (admitted participants); a participant id: a lobby message to that person. */
    to_id: { type: DataTypes.STRING(128), allowNull: true },
    text: { type: DataTypes.TEXT, allowNull: false },
    sent_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('chat_messages', ['room', 'sent_at'], { name: 'chat_messages_room_sent_at' });

  await qi.addColumn('admissions', 'screen_share', { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });
  await qi.addColumn('sessions', 'token_iat', { type: DataTypes.DATE(3), allowNull: true });

  await qi.createTable('event_outbox', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    /** Standard Webhooks `webhook-id`: the same on every retry. */
    webhook_id: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    type: { type: DataTypes.STRING(64), allowNull: false },
    /** The JSON body, exactly as signed and sent. */
    body: { type: DataTypes.TEXT, allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    next_attempt_at: { type: DataTypes.DATE(3), allowNull: false },
    locked_by: { type: DataTypes.STRING(64), allowNull: true },
    locked_until: { type: DataTypes.DATE(3), allowNull: true },
    delivered_at: { type: DataTypes.DATE(3), allowNull: true },
    failed_at: { type: DataTypes.DATE(3), allowNull: true },
    last_error: { type: DataTypes.STRING(300), allowNull: true },
  });
  await qi.addIndex('event_outbox', ['delivered_at', 'failed_at', 'next_attempt_at'], { name: 'event_outbox_due' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('event_outbox');
  await qi.removeColumn('sessions', 'token_iat');
  await qi.removeColumn('admissions', 'screen_share');
  await qi.dropTable('chat_messages');
  await qi.dropTable('rooms');
}
