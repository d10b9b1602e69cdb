/**
 * TEST ONLY: a stand-in for the clerk sign-in (the real one is OpenID Connect, connector/src/clerk/session/).
 * A request names its clerk with the header `x-test-clerk` or the cookie `va_test_clerk`; the id maps to a
 * fixed principal below. Plus helpers to read the live channel (Server-Sent Events) and to post video-service
 * event webhooks as the video service signs them.
 */
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { AuthenticateClerk, ClerkPrincipal } from '../../connector/src/clerk/principal.ts';
import { cookieValue } from '../../connector/src/clerk/workplace/csrf.ts';
import { sign } from '../support/standard-webhooks.ts';

export const TEST_CLERKS: Record<string, ClerkPrincipal> = {
  anna: { id: 'anna', name: 'Anna Berger', desks: ['buergeramt-mitte'], sessionId: 's-anna' },
  ben: { id: 'ben', name: 'Ben Otto', desks: ['buergeramt-mitte'], sessionId: 's-ben' },
  kai: { id: 'kai', name: 'Kai Lehmann', desks: ['kfz'], sessionId: 's-kai' },
};

/** Signed-out ids (the live channel's heartbeat then ends the stream). */
export const signedOut = new Set<string>();

export const testAuthenticate: AuthenticateClerk = async (req: Request) => {
  const id = req.header('x-test-clerk') ?? cookieValue(req.header('cookie'), 'va_test_clerk');
  if (!id || signedOut.has(id)) return null;
  return TEST_CLERKS[id] ?? null;
};

/** Headers of a request by clerk `id` (with the CSRF double-submit pair when `csrf`). */
export function clerkHeaders(id: string, baseUrl: string, csrf = true): Record<string, string> {
  return csrf
    ? {
        'x-test-clerk': id,
        origin: new URL(baseUrl).origin,
        cookie: 'va_clerk_csrf=csrf-test-value',
        'x-csrf-token': 'csrf-test-value',
      }
    : { 'x-test-clerk': id };
}

export interface LiveMessage {
  id: string | null;
  event: string;
  data: any;
}

/** An open live channel: every message in order, and waiting for one. */
export interface LiveStream {
  status: number;
  messages: LiveMessage[];
  next(predicate: (m: LiveMessage) => boolean, timeoutMs?: number): Promise<LiveMessage>;
  close(): void;
}

/** `clerk`: a test clerk's id, or the request's own headers (e.g. a plug-in token's Authorization). */
export async function openLive(
  baseUrl: string,
  clerk: string | Record<string, string>,
  lastEventId?: string,
): Promise<LiveStream> {
  const abort = new AbortController();
  const res = await fetch(`${baseUrl}/clerk/api/live`, {
    headers: {
      ...(typeof clerk === 'string' ? { 'x-test-clerk': clerk } : clerk),
      accept: 'text/event-stream',
      ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
    },
    signal: abort.signal,
  });
  const messages: LiveMessage[] = [];
  const waiters: Array<() => void> = [];
  if (res.ok && res.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const fields = new Map<string, string>();
            for (const line of block.split('\n')) {
              if (line.startsWith(':') || !line.includes(':')) continue;
              const at = line.indexOf(':');
              fields.set(line.slice(0, at), line.slice(at + 1).trimStart());
            }
            if (!fields.has('event')) continue;
            messages.push({
              id: fields.get('id') ?? null,
              event: fields.get('event')!,
              data: JSON.parse(fields.get('data') ?? 'null'),
            });
            for (const wake of waiters.splice(0)) wake();
          }
        }
      } catch {
        // aborted
      }
      for (const wake of waiters.splice(0)) wake();
    })();
  }
  return {
    status: res.status,
    messages,
    async next(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(predicate);
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(`no matching live message; got ${JSON.stringify(messages.map((m) => m.event))}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
    close: () => abort.abort(),
  };
}

/** POSTs a video-service event webhook (the body as the video service sends it), signed with `secret`. */
export async function postRoomEvent(
  baseUrl: string,
  secret: string,
  body: unknown,
): Promise<{ status: number; body: any }> {
  const text = JSON.stringify(body);
  const signed = sign(secret, text, { id: `msg_${randomUUID()}` });
  const res = await fetch(`${baseUrl}/webhooks/video-service`, {
    method: 'POST',
    headers: { ...signed.headers, 'content-type': 'application/json' },
    body: text,
  });
  return { status: res.status, body: await res.json() };
}

/** The video service's `room.citizen_waiting` body for a booked appointment. */
export function citizenWaiting(
  roomId: string,
  appointmentId: string,
  at = new Date(),
  networkCheck?: 'ok' | 'warn' | 'fail',
) {
  return {
    type: 'room.citizen_waiting',
    timestamp: at.toISOString(),
    data: {
      room: roomId,
      appointmentId,
      participant: { id: `citizen-${appointmentId}`, role: 'citizen' },
      waitingSince: at.toISOString(),
      ...(networkCheck ? { networkCheck } : {}),
    },
  };
}
