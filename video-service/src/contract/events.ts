/**
 * Event webhooks from the video service to the connector (docs/video-admin-api.md "Event webhooks"):
 * Standard Webhooks 1.0 (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256>`),
 * signed with EVENTS_WEBHOOK_SECRET and POSTed to EVENTS_WEBHOOK_URL. The `webhook-id` stays the same on
 * every retry, so the receiver can deduplicate. Bodies carry ids only, never names.
 */
import type { Role } from './join-token.ts';

export const VIDEO_EVENT_TYPES = [
  'room.citizen_waiting',
  'room.participant_joined',
  'room.participant_left',
  'room.ended',
] as const;
export type VideoEventType = (typeof VIDEO_EVENT_TYPES)[number];

export interface EventParticipant {
  id: string;
  role: Role;
}

export interface VideoEventData {
  /** A citizen (or guest) started waiting in the lobby (not sent again for a reload of the same wait). */
  'room.citizen_waiting': { room: string; appointmentId: string; participant: EventParticipant; waitingSince: string };
  /** A participant entered the call (admitted, a clerk joined, or an admitted participant came back). */
  'room.participant_joined': { room: string; appointmentId: string; participant: EventParticipant };
  /** A participant left the call. */
  'room.participant_left': {
    room: string;
    appointmentId: string;
    participant: EventParticipant;
    reason: 'left' | 'disconnected' | 'returned_to_lobby' | 'room_closed';
  };
  /** The room was closed: a clerk ended the call for everyone (`ended`) or the admin API closed it (`closed`). */
  'room.ended': { room: string; reason: 'ended' | 'closed'; endedAt: string; by: string };
}

/** The JSON body of every event webhook. */
export interface VideoEventBody<T extends VideoEventType = VideoEventType> {
  type: T;
  /** ISO time the event happened. */
  timestamp: string;
  data: VideoEventData[T];
}
