/**
 * The room's messages: the call's chat (to every admitted participant) and a clerk's short messages to one
 * waiting participant. Stored with the room and deleted with it.
 */
import { Op, type Transaction } from 'sequelize';
import type { Role } from '../contract/join-token.ts';
import type { ChatRepository, StoredMessage } from '../rooms/repository-ports.ts';
import type { ChatMessageRow, Models } from './models.ts';

function toMessage(row: ChatMessageRow): StoredMessage {
  return {
    id: row.id,
    room: row.room,
    from: { id: row.from_id, role: row.from_role as Role, name: row.from_name },
    to: row.to_id,
    text: row.text,
    sentAt: new Date(row.sent_at),
  };
}

export function createChatRepository({ ChatMessage }: Models, transaction?: Transaction): ChatRepository {
  const tx = { transaction };
  return {
    async add(m) {
      await ChatMessage.create(
        {
          id: m.id,
          room: m.room,
          from_id: m.from.id,
          from_role: m.from.role,
          from_name: m.from.name,
          to_id: m.to,
          text: m.text,
          sent_at: m.sentAt,
        },
        tx,
      );
    },
    async history(room, limit) {
      const rows = await ChatMessage.findAll({
        where: { room, to_id: null },
        order: [
          ['sent_at', 'DESC'],
          ['id', 'DESC'],
        ],
        limit,
        ...tx,
      });
      return rows.map((r) => toMessage(r.get({ plain: true }))).reverse();
    },
    async lobbyMessages(room, to, since) {
      const rows = await ChatMessage.findAll({
        where: { room, to_id: to, sent_at: { [Op.gte]: since } },
        order: [
          ['sent_at', 'ASC'],
          ['id', 'ASC'],
        ],
        ...tx,
      });
      return rows.map((r) => toMessage(r.get({ plain: true })));
    },
    async removeRoom(room) {
      await ChatMessage.destroy({ where: { room }, ...tx });
    },
  };
}
