/**
 * One interface per booking system. An adapter authenticates a delivery, names its idempotency key
 * and maps the vendor's payload to a normalised BookingEvent; everything after that is shared
 * (domain/sync-appointment.ts). Adapters are registered by name in registry.ts and served at
 * `POST /webhooks/<name>` (or their own `path`).
 */
import type { BookingEvent } from '../domain/appointment.ts';
import type { Logger } from '../log.ts';

/** What the HTTP edge hands an adapter: the raw bytes are needed for signatures. */
export interface InboundRequest {
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
  /** Route parameters, e.g. a path secret. */
  params: Record<string, string>;
}

export interface BookingAdapter {
  /** Registry key, e.g. `generic`, `calcom`. */
  readonly name: string;
  /** `appointments.source` of what this adapter creates. */
  readonly source: string;
  /** Route path; default `/webhooks/<name>`. Route parameters (e.g. `:secret`) reach authenticate(). */
  readonly path?: string;
  /** Accepted media types of the body; default `['application/json']`. */
  readonly contentTypes?: string[];
  /**
   * Checks the delivery's signature (or path secret) and returns its idempotency key.
   * @throws Unauthorized
   */
  authenticate(request: InboundRequest, now: Date): string;
  /**
   * Validates the parsed JSON and maps it. Returns null for events the connector ignores (answered 2xx).
   * May be async when the adapter must look something up (e.g. a customer's e-mail in the vendor's API).
   * @throws InvalidInput with field paths
   */
  parse(payload: unknown): BookingEvent | null | Promise<BookingEvent | null>;
  /**
   * Optional: a cancellation of a booking the connector never saw is answered 200 `{ ignored: true }`
   * instead of 404 — for systems that announce every booking, not only video appointments.
   */
  readonly ignoresUnknownCancellations?: boolean;
}

/** What an adapter may use besides its configuration. */
export interface AdapterContext {
  /** Child logger named after the adapter. */
  log: Logger;
}

/** Builds an adapter from the configuration, or returns undefined when it is not configured. */
export type AdapterFactory<C> = (config: C, context: AdapterContext) => BookingAdapter | undefined;
