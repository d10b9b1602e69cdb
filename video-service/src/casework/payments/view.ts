/** Payments as participants see them (contract/payments.ts). */
import type { Role } from '../../contract/join-token.ts';
import type { FeesView, PaymentView } from '../../contract/payments.ts';
import type { PaymentRecord } from '../../persistence/casework/payment-repository.ts';

export const paymentDocumentUrlOf = (id: string) => `/api/casework/payments/${id}/document`;

export function paymentView(p: PaymentRecord, role: Role): PaymentView {
  return {
    id: p.id,
    state: p.state,
    amountCents: p.amountCents,
    currency: p.currency,
    items: p.items,
    method: p.method,
    kassenzeichen: p.kassenzeichen,
    paidWith: p.paidWith,
    statusDetail: p.statusDetail,
    payUrl: role === 'citizen' && p.state === 'pending' ? p.payUrl : null,
    documentUrl: p.documentStorage ? paymentDocumentUrlOf(p.id) : null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    finalAt: p.finalAt?.toISOString() ?? null,
    expiresAt: p.expiresAt?.toISOString() ?? null,
  };
}

export function feesView(input: Omit<FeesView, 'payment' | 'adjustReasons'> & { adjustReasons: string[]; payment: PaymentRecord | null }, role: Role): FeesView {
  return { ...input, adjustReasons: role === 'clerk' ? input.adjustReasons : [], payment: input.payment ? paymentView(input.payment, role) : null };
}
