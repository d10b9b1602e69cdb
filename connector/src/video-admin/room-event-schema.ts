/**
 * The event webhooks the video service sends to `POST /webhooks/video-service` (Standard Webhooks
 * signed with VIDEO_EVENTS_WEBHOOK_SECRET). The video service defines them (docs/video-admin-api.md,
 * video-service/src/contract/events.ts): `{ type, timestamp, data: { room, appointmentId?, participant?:
 * { id, role }, waitingSince? | endedAt?, reason? } }`. This schema is lenient on purpose: it needs only
 * the type and the room (`data.room`, `data.roomId` or a top-level `room`); the time (`data.at`,
 * `waitingSince`, `endedAt`, else `timestamp`), the participant's role and the end reason are optional;
 * everything else is ignored — so the two services can evolve independently.
 */
import { z } from 'zod';
import { VIDEO_EVENT_TYPES, type VideoEventType } from '@virtuelles-amt/video-service/contract/events';
import { roomIdSchema } from '@virtuelles-amt/video-service/contract/join-token';

/** Video-service event types the connector acts on (others are acknowledged and ignored). */
export const ROOM_EVENT_TYPES = VIDEO_EVENT_TYPES;
export type RoomEventType = VideoEventType;

const isoDate = z.iso.datetime({ offset: true });
const participant = z.looseObject({ id: z.string().max(128).optional(), role: z.string().max(32).optional() });

export const roomEventBodySchema = z.looseObject({
  type: z.string().min(1).max(64),
  timestamp: isoDate.optional(),
  room: roomIdSchema.optional(),
  data: z
    .looseObject({
      room: roomIdSchema.optional(),
      roomId: roomIdSchema.optional(),
      at: isoDate.optional(),
      waitingSince: isoDate.optional(),
      endedAt: isoDate.optional(),
      participant: participant.optional(),
      role: z.string().max(32).optional(),
      reason: z.string().max(64).optional(),
      networkCheck: z.enum(['ok', 'warn', 'fail']).optional(),
    })
    .default({}),
});

/** The normalised event the use case gets. */
export interface RoomEventInput {
  type: RoomEventType;
  roomId: string;
  at: Date;
  /** The participant's role where the event concerns one (`citizen`, `clerk`, `guest`). */
  role: string | null;
  /** Why the room ended (`ended` by a clerk, `closed` through the admin API), where given. */
  reason: string | null;
  /** `room.citizen_waiting`: the network check's result, when the video service reports one. */
  networkCheck: string | null;
}

/**
 * Normalises a parsed body; null for event types the connector does not act on.
 * @throws the zod issues as `{ path, message }[]` via the returned `issues` when the room is missing.
 */
export function toRoomEvent(
  body: z.infer<typeof roomEventBodySchema>,
  now: Date,
): RoomEventInput | { issues: Array<{ path: string; message: string }> } | null {
  if (!(ROOM_EVENT_TYPES as readonly string[]).includes(body.type)) return null;
  const roomId = body.data.room ?? body.data.roomId ?? body.room;
  if (!roomId) return { issues: [{ path: 'data.room', message: 'the room is required' }] };
  const at = body.data.at ?? body.data.waitingSince ?? body.data.endedAt ?? body.timestamp;
  return {
    type: body.type as RoomEventType,
    roomId,
    at: at ? new Date(at) : now,
    role: body.data.participant?.role ?? body.data.role ?? null,
    reason: body.data.reason ?? null,
    networkCheck: body.data.networkCheck ?? null,
  };
}
