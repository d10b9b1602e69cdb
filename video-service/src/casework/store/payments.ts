/**
 * Payments of cases, fee adjustments, handled provider webhook events and the sandbox provider's
 * transactions, as the payment use cases see them. persistence/casework/payment-repository.ts implements it.
 */
import type { FeeLine, PaymentMethod, PaymentState } from '../../contract/payments.ts';

export interface PaymentRecord {
  id: string;
  room: string;
  state: PaymentState;
  version: number;
  amountCents: number;
  currency: 'EUR';
  items: FeeLine[];
  method: PaymentMethod | null;
  /** Our idempotency key at the provider (requestId / PayPal-Request-Id), reused on every retry. */
  requestId: string;
  providerRef: string | null;
  payUrl: string | null;
  kassenzeichen: string | null;
  paidWith: string | null;
  statusDetail: string | null;
  startLeaseUntil: Date | null;
  createdAt: Date;
  createdBy: string | null;
  updatedAt: Date;
  startedAt: Date | null;
  finalAt: Date | null;
  expiresAt: Date | null;
  nextCheckAt: Date | null;
  checkAttempts: number;
  documentStorage: string | null;
  documentSha256: string | null;
  /** The final state's effects (event, agenda, receipt) are done. */
  announced: boolean;
}

export type PaymentChanges = Partial<Omit<PaymentRecord, 'id' | 'room' | 'version' | 'createdAt' | 'requestId'>>;

export interface AdjustmentRecord {
  service: string;
  kind: 'waived' | 'reduced';
  amountCents: number;
  reason: string;
  by: string;
  at: Date;
}

export interface SandboxTransaction {
  id: string;
  requestId: string;
  amountCents: number;
  purpose: string;
  status: 'INITIAL' | 'PAID' | 'DECLINED' | 'ABANDONED';
}

export interface PaymentRepository {
  get(id: string): Promise<PaymentRecord | null>;
  /** The open or pending payment of the room. */
  openOf(room: string): Promise<PaymentRecord | null>;
  /** Newest first. */
  listByRoom(room: string): Promise<PaymentRecord[]>;
  /** The payment a provider's transaction belongs to. */
  byProviderRef(method: PaymentMethod, ref: string): Promise<PaymentRecord | null>;
  /** Inserts an open payment; false when the room already has an open or pending one. */
  insertOpen(record: PaymentRecord): Promise<boolean>;
  /** Sets `changes` (and version + 1) when the row still has `version`; true when this call won. */
  update(id: string, version: number, changes: PaymentChanges): Promise<boolean>;
  /** Claims pending payments due for a status check (lease), for one reconciliation owner. */
  claimDue(owner: string, now: Date, limit: number, leaseMs: number): Promise<PaymentRecord[]>;
  /** Final payments whose effects are not done yet (a process died in between). */
  unannounced(limit: number): Promise<PaymentRecord[]>;
  release(id: string, owner: string, nextCheckAt: Date | null, attempts: number): Promise<void>;
  /** Final payments that ended in [from, to), oldest first (the treasury export). */
  endedBetween(from: Date, to: Date, limit: number): Promise<PaymentRecord[]>;
  /** Deletes payments that ended before `before` (PAYMENT_RETENTION_DAYS); returns how many. */
  pruneEnded(before: Date): Promise<number>;
  adjustments(room: string): Promise<AdjustmentRecord[]>;
  setAdjustment(room: string, a: AdjustmentRecord): Promise<void>;
  removeAdjustment(room: string, service: string): Promise<void>;
  /** Records a provider webhook event id; false when it was seen before. */
  firstDelivery(provider: string, eventId: string, at: Date): Promise<boolean>;
  sandboxByRequestId(requestId: string): Promise<SandboxTransaction | null>;
  sandboxGet(id: string): Promise<SandboxTransaction | null>;
  /** Creates the sandbox transaction unless one with this requestId exists; returns the stored one. */
  sandboxCreate(t: SandboxTransaction, at: Date): Promise<SandboxTransaction>;
  /** INITIAL → `status`; false when it was already decided. */
  sandboxDecide(id: string, status: SandboxTransaction['status'], at: Date): Promise<boolean>;
}
