/**
 * Every message of the workplace's live channel (GET /clerk/api/live, Server-Sent Events): the SSE `event:`
 * name and its JSON `data:`. The server (live-channel.ts) sends them, the page (connector/web/workplace)
 * reads them; both use this map. Documented in docs/clerk-workplace.md.
 */
import type { WorkplaceRow } from './rows.ts';

export interface LiveMessages {
  /** On connect: the process's epoch (the first part of every event id). */
  ready: { epoch: string };
  /** A row the clerk may see changed (event id `<epoch>.<sequence>`). */
  row: { row: WorkplaceRow };
  /** A reconnect's Last-Event-ID cannot be replayed, or changes may have been missed (Redis between processes was lost): load the list again. */
  refresh: Record<string, never>;
  /** The session ended; the stream ends after this. */
  signed_out: Record<string, never>;
}

export type LiveEvent = keyof LiveMessages;
