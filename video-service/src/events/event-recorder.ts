/**
 * Writes event webhooks into the outbox, in the caller's transaction when it passes that transaction's
 * outbox repository. Without EVENTS_WEBHOOK_URL nothing is recorded (no receiver, no growing table).
 */
import { randomUUID } from 'node:crypto';
import type { VideoEventBody, VideoEventData, VideoEventType } from '../contract/events.ts';
import type { OutboxRepository } from './ports.ts';
import type { RoomEvents } from '../rooms/ports.ts';

export function eventRecorder(options: { enabled: boolean; now?: () => Date; recorded?: () => void }): RoomEvents {
  return {
    async record<T extends VideoEventType>(outbox: OutboxRepository, type: T, data: VideoEventData[T]): Promise<void> {
      if (!options.enabled) return;
      const now = options.now?.() ?? new Date();
      const body: VideoEventBody<T> = { type, timestamp: now.toISOString(), data };
      await outbox.add({ webhookId: `msg_${randomUUID()}`, type, body: JSON.stringify(body), createdAt: now });
      options.recorded?.();
    },
  };
}
