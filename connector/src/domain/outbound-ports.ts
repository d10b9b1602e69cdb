/**
 * Ports for everything the connector tells other systems after a change: outbound webhooks to the
 * booking system (an outbox of events, fanned out to the configured endpoints), admin calls to the video
 * service (revoke tokens, close a room; an outbox of calls retried until delivered), and the record of
 * what happened in the video rooms. Every write happens inside the caller's transaction, so a change and
 * its announcements commit or roll back together.
 */

/** Event types the connector sends to its outbound webhook endpoints (docs/outbound-webhooks.md). */
export const OUTBOUND_EVENT_TYPES = [
  'appointment.linked',
  'appointment.cancelled',
  'room.citizen_waiting',
  'room.started',
  'room.ended',
  'payment.completed',
  'payment.failed',
] as const;
export type OutboundEventType = (typeof OUTBOUND_EVENT_TYPES)[number];

/** One event to announce; `data` becomes the `data` member of the Standard Webhooks body. */
export interface OutboundEventDraft {
  type: OutboundEventType;
  appointmentId: string | null;
  data: Record<string, unknown>;
}

/** The outbox of outbound webhook events. */
export interface OutboundEventOutbox {
  /**
   * Stores the event with one delivery per active endpoint subscribed to its type (nothing when none is).
   * @returns the number of deliveries queued.
   */
  publish(event: OutboundEventDraft, now: Date): Promise<number>;
}

/** A call to the video service's admin API (`aud: video-service-admin`). */
export type VideoAdminCall =
  | { kind: 'revoke_tokens'; appointmentId: string; jtis: string[]; giveUpAt: Date }
  | { kind: 'close_room'; appointmentId: string; room: string; giveUpAt: Date };

/**
 * The outbox of admin calls: retried until the video service confirms, or until `giveUpAt` (the tokens
 * would have expired by then, the room is long over).
 */
export interface VideoAdminOutbox {
  enqueue(call: VideoAdminCall, now: Date): Promise<void>;
}

/** What the video service reported about a room, deduplicated by webhook id. */
export interface RoomActivityRepository {
  /** Records a delivery; false when this webhook id was recorded before (replay: do nothing). */
  recordDelivery(
    delivery: { webhookId: string; type: string; roomId: string; appointmentId: string | null },
    now: Date,
  ): Promise<boolean>;
  /** Marks the room started; true only for the first call per room. */
  markStarted(roomId: string, appointmentId: string | null, at: Date): Promise<boolean>;
  /** Marks the room ended; true only for the first call per room. */
  markEnded(roomId: string, appointmentId: string | null, at: Date): Promise<boolean>;
  /**
   * Records what the citizen does now (the clerk's workplace shows it); ignored when a later change is stored
   * already (a retried, older delivery). True when stored.
   */
  markCitizen(roomId: string, appointmentId: string | null, change: CitizenRoomChange): Promise<boolean>;
}

/** The citizen's state in the room as the workplace shows it (from room.citizen_waiting, participant_joined/left). */
export interface CitizenRoomChange {
  state: 'waiting' | 'in_call' | 'left' | 'disconnected';
  at: Date;
  /** `room.citizen_waiting`: the network check's result where the video service reports it (`ok`, `warn`, `fail`). */
  networkCheck?: string | null;
}
