/**
 * What the outbound webhook worker and the webhook API need from storage. persistence/outbound-*.ts
 * implements these over sequelize; nothing here knows about express or sequelize.
 */

/** `pending` (waiting or retrying), `delivered` (a 2xx), `failed` (retries exhausted, or 410). */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** An endpoint as shown to operators: never with its secret. */
export interface EndpointInfo {
  id: string;
  name: string;
  url: string;
  /** Subscribed event types; null = all. */
  events: string[] | null;
  /** `config` (OUTBOUND_WEBHOOKS, read-only through the API) or `api`. */
  origin: 'config' | 'api';
  enabled: boolean;
  /** Why it was disabled: `gone` (the receiver answered 410), `api`, `not_configured` (left OUTBOUND_WEBHOOKS). */
  disabledReason: string | null;
  disabledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface EndpointInput {
  name: string;
  url: string;
  secret: string;
  events: string[] | null;
}

export interface EndpointChanges {
  url?: string;
  secret?: string;
  events?: string[] | null;
  enabled?: boolean;
}

export interface EndpointStore {
  list(): Promise<EndpointInfo[]>;
  get(id: string): Promise<EndpointInfo | null>;
  /** @throws Conflict `endpoint_exists` when the name is taken. */
  create(input: EndpointInput, now: Date): Promise<EndpointInfo>;
  update(id: string, changes: EndpointChanges, now: Date): Promise<EndpointInfo | null>;
  /** Deletes an endpoint and its pending deliveries; false when there was none. */
  remove(id: string): Promise<boolean>;
  /**
   * Makes the `config` endpoints match OUTBOUND_WEBHOOKS (by name): new ones are added, changed ones
   * updated (a changed URL re-enables), vanished ones disabled (`not_configured`). Safe when several
   * processes start at once.
   */
  syncFromConfig(entries: EndpointInput[], now: Date): Promise<void>;
}

/** A delivery this process has claimed: everything needed to send it. */
export interface ClaimedDelivery {
  id: number;
  claimToken: string;
  /** Attempts made before this one. */
  attempts: number;
  webhookId: string;
  eventType: string;
  /** The JSON body, exactly as it is signed and sent on every attempt. */
  body: string;
  endpoint: { id: string; name: string; url: string; secret: string };
}

/** One HTTP attempt, for the delivery log. */
export interface AttemptRecord {
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  /** An error code (`timeout`, `ECONNREFUSED`, `redirect`, `private_target`, `http_500`, …), null on success. */
  error: string | null;
}

/** What becomes of a delivery after an attempt. */
export type DeliveryOutcome =
  | { kind: 'delivered'; at: Date }
  | { kind: 'retry'; nextAttemptAt: Date }
  | { kind: 'failed'; at: Date }
  /** The receiver answered 410 Gone: the delivery fails and the endpoint is disabled. */
  | { kind: 'endpoint_gone'; at: Date };

export interface DeliveryView {
  id: number;
  webhookId: string;
  eventType: string;
  appointmentId: string | null;
  endpoint: { id: string; name: string };
  status: DeliveryStatus;
  attempts: number;
  /** When the next attempt is due (pending deliveries only). */
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
  failedAt: Date | null;
  createdAt: Date;
}

export interface DeliveryDetail extends DeliveryView {
  /** The body that is sent (Standard Webhooks `{ type, timestamp, data }`). */
  payload: unknown;
  log: Array<AttemptRecord & { attempt: number; outcome: string }>;
}

export interface DeliveryFilter {
  status?: DeliveryStatus;
  endpointId?: string;
  eventType?: string;
  appointmentId?: string;
  webhookId?: string;
  /** Only ids below this (paging, newest first). */
  beforeId?: number;
  limit: number;
}

export interface DeliveryStore {
  /** Claims up to `limit` due deliveries of enabled endpoints for `leaseMs`. */
  claimDue(owner: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedDelivery[]>;
  /** Logs the attempt and applies the outcome; false (and no effect) when the claim was lost meanwhile. */
  settle(delivery: ClaimedDelivery, attempt: AttemptRecord, outcome: DeliveryOutcome): Promise<boolean>;
  list(filter: DeliveryFilter): Promise<DeliveryView[]>;
  get(id: number): Promise<DeliveryDetail | null>;
  /**
   * Queues the delivery again with the same webhook id, due now, with a fresh retry schedule.
   * @returns the delivery, or null when there is none.
   * @throws InvalidState `endpoint_disabled` when its endpoint is disabled.
   */
  replay(id: number, now: Date): Promise<DeliveryView | null>;
}
