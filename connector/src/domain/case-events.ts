/**
 * Use case: the video service reports that a case was finished (or that someone in the room asked for the
 * documents link again); the connector mails the citizen the link to their documents page.
 *
 * Story: in one transaction, record the delivery (a webhook id seen before changes nothing), find the
 * appointment behind the room, and queue the `documents` mail in the outbox — sent after the commit, retried,
 * never twice for one delivery. No mail when the appointment is not ours, has no address, or the event has
 * no link (the documents' retention has already ended). The link must point at the video service this
 * connector sends people to: a signed event naming another host is refused, not mailed.
 */
import { InvalidInput } from '../errors.ts';
import { appointmentOfRoom } from './room-events.ts';
import type { DomainDeps } from './ports.ts';

export interface CaseEvent {
  type: 'case.finished' | 'case.documents_link_requested';
  roomId: string;
  documents: { url: string; expiresAt: string } | null;
}

export interface CaseEventAnswer {
  duplicate: boolean;
  /** Whether the citizen's documents mail was queued. */
  mailed: boolean;
}

export async function recordCaseEvent(
  deps: Pick<DomainDeps, 'uow' | 'now'>,
  videoPublicUrl: string,
  event: CaseEvent,
  webhookId: string,
): Promise<CaseEventAnswer> {
  if (event.documents && !event.documents.url.startsWith(`${videoPublicUrl.replace(/\/$/, '')}/documents#`)) {
    throw new InvalidInput("the documents link does not point at this connector's video service", {
      issues: [{ path: 'data.citizenDocuments.url', message: 'must start with VIDEO_PUBLIC_URL/documents#' }],
    });
  }
  return deps.uow.transaction(async (repos) => {
    const appointment = await appointmentOfRoom(repos, event.roomId);
    const fresh = await repos.roomActivity.recordDelivery(
      { webhookId, type: event.type, roomId: event.roomId, appointmentId: appointment?.id ?? null },
      deps.now(),
    );
    if (!fresh) return { duplicate: true, mailed: false };
    if (!appointment || !event.documents || !appointment.citizen.email) return { duplicate: false, mailed: false };
    await repos.outbox.enqueue(
      {
        appointmentId: appointment.id,
        kind: 'documents',
        mail: { intent: { kind: 'documents', appointment, links: null, documents: event.documents } },
      },
      deps.now(),
    );
    return { duplicate: false, mailed: true };
  });
}
