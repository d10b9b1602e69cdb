/** The payment requests of the room (contract/payments.ts): parse, call one use case, answer. */
import { z } from 'zod';
import { adjustFee } from '../../../casework/payments/adjust-fee.ts';
import { getFees } from '../../../casework/payments/fees-of-case.ts';
import { refreshPaymentOf } from '../../../casework/payments/refresh-payment.ts';
import { cancelPaymentRequest, requestPayment } from '../../../casework/payments/request-payment.ts';
import { startPayment } from '../../../casework/payments/start-payment.ts';
import { PROVIDER_NAMES } from '../../../casework/payments/payment-config.ts';
import { emptyPayload, parsePayload } from '../parse.ts';
import { actorOf, caseworkOf, type CaseworkHandler } from './context.ts';

const paymentId = z.uuid();
const adjustSchema = z.object({
  service: z.string().regex(/^[a-z0-9-]{1,64}$/),
  kind: z.enum(['waive', 'reduce', 'reset']),
  amountCents: z.number().int().min(0).max(10_000_000).optional(),
  reason: z.string().min(1).max(200).optional(),
});

export const feesGet: CaseworkHandler<'fees:get'> = async ({ socket }, payload) => {
  parsePayload(emptyPayload, payload);
  return getFees(caseworkOf(socket).deps, actorOf(socket));
};

export const feesAdjust: CaseworkHandler<'fees:adjust'> = async ({ socket }, payload) => {
  const input = parsePayload(adjustSchema, payload);
  return adjustFee(caseworkOf(socket).deps, actorOf(socket), input);
};

export const paymentRequest: CaseworkHandler<'payment:request'> = async ({ socket }, payload) => {
  parsePayload(emptyPayload, payload);
  return requestPayment(caseworkOf(socket).deps, actorOf(socket));
};

export const paymentCancel: CaseworkHandler<'payment:cancel'> = async ({ socket }, payload) => {
  const input = parsePayload(z.object({ paymentId }), payload);
  return cancelPaymentRequest(caseworkOf(socket).deps, actorOf(socket), input.paymentId);
};

export const paymentStart: CaseworkHandler<'payment:start'> = async ({ socket }, payload) => {
  const input = parsePayload(z.object({ paymentId, method: z.enum(PROVIDER_NAMES) }), payload);
  return startPayment(caseworkOf(socket).deps, actorOf(socket), input.paymentId, input.method);
};

export const paymentRefresh: CaseworkHandler<'payment:refresh'> = async ({ socket }, payload) => {
  const input = parsePayload(z.object({ paymentId }), payload);
  return refreshPaymentOf(caseworkOf(socket).deps, actorOf(socket), input.paymentId);
};

export const PAYMENT_HANDLERS = {
  'fees:get': feesGet,
  'fees:adjust': feesAdjust,
  'payment:request': paymentRequest,
  'payment:cancel': paymentCancel,
  'payment:start': paymentStart,
  'payment:refresh': paymentRefresh,
};
