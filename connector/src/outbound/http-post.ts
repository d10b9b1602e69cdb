/**
 * One outbound webhook request: POST the body with its headers, refuse private targets (net/
 * private-targets.ts: checked before, and again on the connection's own DNS lookup), never follow a
 * redirect, give up after the time limit, read at most a little of the answer and keep only its status
 * and Retry-After. Network problems come back as an error code, never as a thrown error.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { assertPublicTarget, PrivateTargetRefused, publicOnlyLookup } from '../net/private-targets.ts';
import { parseRetryAfter } from './retry-policy.ts';

export interface PostOptions {
  timeoutMs: number;
  allowPrivate: boolean;
}

export interface PostResult {
  status?: number;
  retryAfterMs?: number;
  /** Set when no 2xx came: `http_<status>`, `redirect`, `timeout`, `private_target`, or a socket error code. */
  error: string | null;
  durationMs: number;
}

/** The answer bytes read at most (the rest is discarded; we only need the status). */
const MAX_ANSWER_BYTES = 64 * 1024;

export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: PostOptions,
): Promise<PostResult> {
  const started = performance.now();
  const done = (r: Omit<PostResult, 'durationMs'>): PostResult => ({ ...r, durationMs: performance.now() - started });
  try {
    await assertPublicTarget(url, { allowPrivate: options.allowPrivate });
  } catch (err) {
    if (err instanceof PrivateTargetRefused)
      return done({ error: err.refusal === 'unresolvable' ? 'ENOTFOUND' : 'private_target' });
    throw err;
  }
  const target = new URL(url);
  const transport = target.protocol === 'https:' ? https : http;
  const payload = Buffer.from(body, 'utf8');
  return new Promise<PostResult>((resolve) => {
    let settled = false;
    const finish = (r: Omit<PostResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(done(r));
    };
    const req = transport.request(target, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(payload.length) },
      lookup: publicOnlyLookup(options.allowPrivate) as unknown as LookupFunction,
      agent: false,
    });
    const timer = setTimeout(() => {
      finish({ error: 'timeout' });
      req.destroy();
    }, options.timeoutMs);
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_ANSWER_BYTES) res.destroy();
      });
      const settle = () => {
        const retryAfter = res.headers['retry-after'];
        const retryAfterMs = parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, new Date());
        const error =
          status >= 200 && status < 300 ? null : status >= 300 && status < 400 ? 'redirect' : `http_${status}`;
        finish({ status, error, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
      };
      res.on('end', settle);
      res.on('close', settle);
      res.on('error', settle);
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      finish({ error: err.code === 'EPRIVATETARGET' ? 'private_target' : (err.code ?? 'network_error') });
    });
    req.end(payload);
  });
}
