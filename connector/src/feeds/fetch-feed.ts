/**
 * Conditional GET of a feed (RFC 9110 §13.1: If-None-Match / If-Modified-Since → 304) with axios,
 * behind the SSRF guard of net/private-targets.ts: private and loopback targets are refused unless
 * ALLOW_PRIVATE_TARGETS=true, also after DNS resolution and on every redirect hop (followed here,
 * at most 3, each checked again). Limits: 20 MB body (after decompression), 30 s without data,
 * 60 s in total. Failures become FeedFetchError with a short code; the URL (it may hold a secret
 * token) never appears in an error or a log line.
 */
import axios, { AxiosError, type AxiosInstance } from 'axios';
import { guardAxios, PrivateTargetRefused } from '../net/private-targets.ts';

export const MAX_FEED_BYTES = 20 * 1024 * 1024;
const IDLE_TIMEOUT_MS = 30_000;
const TOTAL_TIMEOUT_MS = 60_000;
const MAX_REDIRECTS = 3;

export type FeedResponse =
  | { notModified: true }
  | { notModified: false; body: Buffer; etag: string | null; lastModified: string | null; charset: string | undefined };

export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

/** Why a feed could not be fetched: `unreachable`, `timeout`, `too_large`, `private_target`, `too_many_redirects`, `http_<status>`. */
export class FeedFetchError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'FeedFetchError';
    this.code = code;
  }
}

export type FeedFetcher = (url: string, validators: Validators, signal?: AbortSignal) => Promise<FeedResponse>;

/** A fetcher bound to one guarded axios instance. */
export function createFeedFetcher(options: { allowPrivateTargets: boolean; userAgent?: string }): FeedFetcher {
  const client: AxiosInstance = guardAxios(
    axios.create({
      responseType: 'arraybuffer',
      timeout: IDLE_TIMEOUT_MS,
      maxContentLength: MAX_FEED_BYTES,
      maxRedirects: 0,
      proxy: false,
      decompress: true,
      validateStatus: () => true,
      headers: {
        Accept: 'text/calendar, text/plain;q=0.5, */*;q=0.1',
        'User-Agent': options.userAgent ?? 'VirtuellesAmt-Connector (iCal feed)',
      },
    }),
    { allowPrivate: options.allowPrivateTargets },
  );

  return async function fetchFeed(url, validators, signal) {
    const headers: Record<string, string> = {};
    if (validators.etag) headers['If-None-Match'] = validators.etag;
    if (validators.lastModified) headers['If-Modified-Since'] = validators.lastModified;
    const deadline = AbortSignal.timeout(TOTAL_TIMEOUT_MS);
    const abort = signal ? AbortSignal.any([signal, deadline]) : deadline;
    let target = url;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      let res;
      try {
        res = await client.get<ArrayBuffer>(target, { headers, signal: abort });
      } catch (err) {
        throw translate(err, deadline.aborted);
      }
      const location = res.headers.location;
      if (res.status >= 300 && res.status < 400 && res.status !== 304 && typeof location === 'string') {
        target = new URL(location, target).toString();
        continue;
      }
      if (res.status === 304) return { notModified: true };
      if (res.status < 200 || res.status > 299)
        throw new FeedFetchError(`http_${res.status}`, `the feed answered HTTP ${res.status}`);
      const header = (name: string) => (typeof res.headers[name] === 'string' ? (res.headers[name] as string) : null);
      return {
        notModified: false,
        body: Buffer.isBuffer(res.data) ? res.data : Buffer.from(res.data),
        etag: header('etag'),
        lastModified: header('last-modified'),
        charset: /charset="?([^";\s]+)/i.exec(header('content-type') ?? '')?.[1],
      };
    }
    throw new FeedFetchError('too_many_redirects', `the feed redirected more than ${MAX_REDIRECTS} times`);
  };
}

function translate(err: unknown, timedOut: boolean): FeedFetchError {
  if (err instanceof FeedFetchError) return err;
  if (err instanceof PrivateTargetRefused || (err as { code?: string })?.code === 'EPRIVATETARGET') {
    return new FeedFetchError(
      'private_target',
      'the feed URL points at a private or loopback address (ALLOW_PRIVATE_TARGETS=true allows it)',
    );
  }
  if (timedOut) return new FeedFetchError('timeout', 'the feed took too long');
  if (err instanceof AxiosError) {
    if (/maxContentLength/i.test(err.message))
      return new FeedFetchError('too_large', `the feed is larger than ${MAX_FEED_BYTES} bytes`);
    if (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT')
      return new FeedFetchError('timeout', 'the feed took too long');
    if (err.code === 'ERR_CANCELED') return new FeedFetchError('aborted', 'the poll was stopped');
    const cause = (err.cause as { code?: string } | undefined)?.code;
    if (cause === 'EPRIVATETARGET')
      return new FeedFetchError('private_target', 'the feed URL resolves to a private or loopback address');
  }
  return new FeedFetchError('unreachable', 'the feed could not be reached');
}
