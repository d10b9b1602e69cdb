/**
 * What the use cases need from the outside world, as small interfaces. persistence/, tokens/ and
 * notify/ implement them; the use cases import neither express nor sequelize.
 */
import type { Appointment, AppointmentLinks, AppointmentStatus, LinkCredentials, SyncAnswer } from './appointment.ts';
import type { ClerkCalendarRepository, IdempotencyKeyRepository } from './api-ports.ts';
import type { AppointmentEvent } from './appointment-event.ts';
import type { FeedInstanceRepository, FeedStateRepository } from './feed-ports.ts';
import type { GuestInvitation, GuestInvitationRepository } from './guest-ports.ts';
import type { OutboundEventOutbox, RoomActivityRepository, VideoAdminOutbox } from './outbound-ports.ts';

// ---------------------------------------------------------------- domain events

/** A listener for domain events (domain-events.ts hands them out). */
export interface DomainEventSink {
  /**
   * Called inside the change's transaction; write through `repos` (they share the transaction).
   * Throwing rolls the change back.
   */
  record(event: AppointmentEvent, repos: Repositories): Promise<void>;
}

// ---------------------------------------------------------------- persistence

export interface AppointmentRepository {
  findById(id: string, options?: { forUpdate?: boolean }): Promise<Appointment | null>;
  findByExternalId(source: string, externalId: string, options?: { forUpdate?: boolean }): Promise<Appointment | null>;
  /** The appointment whose CURRENT citizen or clerk token id is `jti`, and which of the two it is. */
  findByJoinJti(jti: string): Promise<{ appointment: Appointment; role: 'citizen' | 'clerk' } | null>;
  /** @throws Conflict when (source, externalId) exists already. */
  insert(appointment: Appointment): Promise<void>;
  /** Writes every field except id and createdAt. */
  update(appointment: Appointment): Promise<void>;
  /** Appointments matching every given criterion, ordered by start (then id), at most `limit`. */
  list(filter: AppointmentFilter): Promise<Appointment[]>;
}

/** Criteria of AppointmentRepository.list; absent ones do not filter. */
export interface AppointmentFilter {
  /** start >= from */
  from?: Date;
  /** start < to */
  to?: Date;
  clerkId?: string;
  source?: string;
  externalId?: string;
  statuses?: AppointmentStatus[];
  limit: number;
}

export interface StoredDelivery {
  source: string;
  deliveryId: string;
  answer: SyncAnswer;
  receivedAt: Date;
}

/** Inbound deliveries by (source, delivery id): the idempotency record of the webhooks. */
export interface InboundEventRepository {
  find(source: string, deliveryId: string): Promise<StoredDelivery | null>;
  /**
   * Records the delivery as being processed. Returns false when another transaction holds or has
   * committed the same delivery (unique constraint): the caller then replays the stored answer.
   */
  claim(source: string, deliveryId: string, receivedAt: Date): Promise<boolean>;
  complete(source: string, deliveryId: string, answer: SyncAnswer): Promise<void>;
}

/** A mail ready to send (a citizen mail is rendered from its intent by the outbox sender). */
export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachments: Array<{ filename: string; contentType: string; content: string }>;
  /**
   * Images the HTML part shows as `cid:<cid>` (the office's logo): sent inline in a multipart/related part,
   * which mail clients show without asking to load remote images. `content` is base64.
   */
  inline?: InlineImage[];
}

export interface InlineImage {
  cid: string;
  filename: string;
  contentType: string;
  content: string;
}

/**
 * A citizen mail as queued by a change: rendered only when sent (notify/outbox-sender.ts), so the
 * change's transaction stays short. The snapshot and links are the ones of that transaction.
 */
export interface CitizenMailIntent {
  kind: CitizenMailKind;
  appointment: Appointment;
  /** The links issued in the change's transaction; null for a cancellation. */
  links: AppointmentLinks | null;
  /** Kind `documents`: the page link the video service sent. */
  documents?: DocumentsPageLink;
}

/** What a mail outbox row holds: a rendered mail, or the intent to render one. */
export type OutboxMail = OutgoingMail | { intent: CitizenMailIntent };

export interface ClaimedMail {
  id: number;
  /** The appointment the mail is about (mails of one appointment are sent in order); null for others. */
  appointmentId: string | null;
  claimToken: string;
  attempts: number;
  mail: OutboxMail;
}

/** The mail outbox: written in the same transaction as the change; drained by notify/outbox-sender.ts. */
export interface MailOutboxRepository {
  enqueue(entry: { appointmentId: string | null; kind: string; mail: OutboxMail }, now: Date): Promise<void>;
  /** Claims up to `limit` due rows for `leaseMs`; safe with several processes on one database. */
  claimDue(owner: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedMail[]>;
  /** Marks a claimed row sent and drops its content. No effect when the claim was lost. */
  markSent(id: number, claimToken: string, now: Date): Promise<void>;
  markFailed(
    id: number,
    claimToken: string,
    failure: { attempts: number; nextAttemptAt: Date; error: string },
  ): Promise<void>;
}

export interface LinkRevocation {
  jti: string;
  appointmentId: string;
  kind: 'citizen' | 'clerk' | 'cancel' | 'guest';
  /** `withdrawn`: a guest invitation the clerk or scheduler took back. */
  reason: 'rescheduled' | 'cancelled' | 'reissued' | 'withdrawn';
  /** The revoked token would have expired by then; the row can be pruned afterwards. */
  expiresAt: Date;
}

/** Superseded link ids (the video service learns about them through the admin API later). */
export interface LinkRevocationRepository {
  record(revocations: LinkRevocation[], now: Date): Promise<void>;
  isRevoked(jti: string): Promise<boolean>;
}

export interface Repositories {
  appointments: AppointmentRepository;
  inboundEvents: InboundEventRepository;
  outbox: MailOutboxRepository;
  revocations: LinkRevocationRepository;
  /** Outbound webhook events (outbound-ports.ts). */
  outboundEvents: OutboundEventOutbox;
  /** Admin calls to the video service: revoke tokens, close rooms (outbound-ports.ts). */
  videoAdmin: VideoAdminOutbox;
  /** Room events reported by the video service (outbound-ports.ts). */
  roomActivity: RoomActivityRepository;
  /** `Idempotency-Key`s of the REST API (api-ports.ts). */
  idempotencyKeys: IdempotencyKeyRepository;
  /** Guest invitations of the appointments (guest-ports.ts). */
  guests: GuestInvitationRepository;
  /** Secret calendar-feed URLs of the clerks (api-ports.ts). */
  clerkCalendars: ClerkCalendarRepository;
  /** Poll state and claims of the iCal feeds (feed-ports.ts). */
  feedStates: FeedStateRepository;
  /** iCal feed instance → appointment, with the SEQUENCE acted on (feed-ports.ts). */
  feedInstances: FeedInstanceRepository;
  /**
   * Inside `UnitOfWork.transaction`: runs `fn` once the transaction has committed (never after a rollback).
   * For telling in-process listeners (the clerk's live workplace) about a change they will read back.
   */
  afterCommit?(fn: () => void): void;
}

/** Runs work against the database. */
export interface UnitOfWork {
  /** All-or-nothing: every repository call inside shares one transaction. */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  /** Single statements without a surrounding transaction (reads, outbox claims). */
  run<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}

// ---------------------------------------------------------------- links and tokens

export interface IssuedLinks {
  links: AppointmentLinks;
  credentials: LinkCredentials;
}

/** Fields needed to issue links for an appointment. */
export type LinkSubject = Pick<
  Appointment,
  'id' | 'roomId' | 'title' | 'start' | 'end' | 'timezone' | 'services' | 'citizen' | 'clerk'
>;

/** The links valid right now; `ics` is null when it cannot be derived again (see docs/adr/0004). */
export type CurrentLinks = Omit<AppointmentLinks, 'ics'> & { ics: string | null };

export interface LinkIssuer {
  /** Fresh link set: new token ids, new .ics key. */
  issue(appointment: LinkSubject): IssuedLinks;
  /**
   * The appointment's CURRENT links, re-signed for the stored token ids (same jti, same window):
   * no new credential comes into being, and revoking a jti still revokes every copy.
   */
  currentLinks(appointment: Appointment): CurrentLinks;
  /** The citizen's join link re-signed for the CURRENT token id (same jti, same window). */
  citizenJoinLink(appointment: Appointment): string;
  /** The clerk's join link re-signed for the CURRENT token id (the clerk's workplace: one per row, nothing else signed). */
  clerkJoinLink(appointment: Appointment): string;
  /** The join token of `role` signed for the CURRENT token id (what a short link stands for, docs/adr/0011). */
  joinToken(appointment: Appointment, role: 'citizen' | 'clerk'): string;
  /**
   * A new token id for a guest of `appointment` (issue 15); the claims are checked now, so a bad name fails
   * before anything is stored.
   */
  newGuestJti(appointment: LinkSubject, guest: GuestTokenSubject): string;
  /** The guest's join link for its CURRENT token id (link id, or the signed token with JOIN_LINKS=token). */
  guestJoinLink(appointment: Appointment, guest: GuestInvitation): string;
  /** The guest's join token for its current token id (what its short link stands for). */
  guestToken(appointment: Appointment, guest: GuestInvitation): string;
  /** The latest a guest link of `appointment` may expire: its end + JOIN_GRACE_MINUTES_AFTER. */
  guestExpiryLimit(appointment: Pick<Appointment, 'end'>): Date;
  /** The token id behind a short link's id; null for an id this connector did not make. */
  jtiOfLinkId(linkId: string): string | null;
  /** Constant-time check of an .ics key against the stored hash. */
  icsKeyMatches(key: string, hash: string): boolean;
}

/** What a guest token is made from. */
export type GuestTokenSubject = Pick<GuestInvitation, 'id' | 'name' | 'expiresAt'>;

export interface CancelTokenVerifier {
  /** @throws Unauthorized for any bad, expired or foreign token. */
  verify(token: string): { appointmentId: string; jti: string };
}

// ---------------------------------------------------------------- mail

/** `links_reissued`: same appointment, new links (REST API), the old ones stopped working. */
/** `documents`: after the case, the link to the citizen's documents page (no calendar file). */
export type CitizenMailKind = 'confirmation' | 'rescheduled' | 'cancelled' | 'links_reissued' | 'documents';

/** The citizen's documents page (video service), its capability in the fragment. */
export interface DocumentsPageLink {
  url: string;
  expiresAt: string;
}

/** A guest's mail (docs/adr/0190): invited, the new link after a move, or the cancellation. */
export type GuestMailKind = 'invited' | 'rescheduled' | 'cancelled';

export interface MailComposer {
  /** Renders the citizen's mail; `links` is null for a cancellation. */
  compose(
    kind: CitizenMailKind,
    appointment: Appointment,
    links: AppointmentLinks | null,
    documents?: DocumentsPageLink,
  ): OutgoingMail;
  /** Renders a guest's mail, signed by the office; `joinUrl` is null for a cancellation. */
  composeGuest(
    kind: GuestMailKind,
    appointment: Appointment,
    guest: { name: string; email: string; expiresAt: Date },
    joinUrl: string | null,
  ): OutgoingMail;
}

// ---------------------------------------------------------------- everything a use case gets

export interface DomainDeps {
  uow: UnitOfWork;
  links: LinkIssuer;
  mails: MailComposer;
  cancelTokens: CancelTokenVerifier;
  now: () => Date;
  /** Listeners for appointment events, called inside the change's transaction (domain-events.ts). */
  events?: DomainEventSink[];
  /**
   * Told after the commit that a room event changed what the clerk's workplace shows for an appointment
   * (clerk/workplace/live-bus.ts). In-process only: docs/adr/0085.
   */
  roomChanged?: (appointmentId: string) => void;
}
