/**
 * The session exchange with the video service (contract/session.ts): the join token from the link is
 * traded once for a short-lived session token; reloads and the socket use only that.
 */
import type { EarlyAppointment, SessionInfo, SessionRefusal } from '@virtuelles-amt/video-service/contract/session';
import type { Refusal, RefusalKind } from '../state.ts';

export type SessionResult = { ok: true; session: SessionInfo } | { ok: false; refusal: Refusal };

/** The service answered neither a session nor a refusal (down, 5xx, offline, too many attempts). */
export class ServiceUnavailableError extends Error {
  override readonly name = 'ServiceUnavailableError';
  /**
   * Set when the service said when to come back (`429`, or `503` with `Retry-After`): the page then waits
   * and tries again by itself. Null for a service that cannot be reached at all.
   */
  readonly retryAfterMs: number | null;
  constructor(message: string, options: { cause?: unknown; retryAfterMs?: number | null } = {}) {
    super(message, { cause: options.cause });
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

/** Bounds for `Retry-After` (seconds): never a tight loop, never longer than the service's one-minute window. */
const RETRY_AFTER_MIN_S = 2;
const RETRY_AFTER_MAX_S = 60;

const KNOWN_REASONS: readonly RefusalKind[] = ['expired', 'not_yet_valid', 'revoked', 'invalid'];

/**
 * Takes the join token out of the URL fragment and removes it from the address bar at once, so it does not
 * stay in the history, in bookmarks or on a shared screen. Returns null when the fragment is empty.
 */
export function takeJoinToken(
  where: Pick<Location, 'hash' | 'pathname'> = location,
  historyApi: Pick<History, 'replaceState'> = history,
): string | null {
  const raw = where.hash.replace(/^#/, '');
  if (!raw) return null;
  historyApi.replaceState(null, '', where.pathname);
  let token = raw;
  try {
    token = decodeURIComponent(raw);
  } catch {
    // keep the raw text; the service will call it invalid
  }
  return token.trim() || null;
}

/** A short link's id (16 bytes, base64url); anything else in the fragment is a join token (docs/join-token.md). */
const LINK_ID = /^[A-Za-z0-9_-]{22}$/;

/** `POST /api/session`: exchanges what the link's fragment holds — a short link's id or a join token. */
export function exchangeToken(token: string, base = '', fetchImpl: typeof fetch = fetch): Promise<SessionResult> {
  return call(fetchImpl, `${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(LINK_ID.test(token) ? { linkId: token } : { token }),
  });
}

/** `GET /api/session`: checks and renews the session of this tab. */
export function resumeSession(
  sessionToken: string,
  base = '',
  fetchImpl: typeof fetch = fetch,
): Promise<SessionResult> {
  return call(fetchImpl, `${base}/api/session`, { headers: { authorization: `Bearer ${sessionToken}` } });
}

async function call(fetchImpl: typeof fetch, url: string, init: RequestInit): Promise<SessionResult> {
  let response: Response;
  try {
    response = await fetchImpl(url, { ...init, cache: 'no-store', credentials: 'same-origin' });
  } catch (error) {
    throw new ServiceUnavailableError('session request failed', { cause: error });
  }
  // The service says when to come back: its per-address limit on new sessions (429: an office behind one
  // address, everyone at nine o'clock), or a 503 with Retry-After (maintenance behind a proxy).
  if (response.status === 429 || (response.status === 503 && response.headers.has('retry-after'))) {
    throw new ServiceUnavailableError(`session request answered ${response.status}`, {
      retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
    });
  }
  if (response.status === 200 || response.status === 201)
    return { ok: true, session: (await response.json()) as SessionInfo };
  if (response.status === 401) return { ok: false, refusal: toRefusal(await response.json().catch(() => null)) };
  if (response.status === 400 || response.status === 422) return { ok: false, refusal: toRefusal(null) };
  throw new ServiceUnavailableError(`session request answered ${response.status}`);
}

/** `Retry-After` in seconds (the service never sends a date), bounded; a missing or odd value counts as the longest. */
function retryAfterMs(header: string | null): number {
  const seconds = Number(header);
  const bounded = Number.isFinite(seconds) && header !== null && header.trim() !== '' ? seconds : RETRY_AFTER_MAX_S;
  return Math.min(Math.max(bounded, RETRY_AFTER_MIN_S), RETRY_AFTER_MAX_S) * 1000;
}

/** Reads a 401 body defensively: an unknown code counts as `invalid`. */
export function toRefusal(body: Partial<SessionRefusal> | null): Refusal {
  const reason = KNOWN_REASONS.find((known) => known === body?.error) ?? 'invalid';
  const opensAt = reason === 'not_yet_valid' && typeof body?.opensAt === 'string' ? body.opensAt : null;
  const early = opensAt ? earlyOf(body?.appointment) : undefined;
  return early ? { reason, opensAt, autoRetry: false, early } : { reason, opensAt, autoRetry: false };
}

/** The early page's facts, when the answer has them in a usable shape. */
function earlyOf(value: Partial<EarlyAppointment> | undefined): EarlyAppointment | undefined {
  const { start, opensAt, tz, locale } = value ?? {};
  if (
    typeof start !== 'string' ||
    typeof opensAt !== 'string' ||
    typeof tz !== 'string' ||
    Number.isNaN(Date.parse(opensAt))
  )
    return undefined;
  return typeof locale === 'string' ? { start, opensAt, tz, locale } : { start, opensAt, tz };
}
