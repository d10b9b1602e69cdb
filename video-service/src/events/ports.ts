/**
 * The outbox of event webhooks as its writers (rooms/, casework/) and its sender (event-sender.ts) see it.
 * persistence/outbox-repository.ts implements it.
 */

export interface OutboxEvent {
  webhookId: string;
  type: string;
  /** The JSON body, exactly as it will be signed and sent. */
  body: string;
  createdAt: Date;
}

export interface ClaimedEvent extends OutboxEvent {
  id: number;
  attempts: number;
}

export interface OutboxRepository {
  /** @throws Conflict when an event with this `webhookId` is stored already (a derived id makes a repeat one event). */
  add(event: OutboxEvent): Promise<void>;
  /** Claims up to `limit` due rows for `owner` until `now + leaseMs`; returns only rows this owner won. */
  claim(owner: string, now: Date, limit: number, leaseMs: number): Promise<ClaimedEvent[]>;
  markDelivered(id: number, owner: string, at: Date): Promise<void>;
  /** Records a failed attempt and when to try again. */
  markRetry(id: number, owner: string, nextAttemptAt: Date, error: string): Promise<void>;
  /** Gives up on the row (retries exhausted or the receiver answered 410 Gone). */
  markFailed(id: number, owner: string, at: Date, error: string): Promise<void>;
  /** Every row (tests and operators' diagnostics), oldest first. */
  list(): Promise<
    Array<OutboxEvent & { attempts: number; deliveredAt: Date | null; failedAt: Date | null; lastError: string | null }>
  >;
}
