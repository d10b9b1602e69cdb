/**
 * Holds this tab's session with the video service: opens it from a join token or from the session this
 * tab remembered, keeps it alive (the service renews a session when it is used, so it is checked at half
 * its remaining lifetime, 30 s – 10 min), and forgets it when it is refused.
 */
import type { SessionInfo } from '@virtuelles-amt/video-service/contract/session';
import type { Refusal } from '../state.ts';
import { exchangeToken, resumeSession, ServiceUnavailableError } from './session-api.ts';
import type { TabMemory } from './tab-memory.ts';

export type SessionOutcome =
  | { kind: 'open'; session: SessionInfo }
  | { kind: 'refused'; refusal: Refusal }
  /** `retryAfterMs`: the service asked to come back then (too many attempts); null: not reachable. */
  | { kind: 'unavailable'; retryAfterMs: number | null };

export class SessionKeeper {
  private readonly memory: TabMemory;
  private readonly baseUrl: string;
  private session: SessionInfo | null = null;
  private renewTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(memory: TabMemory, baseUrl: string) {
    this.memory = memory;
    this.baseUrl = baseUrl;
  }

  /** The open session, if any. */
  get current(): SessionInfo | null {
    return this.session;
  }

  /** Opens the session: from `joinToken` when given, else from this tab's remembered session. */
  async open(joinToken: string | null): Promise<SessionOutcome> {
    const stored = this.memory.sessionToken();
    if (!joinToken && !stored)
      return { kind: 'refused', refusal: { reason: 'missing', opensAt: null, autoRetry: false } };
    let result;
    try {
      result = joinToken
        ? await exchangeToken(joinToken, this.baseUrl)
        : await resumeSession(stored ?? '', this.baseUrl);
    } catch (error) {
      if (error instanceof ServiceUnavailableError) return { kind: 'unavailable', retryAfterMs: error.retryAfterMs };
      throw error;
    }
    if (!result.ok) {
      if (!joinToken) this.forget();
      return { kind: 'refused', refusal: result.refusal };
    }
    this.keep(result.session);
    return { kind: 'open', session: result.session };
  }

  /** Drops the session (refused by the service); this tab will need the link again. */
  forget(): void {
    clearTimeout(this.renewTimer);
    this.session = null;
    this.memory.forgetSession();
  }

  private keep(session: SessionInfo): void {
    this.session = session;
    this.memory.saveSessionToken(session.sessionToken);
    clearTimeout(this.renewTimer);
    const remaining = Date.parse(session.expiresAt) - Date.now();
    const delay = Math.min(Math.max(Number.isNaN(remaining) ? 0 : remaining / 2, 30_000), 600_000);
    this.renewTimer = setTimeout(() => void this.renew(session), delay);
  }

  private async renew(session: SessionInfo): Promise<void> {
    if (this.session !== session) return;
    try {
      const result = await resumeSession(session.sessionToken, this.baseUrl);
      // A refused renewal shows up at the socket's next handshake; nothing to do here.
      if (result.ok && this.session === session) this.keep(result.session);
    } catch {
      if (this.session === session) this.keep(session);
    }
  }
}
