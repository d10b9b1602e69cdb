/**
 * The case events on the service's event outbox (events/): the same body shape and delivery as the room
 * events (Standard Webhooks, retried, same `webhook-id` on retries). Bodies carry ids, hashes and
 * capabilities (the hand-off, the citizen's documents page), never names or form data. Without a webhook
 * receiver (EVENTS_WEBHOOK_URL unset) nothing is recorded.
 *
 * - `case.finished`: the clerk finished the case (case-management hand-off; the connector mails the
 *   citizen the documents page).
 * - `case.documents_link_requested`: someone in the room asked for that mail (again).
 */
import { createHash, randomUUID } from 'node:crypto';
import { Conflict } from '../../errors.ts';
import type { OutboxRepository } from '../../events/ports.ts';
import type { CaseEvents, CaseFinishedEvent, DocumentsLinkRequestedEvent } from '../ports.ts';

export const CASE_FINISHED = 'case.finished';
export const DOCUMENTS_LINK_REQUESTED = 'case.documents_link_requested';

export function outboxCaseEvents(options: {
  outbox: OutboxRepository;
  enabled: boolean;
  now: () => Date;
  recorded?: () => void;
}): CaseEvents {
  const add = async (webhookId: string, type: string, data: unknown): Promise<void> => {
    const now = options.now();
    const body = { type, timestamp: now.toISOString(), data };
    await options.outbox.add({ webhookId, type, body: JSON.stringify(body), createdAt: now });
    options.recorded?.();
  };
  return {
    async caseFinished(data: CaseFinishedEvent) {
      if (options.enabled) await add(`msg_${randomUUID()}`, CASE_FINISHED, data);
    },
    async documentsLinkRequested(data: DocumentsLinkRequestedEvent) {
      if (!options.enabled) return false;
      // One id per room and minute: the unique webhook id turns a double tap (or two tabs) into one mail.
      const minute = Math.floor(options.now().getTime() / 60_000);
      const room = createHash('sha256').update(data.room).digest('hex').slice(0, 24);
      try {
        await add(`msg_doclink_${room}_${minute}`, DOCUMENTS_LINK_REQUESTED, data);
      } catch (error) {
        if (!(error instanceof Conflict)) throw error;
      }
      return true;
    },
  };
}
