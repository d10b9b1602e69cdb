/**
 * What casework needs from the rest of the service, as small interfaces: who is admitted (rooms), reaching
 * the room's connections (signalling), recording the hand-off event (events), sending SMS (sms/), scanning
 * uploads (files/clamav.ts). The use cases never import socket.io, express or sequelize.
 */
import type { CaseworkServerToClientEvents } from '../contract/casework.ts';
import type { Role } from '../contract/join-token.ts';
import type { PaymentServerToClientEvents } from '../contract/payments.ts';

export interface Recipient {
  id: string;
  role: Role;
}

/** Casework notifications (the payment notification is among them; its type lives in contract/payments.ts). */
type CaseNotifications = CaseworkServerToClientEvents & PaymentServerToClientEvents;
export type CaseEvent = keyof CaseNotifications;
export type CasePayload<E extends CaseEvent> = Parameters<CaseNotifications[E]>[0];

export interface CaseNotifier {
  /**
   * Sends `event` to every connection of an admitted participant of `room` that opened the case; `payloadFor`
   * may tailor the payload per recipient or return null to skip them. Resolves with how many connections it
   * reached (a request that needs someone to answer can fail at once when nobody heard it).
   */
  send<E extends CaseEvent>(
    room: string,
    event: E,
    payloadFor: (recipient: Recipient) => CasePayload<E> | null,
  ): Promise<number>;
}

export interface AdmissionPort {
  /** Whether a non-clerk participant is admitted to the room (persisted admissions). */
  isAdmitted(room: string, participantId: string): Promise<boolean>;
  /** Whether the room was closed for good (ended by a clerk or the admin API). */
  isClosed(room: string): Promise<boolean>;
}

/** The finished-case event for the case-management system (the outbound event webhook). */
export interface CaseFinishedEvent {
  room: string;
  appointmentId: string;
  services: string[];
  finishedAt: string;
  documents: Array<{ id: string; form: string; sha256: string; sealedAt: string }>;
  /** Where the receiver fetches the case (JSON with the form data and the PDFs) with `Authorization: Bearer <token>`. */
  handoff: { url: string; token: string; expiresAt: string };
  /**
   * The citizen's documents page (the capability in the fragment) for the connector's mail to the citizen;
   * null when the retention period has already ended.
   */
  citizenDocuments: { url: string; expiresAt: string } | null;
}

/** Someone in the room asked for the documents page link to be mailed to the citizen. */
export interface DocumentsLinkRequestedEvent {
  room: string;
  appointmentId: string;
  citizenDocuments: { url: string; expiresAt: string };
  requestedAt: string;
}

export interface CaseEvents {
  /** Records the event (in the outbox, delivered later); a no-op when no webhook receiver is configured. */
  caseFinished(event: CaseFinishedEvent): Promise<void>;
  /**
   * Records the mail request; false when no receiver is configured (nobody could send the mail). Requests
   * of one room within the same minute are one event (a double tap sends one mail).
   */
  documentsLinkRequested(event: DocumentsLinkRequestedEvent): Promise<boolean>;
}

export interface SmsMessage {
  /** E.164-ish phone number (digits, optional leading +). */
  to: string;
  text: string;
  /** The case (room id) the message belongs to: a client reference for the provider, and what `forget` deletes by. */
  reference: string;
}

/** One SMS gateway (casework/sms/): a dev outbox by default; real gateways implement the same. */
export interface SmsGateway {
  readonly name: string;
  send(message: SmsMessage): Promise<{ id: string }>;
  /** Optional: delete what the gateway keeps of a case's messages (retention); returns how many. */
  forget?(reference: string): Promise<number>;
  /**
   * Sends the message or throws (an `SmsSendError` of sms/sms-error.ts where the gateway knows why); nothing
   * is retried behind the caller's back. Optional `close`: ends the gateway's connection (shutdown).
   */
  close?(): Promise<void>;
}

export type ScanResult = { clean: true } | { clean: false; signature: string };

export interface VirusScanner {
  /** Scans the bytes; throws when the scanner cannot be reached or answers garbage. */
  scan(bytes: Buffer): Promise<ScanResult>;
}
