/**
 * The admin API for the connector (docs/video-admin-api.md): `Authorization: Bearer <service token>`
 * (ES256, `aud: "video-service-admin"`, keys from the trusted JWKS). Every operation is idempotent.
 *  - POST   /admin/rooms/:room/close   → 200 { room, closedAt, reason }
 *  - DELETE /admin/rooms/:room         → 200 { room, deleted: true }   (closes, then deletes the room's personal data)
 *  - POST   /admin/tokens/revoke { jtis } → 200 { revoked, sessionsEnded }
 *  - POST   /admin/rooms/:room/waiting-estimate { minutes } → 200 { room, participantId, minutes, sentAt }
 *                                      (409 invalid_state + reason when no citizen waits; nothing stored)
 */
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { roomIdSchema } from '../contract/join-token.ts';
import { InvalidInput, Unauthorized } from '../errors.ts';
import type { RoomDeps } from '../rooms/deps.ts';
import { closeRoom } from '../rooms/close-room.ts';
import { deleteRoomData } from '../rooms/delete-room-data.ts';
import { revokeTokens } from '../sessions/revoke-tokens.ts';
import { estimateForWaitingCitizen } from '../rooms/waiting-estimate.ts';
import { estimateMinutes } from '../signalling/handlers/lobby-estimate.ts';
import type { AdminClaims } from '../tokens/verify-admin-token.ts';

export interface AdminRouteDeps {
  rooms: RoomDeps;
  verify: (token: string) => Promise<AdminClaims>;
}

const estimateBody = z.object({ minutes: estimateMinutes }).strict();
const revokeBody = z.object({ jtis: z.array(z.string().min(1).max(128)).min(1).max(500) });

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new InvalidInput(
      `${what}: ${result.error.issues.map((i) => `${i.path.join('.') || 'value'} ${i.message}`).join('; ')}`,
    );
  return result.data;
}

export function adminRoutes(deps: AdminRouteDeps): Router {
  const router = Router();
  const authenticate: RequestHandler = async (req, res, next) => {
    const token = req.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw new Unauthorized('A valid service token is required.', { reason: 'invalid' });
    const claims = await deps.verify(token);
    res.locals.actor = `admin:${claims.iss}`;
    next();
  };
  router.use(authenticate);

  router.post('/rooms/:room/close', async (req, res) => {
    const room = parse(roomIdSchema, req.params.room, 'room');
    const record = await closeRoom(deps.rooms, { room, reason: 'closed', by: String(res.locals.actor) });
    res.json({ room, closedAt: record.closedAt?.toISOString(), reason: record.closedReason });
  });

  router.delete('/rooms/:room', async (req, res) => {
    const room = parse(roomIdSchema, req.params.room, 'room');
    await deleteRoomData(deps.rooms, { room, by: String(res.locals.actor) });
    res.json({ room, deleted: true });
  });

  router.post('/rooms/:room/waiting-estimate', async (req, res) => {
    const room = parse(roomIdSchema, req.params.room, 'room');
    if (!req.is('application/json')) throw new InvalidInput('Send { "minutes": 0..120 } as application/json.');
    const { minutes } = parse(estimateBody, req.body, 'body');
    const { participantId, estimate } = await estimateForWaitingCitizen(deps.rooms, {
      room,
      minutes,
      by: String(res.locals.actor),
    });
    res.json({ room, participantId, ...estimate });
  });

  router.post('/tokens/revoke', async (req, res) => {
    if (!req.is('application/json')) throw new InvalidInput('Send { "jtis": [...] } as application/json.');
    const { jtis } = parse(revokeBody, req.body, 'body');
    res.json(await revokeTokens(deps.rooms, jtis));
  });
  return router;
}
