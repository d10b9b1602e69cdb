/**
 * The one synchronous admin call: `POST /admin/rooms/:room/waiting-estimate { minutes }` (docs/video-admin-api.md).
 * Unlike revocation and closing (queued, retried: admin-call-worker.ts) an estimate is worth something only now,
 * and the clerk must learn at once whether the citizen still waits — so it is sent while the clerk's request
 * waits, with a short time limit, and never retried. Results come back as values, never thrown.
 */
import { postAdmin, type VideoAdminClientOptions } from './admin-client.ts';

export type WaitingEstimateAnswer =
  /** The video service stored it and told the citizen (or had stored the same one a moment ago). */
  | { kind: 'sent'; minutes: number; sentAt: Date }
  /** 409: nobody to tell; `reason` is the video service's (`citizen_admitted`, `citizen_absent`, `room_closed`). */
  | { kind: 'refused'; reason: string }
  /** No usable answer (timeout, network error, another status). */
  | { kind: 'failed'; error: string };

export type SendWaitingEstimate = (room: string, minutes: number) => Promise<WaitingEstimateAnswer>;

/** As the queued calls' client, but `timeoutMs` defaults to 5000 ms: the clerk is waiting for the answer. */
export type WaitingEstimateClientOptions = VideoAdminClientOptions;

const REASONS = new Set(['citizen_admitted', 'citizen_absent', 'room_closed']);

export function createWaitingEstimateClient(options: WaitingEstimateClientOptions): SendWaitingEstimate {
  const timeoutMs = options.timeoutMs ?? 5000;
  return async (room, minutes) => {
    const answer = await postAdmin(
      options,
      `/admin/rooms/${encodeURIComponent(room)}/waiting-estimate`,
      { minutes },
      timeoutMs,
    );
    if ('error' in answer) return { kind: 'failed', error: answer.error };
    const { res } = answer;
    const body = (await res.json().catch(() => null)) as {
      minutes?: unknown;
      sentAt?: unknown;
      reason?: unknown;
    } | null;
    if (res.status === 200 && body && typeof body.minutes === 'number' && typeof body.sentAt === 'string') {
      const sentAt = new Date(body.sentAt);
      if (!Number.isNaN(sentAt.getTime())) return { kind: 'sent', minutes: body.minutes, sentAt };
    }
    if (res.status === 409 && typeof body?.reason === 'string' && REASONS.has(body.reason))
      return { kind: 'refused', reason: body.reason };
    return { kind: 'failed', error: `http_${res.status}` };
  };
}
