/**
 * Ports of the REST API's idempotency records and the clerk calendar feeds (persistence implements
 * them; part of `Repositories`, so they share a use case's transaction).
 */

/** What was stored for an `Idempotency-Key`. */
export interface IdempotencyRecord {
  /** SHA-256 (hex) of the request body the key was first used with. */
  requestHash: string;
  /** The appointment created with this key; null while the first request is still running. */
  appointmentId: string | null;
}

/** `Idempotency-Key`s per API client (draft-ietf-httpapi-idempotency-key-header). */
export interface IdempotencyKeyRepository {
  find(client: string, key: string): Promise<IdempotencyRecord | null>;
  /**
   * Records the key as in use. Returns false when another transaction holds or has committed the
   * same (client, key) (unique constraint): the caller then answers from the stored record.
   */
  claim(client: string, key: string, requestHash: string, now: Date): Promise<boolean>;
  complete(client: string, key: string, appointmentId: string): Promise<void>;
}

/** The secret calendar-feed URL of each clerk, stored as the SHA-256 of its secret. */
export interface ClerkCalendarRepository {
  /** Stores the clerk's (new) secret hash, replacing an earlier one: the old URL stops working. */
  save(clerkId: string, secretHash: string, now: Date): Promise<void>;
  /** The clerk id whose feed the secret opens, or null. */
  findClerkBySecretHash(secretHash: string): Promise<string | null>;
  /** Removes the clerk's feed URL; false when there was none. */
  remove(clerkId: string): Promise<boolean>;
}
