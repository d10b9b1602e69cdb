/** Payments as participants see them (contract/payments.ts). */
import type { DocumentInfo } from '../../contract/casework.ts';
import type { Role } from '../../contract/join-token.ts';
import { PAYMENT_DOCUMENT_TITLES } from './documents/payment-documents.ts';
import type { FeesView, PaymentView } from '../../contract/payments.ts';
import type { PaymentRecord } from '../store/payments.ts';

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

export function feesView(
  input: Omit<FeesView, 'payment' | 'adjustReasons'> & { adjustReasons: string[]; payment: PaymentRecord | null },
  role: Role,
): FeesView {
  return {
    ...input,
    adjustReasons: role === 'clerk' ? input.adjustReasons : [],
    payment: input.payment ? paymentView(input.payment, role) : null,
  };
}

/** A payment's receipt or fee notice in the case's document list (null while it has none). */
export function paymentDocumentInfo(p: PaymentRecord): DocumentInfo | null {
  if (!p.documentStorage || !p.documentSha256) return null;
  const notice = p.state === 'invoiced';
  const at = (p.finalAt ?? p.updatedAt).toISOString();
  return {
    id: p.id,
    formId: '',
    service: p.items.map((i) => i.service).join(','),
    title: PAYMENT_DOCUMENT_TITLES[notice ? 'notice' : 'receipt'],
    status: 'sealed',
    dataHash: '',
    frozenAt: at,
    sealedAt: at,
    pdfSha256: p.documentSha256,
    signatureMethod: null,
    reviewUrl: paymentDocumentUrlOf(p.id),
    downloadUrl: paymentDocumentUrlOf(p.id),
    kind: notice ? 'fee_notice' : 'receipt',
  };
}
