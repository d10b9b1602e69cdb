/**
 * The invoice "provider": no payment service at all. It issues a Kassenzeichen (PAYMENT_PURPOSE_PREFIX,
 * the date and the payment's short id, unique per payment) and the payment becomes `invoiced`; the sealed
 * fee notice with the bank details joins the case (documents/payment-documents.ts). The treasury books the
 * transfer; nothing here ever marks an invoice paid.
 */
import type { PaymentProvider } from '../provider.ts';

export function kassenzeichenOf(prefix: string, paymentId: string, at: Date): string {
  return `${prefix.toUpperCase().replace(/[^A-Z0-9]/g, '')}-${at.toISOString().slice(0, 10).replace(/-/g, '')}-${paymentId.replace(/-/g, '').slice(0, 10).toUpperCase()}`;
}

export function createInvoiceProvider(o: { prefix: string; now: () => Date }): PaymentProvider {
  return {
    name: 'invoice',
    async create(request) {
      const kassenzeichen = kassenzeichenOf(o.prefix, request.paymentId, o.now());
      return { ref: kassenzeichen, payUrl: null, status: { state: 'invoiced', kassenzeichen } };
    },
    async status(ref) {
      return { state: 'invoiced', kassenzeichen: ref };
    },
  };
}
