/**
 * HTTP client of the video service's admin API (the video service defines it):
 * - `POST /admin/tokens/revoke` `{ jtis: string[] }` — the video service refuses these join tokens from now on;
 * - `POST /admin/rooms/:room/close` — ends the room for everyone.
 * Both idempotent; bearer service token (service-token.ts). The admin URL is operator configuration
 * (VIDEO_ADMIN_URL), typically an internal address, so the private-target guard does not apply.
 * Redirects are not followed. Results come back as values, never thrown.
 */
import type { VideoAdminCall } from '../domain/outbound-ports.ts';
import type { SigningKey } from '../tokens/signing-key.ts';
import { issueServiceToken } from './service-token.ts';

export interface AdminCallResult {
  /** HTTP status; undefined when no answer came. */
  status?: number;
  /** Null for a 2xx; otherwise `http_<status>`, `timeout` or a socket error code. */
  error: string | null;
}

export interface VideoAdminClient {
  send(call: VideoAdminCall): Promise<AdminCallResult>;
}

export interface VideoAdminClientOptions {
  /** VIDEO_ADMIN_URL, without a trailing slash. */
  baseUrl: string;
  key: SigningKey;
  /** The connector's PUBLIC_URL (`iss`). */
  issuer: () => string;
  /** Default 10 000 ms. */
  timeoutMs?: number;
}

type Request = { path: string; body: unknown };

const REQUESTS: { [K in VideoAdminCall['kind']]: (call: Extract<VideoAdminCall, { kind: K }>) => Request } = {
  revoke_tokens: (call) => ({ path: '/admin/tokens/revoke', body: { jtis: call.jtis } }),
  close_room: (call) => ({ path: `/admin/rooms/${encodeURIComponent(call.room)}/close`, body: {} }),
};

/**
 * One signed POST to the admin API (bearer service token, JSON, no redirects, a time limit): the answer, or
 * why none came — `timeout` or the socket's error code. Both the queued calls and the waiting estimate use it.
 */
export async function postAdmin(
  options: Omit<VideoAdminClientOptions, 'timeoutMs'>,
  path: string,
  body: unknown,
  timeoutMs: number,
): Promise<{ res: Response } | { error: string }> {
  try {
    const res = await fetch(`${options.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${issueServiceToken(options.key, options.issuer())}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { res };
  } catch (err) {
    const e = err as { name?: string; cause?: { code?: string } };
    return { error: e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? 'network_error') };
  }
}

export function createVideoAdminClient(options: VideoAdminClientOptions): VideoAdminClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    async send(call) {
      const request = (REQUESTS[call.kind] as (c: VideoAdminCall) => Request)(call);
      const answer = await postAdmin(options, request.path, request.body, timeoutMs);
      if ('error' in answer) return { error: answer.error };
      await answer.res.body?.cancel();
      return { status: answer.res.status, error: answer.res.ok ? null : `http_${answer.res.status}` };
    },
  };
}
