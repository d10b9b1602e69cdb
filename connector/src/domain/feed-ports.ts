/**
 * Persistence ports of the iCal feeds (feeds/, adapters/ical/): the poll state of each feed, claimed
 * by one connector process at a time, and the link from each feed instance to its appointment.
 */
import type { AppointmentStatus } from './appointment.ts';

/** What the connector stored for one instance of a feed (appointment data + the feed's SEQUENCE). */
export interface StoredFeedInstance {
  externalId: string;
  /** The event's UID (hashed when very long). */
  uid: string;
  appointmentId: string;
  status: AppointmentStatus;
  start: Date;
  end: Date;
  /** The feed's SEQUENCE when the connector last acted on this instance. */
  sequence: number;
}

/** Which appointment a feed instance became, and the feed's SEQUENCE acted on. */
export interface FeedInstanceLink {
  feed: string;
  externalId: string;
  uid: string;
  appointmentId: string;
  sequence: number;
}

export interface FeedInstanceRepository {
  /** Every appointment of `source` ending after `since`, with its instance data (one query each). */
  listForFeed(feed: string, source: string, since: Date): Promise<StoredFeedInstance[]>;
  /** The SEQUENCE acted on last for an instance, or null when unknown. */
  findSequence(feed: string, externalId: string): Promise<number | null>;
  /** Records (or updates) which appointment each instance became and the SEQUENCE acted on; one statement. */
  saveMany(entries: FeedInstanceLink[], now: Date): Promise<void>;
}

/** The poll bookkeeping of one feed (one row per configured feed). */
export interface FeedState {
  feed: string;
  /** Validators for the next conditional GET (RFC 9110 §13.1). */
  etag: string | null;
  lastModified: string | null;
  /** SHA-256 of the last body that was reconciled completely. */
  contentHash: string | null;
  /** When that reconciliation finished. */
  reconciledAt: Date | null;
  nextPollAt: Date;
  lastPolledAt: Date | null;
  /** `changed`, `not_modified` or `error`. */
  lastStatus: string | null;
  /** Error code of the last failed poll (never a URL or a message from the remote side). */
  lastError: string | null;
}

/** What a finished poll records; absent fields keep their value. */
export type FeedPollOutcome = Partial<Omit<FeedState, 'feed'>>;

export interface FeedStateRepository {
  /** Creates the feed's row when missing (safe when several processes do it at once). */
  ensure(feed: string, now: Date): Promise<void>;
  /**
   * Claims the feed for `leaseMs` when nobody holds a live claim — and, with `dueOnly`, when its next
   * poll is due. One conditional UPDATE decides every race. Returns the claim token and the state.
   */
  claim(
    feed: string,
    owner: string,
    now: Date,
    leaseMs: number,
    dueOnly: boolean,
  ): Promise<{ token: string; state: FeedState } | null>;
  /** Extends a held claim; false when it was lost. */
  renew(feed: string, token: string, until: Date): Promise<boolean>;
  /** Ends the claim and records the outcome; no effect when the claim was lost. */
  release(feed: string, token: string, outcome: FeedPollOutcome): Promise<void>;
}
