/**
 * One interface in front of every payment provider (a folder each, registered by name in providers/index.ts).
 * Providers only redirect: no card data ever reaches this service. `create` must be idempotent on
 * `requestId` (a retry after a timeout finds the same transaction), and `status` is the truth: nothing is
 * marked paid from a browser's return or from a webhook's body alone.
 */
import type { FeeLine, PaymentMethod } from '../../../contract/payments.ts';

export interface ProviderRequest {
  paymentId: string;
  /** Ours, ≤ 36 characters, the same on every retry of this payment. */
  requestId: string;
  amountCents: number;
  currency: 'EUR';
  /** Bank statement line, ≤ 27 characters of the bank character set. */
  purpose: string;
  /** ≤ 250 characters. */
  description: string;
  items: FeeLine[];
  /** Where the pay page sends the citizen back (the return never marks anything paid). */
  returnUrl: string;
  cancelUrl: string;
}

export interface ProviderStatus {
  state: 'pending' | 'paid' | 'failed' | 'cancelled' | 'invoiced';
  /** Kassenzeichen (XBezahldienste transactionReference; ours for invoices). */
  kassenzeichen?: string | null;
  /** How the citizen paid (CREDITCARD, PAYPAL, …). */
  paidWith?: string | null;
  detail?: string | null;
}

export interface ProviderTransaction {
  /** The provider's id of the transaction (transactionId, PayPal order id). */
  ref: string;
  /** The pay page to open in a new window (null for invoices). */
  payUrl: string | null;
  status: ProviderStatus;
}

/** A provider webhook that passed its signature check: which event, about which transaction. */
export interface VerifiedWebhook {
  eventId: string;
  ref: string | null;
}

export interface PaymentProvider {
  readonly name: PaymentMethod;
  create(request: ProviderRequest): Promise<ProviderTransaction>;
  /** Re-reads the transaction at the provider (PayPal: captures an approved order first). */
  status(ref: string, requestId: string): Promise<ProviderStatus>;
  /** Optional: give up an unfinished transaction at the provider (expiry). */
  cancel?(ref: string): Promise<void>;
  /** Optional: verify a webhook on its raw body; throws `Unauthorized` when the signature does not hold. */
  verifyWebhook?(raw: Buffer, headers: Record<string, string | undefined>): Promise<VerifiedWebhook>;
  close?(): void;
}

/** The provider could not be reached, timed out or answered 5xx/429: try again later (same requestId). */
export class ProviderUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProviderUnavailable';
  }
}

/** The provider refused the request itself (validation, configuration); `code` is its error code. */
export class ProviderRejected extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'ProviderRejected';
    this.code = code;
  }
}
