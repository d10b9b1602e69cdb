/**
 * The `case.finished` event on the service's event outbox (events/): the same body shape and delivery as
 * the room events (Standard Webhooks, retried, same `webhook-id` on retries). The body carries ids,
 * hashes and the hand-off capability, never names or form data. Without a webhook receiver
 * (EVENTS_WEBHOOK_URL unset) nothing is recorded.
 */
import { randomUUID } from 'node:crypto';
import type { OutboxRepository } from '../../persistence/outbox-repository.ts';
import type { CaseEvents, CaseFinishedEvent } from '../ports.ts';

export const CASE_FINISHED = 'case.finished';

export function outboxCaseEvents(options: { outbox: OutboxRepository; enabled: boolean; now: () => Date; recorded?: () => void }): CaseEvents {
  return {
    async caseFinished(data: CaseFinishedEvent) {
      if (!options.enabled) return;
      const now = options.now();
      const body = { type: CASE_FINISHED, timestamp: now.toISOString(), data };
      await options.outbox.add({ webhookId: `msg_${randomUUID()}`, type: CASE_FINISHED, body: JSON.stringify(body), createdAt: now });
      options.recorded?.();
    },
  };
}
