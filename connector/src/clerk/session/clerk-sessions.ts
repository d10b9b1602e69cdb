/**
 * The clerk's sessions: started after a sign-in, found by the cookie's secret on every request, ended by
 * logout, idleness (CLERK_SESSION_IDLE_MINUTES) or the absolute lifetime (CLERK_SESSION_MAX_HOURS).
 * `authenticator()` is the `AuthenticateClerk` port the workplace's routes take (../principal.ts).
 */
import { randomUUID } from 'node:crypto';
import type { AuthenticateClerk, ClerkPrincipal } from '../principal.ts';
import type { ClerkIdentity } from './claims.ts';
import { cookieNames, readCookie, randomSecret, sha256 } from './cookies.ts';
import type { ClerkSessionStore } from './ports.ts';

export interface ClerkSessionsOptions {
  store: ClerkSessionStore;
  idleMinutes: number;
  maxHours: number;
  /** Whether the cookie has the `__Host-` name (https). */
  https: boolean;
  /** Injected clock (tests move it past the idle timeout). */
  now: () => Date;
}

/** last_seen moves at most this often: one write per clerk and minute instead of one per request. */
const TOUCH_EVERY_MS = 60_000;

export class ClerkSessions {
  readonly #options: ClerkSessionsOptions;
  readonly cookieName: string;

  constructor(options: ClerkSessionsOptions) {
    this.#options = options;
    this.cookieName = cookieNames(options.https).session;
  }

  /** Stores a new session; answers the secret for the cookie (never stored, only its hash). */
  async start(identity: ClerkIdentity): Promise<{ secret: string; principal: ClerkPrincipal; maxAgeSeconds: number }> {
    const now = this.#options.now();
    const secret = randomSecret();
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + this.#options.maxHours * 3_600_000);
    await this.#options.store.deleteStale(now, this.#idleSince(now));
    await this.#options.store.create({
      id,
      secretHash: sha256(secret),
      clerkId: identity.id,
      name: identity.name,
      email: identity.email ?? null,
      desks: identity.desks,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    });
    return { secret, principal: { ...identity, sessionId: id }, maxAgeSeconds: this.#options.maxHours * 3600 };
  }

  /** The principal of a session secret, or null; an idle or expired session is deleted on the way. */
  async find(secret: string | undefined): Promise<ClerkPrincipal | null> {
    if (!secret) return null;
    const { store } = this.#options;
    const session = await store.findBySecretHash(sha256(secret));
    if (!session) return null;
    const now = this.#options.now();
    if (session.expiresAt <= now || session.lastSeenAt < this.#idleSince(now)) {
      await store.delete(session.id);
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await store.touch(session.id, now);
    return {
      id: session.clerkId,
      name: session.name,
      ...(session.email ? { email: session.email } : {}),
      desks: session.desks,
      sessionId: session.id,
    };
  }

  /** Ends a session (logout). Ending one that is gone already is fine. */
  end(sessionId: string): Promise<void> {
    return this.#options.store.delete(sessionId);
  }

  /** The port for the workplace's routes: the session cookie of the request → principal. */
  authenticator(): AuthenticateClerk {
    return (req) => this.find(readCookie(req, this.cookieName));
  }

  #idleSince(now: Date): Date {
    return new Date(now.getTime() - this.#options.idleMinutes * 60_000);
  }
}

/** The `AuthenticateClerk` port over a session store (what the app wires; tests of the workplace may use it directly). */
export function createAuthenticateClerk(options: ClerkSessionsOptions): AuthenticateClerk {
  return new ClerkSessions(options).authenticator();
}
