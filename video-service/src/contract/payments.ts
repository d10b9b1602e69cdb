/**
 * Fees paid in the room (issue 12; docs/payments.md, docs/signalling.md "Payments"): the socket.io requests
 * and the `payment` notification, merged into the casework maps. Amounts are always computed on the server
 * from the catalogue (a browser never sends one); the room comes from the session.
 *
 * Who: clerks and citizens admitted to the room (guests see nothing of it). Clerk: read, adjust, request,
 * cancel an unstarted request. Citizen: read, start with a method, refresh.
 */
import type { Localized } from './casework-forms.ts';
import type { Ack } from './reply.ts';
export type { PaymentRefusalReason } from './reply.ts';

export type PaymentState = 'open' | 'pending' | 'paid' | 'failed' | 'cancelled' | 'expired' | 'invoiced';
/** Final states: nothing changes any more. */
export const FINAL_PAYMENT_STATES: readonly PaymentState[] = ['paid', 'failed', 'cancelled', 'expired', 'invoiced'];
export type PaymentMethod = 'sandbox' | 'xbezahldienste' | 'paypal' | 'invoice';

export interface FeeAdjustment {
  kind: 'waived' | 'reduced';
  reason: string;
  by: string;
  at: string;
}

/** One fee of the case: the catalogue's fee of a booked service and what the clerk made of it. */
export interface FeeLine {
  /** The agenda item, `<service>:fee`. */
  itemId: string;
  service: string;
  name: Localized;
  /** The catalogue's fee. */
  catalogueCents: number;
  /** What is charged (0 when waived). */
  amountCents: number;
  adjustment: FeeAdjustment | null;
}

export interface PaymentView {
  id: string;
  state: PaymentState;
  amountCents: number;
  currency: 'EUR';
  /** The fees as they were when the payment was requested. */
  items: FeeLine[];
  /** The method the citizen chose (null while open). */
  method: PaymentMethod | null;
  /** Kassenzeichen (the provider's transactionReference, or ours on a fee notice). */
  kassenzeichen: string | null;
  /** How the citizen paid, as the provider reports it (e.g. CREDITCARD, PAYPAL, PAYDIRECT). */
  paidWith: string | null;
  /** The provider's explanation of a failure, if it gave one. */
  statusDetail: string | null;
  /** To citizens only, while pending: the pay page to open (again) in a new window. */
  payUrl: string | null;
  /** The sealed receipt (paid) or fee notice (invoiced), with the session. */
  documentUrl: string | null;
  createdAt: string;
  updatedAt: string;
  finalAt: string | null;
  /** When a pending payment is given up if the provider has not reported. */
  expiresAt: string | null;
}

export interface FeesView {
  items: FeeLine[];
  totalCents: number;
  currency: 'EUR';
  /** The methods a citizen may choose. */
  methods: PaymentMethod[];
  /** To clerks: the reasons they may give for a waiver or reduction. */
  adjustReasons: string[];
  /** The open or pending payment, else the newest one (null: none yet). */
  payment: PaymentView | null;
}

export interface PaymentClientToServerEvents {
  /** Clerk or citizen: the fees, the total and the current payment. */
  'fees:get': (payload: Record<string, never>, ack: Ack<FeesView>) => void;
  /**
   * Clerk: waive a fee, reduce it to `amountCents` (below the catalogue's fee), or `reset` it, with a reason
   * from `adjustReasons` (not needed for reset). Refused while a payment is open or pending.
   */
  'fees:adjust': (
    payload: { service: string; kind: 'waive' | 'reduce' | 'reset'; amountCents?: number; reason?: string },
    ack: Ack<FeesView>,
  ) => void;
  /** Clerk: ask the citizen to pay the total now (idempotent: the open payment when there is one). */
  'payment:request': (payload: Record<string, never>, ack: Ack<PaymentView>) => void;
  /** Clerk: withdraw an open (not yet started) payment request. */
  'payment:cancel': (payload: { paymentId: string }, ack: Ack<PaymentView>) => void;
  /**
   * Citizen: pay with `method`. Answers the URL to open in a NEW window (the provider's pay page, or the fee
   * notice for `invoice`). Twice, from two tabs or after a timeout: the same payment, the same URL, one
   * charge. After a failed, cancelled or expired payment this starts a new one for the same fees.
   */
  'payment:start': (
    payload: { paymentId: string; method: PaymentMethod },
    ack: Ack<{ payment: PaymentView; url: string }>,
  ) => void;
  /** Clerk or citizen: read the provider's status now (the return from a pay page calls it too). */
  'payment:refresh': (payload: { paymentId: string }, ack: Ack<PaymentView>) => void;
}

export interface PaymentServerToClientEvents {
  /** The payment changed (requested, started, paid, failed, …); citizens' copies carry `payUrl`. */
  payment: (payment: PaymentView) => void;
}
