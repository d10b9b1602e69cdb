/**
 * Case events the video service sends to `POST /webhooks/video-service` beside its room events
 * (video-service/src/casework/handoff/case-events.ts, docs/video-admin-api.md):
 * - `case.finished`: the clerk finished the case; `data.citizenDocuments` is the citizen's documents page
 *   (null once the documents' retention has ended);
 * - `case.documents_link_requested`: someone in the room asked for that link to be mailed (again).
 * The connector mails the citizen the link. Only what the mail needs is read; the rest (hand-off capability,
 * document hashes) is for the case-management system and ignored here.
 */
import { z } from 'zod';
import { roomIdSchema } from '@virtuelles-amt/video-service/contract/join-token';

export const CASE_EVENT_TYPES = ['case.finished', 'case.documents_link_requested'] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

const pageLink = z.object({ url: z.url().max(2048), expiresAt: z.iso.datetime({ offset: true }) });

export const caseEventBodySchema = z.looseObject({
  type: z.enum(CASE_EVENT_TYPES),
  data: z.looseObject({ room: roomIdSchema, citizenDocuments: pageLink.nullable().optional() }),
});

export interface CaseEventInput {
  type: CaseEventType;
  roomId: string;
  /** The citizen's documents page, if the event carries one. */
  documents: { url: string; expiresAt: string } | null;
}

export function isCaseEventType(type: unknown): type is CaseEventType {
  return (CASE_EVENT_TYPES as readonly unknown[]).includes(type);
}

export function toCaseEvent(body: z.infer<typeof caseEventBodySchema>): CaseEventInput {
  return { type: body.type, roomId: body.data.room, documents: body.data.citizenDocuments ?? null };
}
