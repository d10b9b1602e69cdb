/**
 * What the sign-in stores (docs/adr/0080). The stores are implemented in
 * persistence/clerk-session-repository.ts; the use cases here see only these plain objects.
 */

/** One signed-in browser. The cookie's secret is never stored, only its SHA-256 (`secretHash`). */
export interface ClerkSessionRecord {
  id: string;
  clerkId: string;
  name: string;
  email: string | null;
  desks: string[];
  createdAt: Date;
  lastSeenAt: Date;
  /** The absolute end (sign-in + CLERK_SESSION_MAX_HOURS), however busy the clerk is. */
  expiresAt: Date;
}

export interface ClerkSessionStore {
  create(session: ClerkSessionRecord & { secretHash: string }): Promise<void>;
  findBySecretHash(secretHash: string): Promise<ClerkSessionRecord | null>;
  /** Moves last_seen to `at` (a no-op when another request moved it already). */
  touch(id: string, at: Date): Promise<void>;
  delete(id: string): Promise<void>;
  /** Deletes every session past its absolute end or idle since before `idleSince`. */
  deleteStale(now: Date, idleSince: Date): Promise<void>;
}

/** A sign-in under way: what the callback needs to finish it, bound to the browser that started it. */
export interface LoginAttempt {
  state: string;
  /** SHA-256 of the `va_clerk_login` cookie the browser got when it started. */
  browserHash: string;
  nonce: string;
  codeVerifier: string;
  /** Same-origin path to go to after the sign-in. */
  returnTo: string;
  createdAt: Date;
}

export interface LoginAttemptStore {
  save(attempt: LoginAttempt): Promise<void>;
  /** Removes and answers the attempt of this state and browser; of two concurrent callers only one gets it. */
  take(state: string, browserHash: string): Promise<LoginAttempt | null>;
  deleteOlderThan(before: Date): Promise<void>;
}
