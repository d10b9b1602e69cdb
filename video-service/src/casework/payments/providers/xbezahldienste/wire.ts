/**
 * The XBezahldienste API v1.0.0 wire format (FITKO; docs/payments.md): the PaymentRequest we send, the
 * PaymentTransaction / PaymentInformation we read, and the problem+json error codes. Spellings follow the
 * standard (`grosAmount`, `PAYED`).
 */
import { z } from 'zod';
import type { ProviderRequest } from '../provider.ts';

export const XBD_STATUSES = ['INITIAL', 'PAYED', 'FAILED', 'CANCELED'] as const;
export const XBD_ERRORS = [
  'NO_VALID_ORIGINATOR_OR_ENDPOINT',
  'PAYMENT_EXISTS',
  'CALCULATION_ERROR',
  'BOOKING_DATA_MISSING',
  'VALIDATION_ERROR',
  'FORBIDDEN',
  'UNSPECIFIED',
] as const;
export type XbdError = (typeof XBD_ERRORS)[number];

const information = z.object({
  transactionId: z.string().min(1).optional(),
  transactionUrl: z.string().optional(),
  transactionRedirectUrl: z.string().optional(),
  transactionReference: z.string().optional(),
  transactionTimestamp: z.string().optional(),
  paymentMethod: z.string().optional(),
  paymentMethodDetail: z.string().optional(),
  status: z.enum(XBD_STATUSES).optional(),
  statusDetail: z.string().optional(),
});
export type PaymentInformation = z.infer<typeof information>;

/** A PaymentTransaction (`paymentInformation` nested) or, as some platforms answer, the information itself. */
export const transactionSchema = z.union([
  z.object({ paymentInformation: information }).transform((t) => t.paymentInformation),
  information,
]);

export const problemSchema = z
  .object({
    type: z.string().optional(),
    title: z.string().optional(),
    status: z.number().optional(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().optional(),
    errorCode: z.string().optional(),
    transactionId: z.string().optional(),
    paymentInformation: information.optional(),
  })
  .passthrough();
export type Problem = z.infer<typeof problemSchema>;

/** The standard's error code of a problem, wherever the platform put it (code, errorCode, the end of `type`, `title`). */
export function problemCode(p: Problem): XbdError {
  for (const candidate of [p.code, p.errorCode, p.type?.split(/[/#:]/).pop(), p.title]) {
    const upper = candidate?.toUpperCase().trim();
    if (upper && (XBD_ERRORS as readonly string[]).includes(upper)) return upper as XbdError;
  }
  return 'UNSPECIFIED';
}

/** What each code means for the citizen and the operator (messages name no payment data). */
export const PROBLEM_MESSAGES: Record<XbdError, string> = {
  NO_VALID_ORIGINATOR_OR_ENDPOINT:
    'the platform does not know XBEZAHLDIENSTE_ORIGINATOR_ID / XBEZAHLDIENSTE_ENDPOINT_ID',
  PAYMENT_EXISTS: 'the payment exists already',
  CALCULATION_ERROR: 'the amounts do not add up for the platform',
  BOOKING_DATA_MISSING: 'the platform needs booking data (Haushaltsstelle / Objektnummer) for these fees',
  VALIDATION_ERROR: 'the platform rejected the payment request as invalid',
  FORBIDDEN: 'the platform does not allow this client to create payments here',
  UNSPECIFIED: 'the platform reported an unspecified error',
};

const euros = (cents: number) => Math.round(cents) / 100;

/** Our PaymentRequest: one item per fee (tax-free public fees: taxRate 0). */
export function paymentRequestOf(r: ProviderRequest, now: Date) {
  return {
    requestId: r.requestId,
    requestTimestamp: now.toISOString(),
    currency: 'EUR',
    grosAmount: euros(r.amountCents),
    purpose: r.purpose.slice(0, 27),
    description: r.description.slice(0, 250),
    redirectUrl: r.returnUrl.slice(0, 2082),
    items: r.items.map((item, i) => ({
      id: String(i + 1),
      reference: item.service.slice(0, 36),
      description: item.name.de.slice(0, 250),
      taxRate: 0,
      quantity: 1,
      totalNetAmount: euros(item.amountCents),
      totalTaxAmount: 0,
      singleNetAmount: euros(item.amountCents),
      bookingData: { service: item.service },
    })),
  };
}
