/**
 * XBezahldienste (FITKO API v1.0.0), the municipal standard in front of ePayBL, pmPayment, ePay21,
 * GiroCheckout and others: OAuth2 client credentials, `POST /paymenttransaction/{originatorId}/{endPointId}`
 * with our requestId (reused on every retry: `PAYMENT_EXISTS` means an earlier attempt arrived, and that
 * transaction is read instead), the citizen goes to `transactionRedirectUrl`, and the result is read with
 * `GET …/{transactionId}` — the standard has no callback, so the reconciliation job polls until final.
 */
import type { PaymentConfig } from '../../payment-config.ts';
import { ClientCredentials, requestJson, type JsonAnswer } from '../http-client.ts';
import { ProviderRejected, ProviderUnavailable, type PaymentProvider, type ProviderStatus } from '../provider.ts';
import {
  PROBLEM_MESSAGES,
  paymentRequestOf,
  problemCode,
  problemSchema,
  transactionSchema,
  type PaymentInformation,
} from './wire.ts';

type XbdConfig = NonNullable<PaymentConfig['xbezahldienste']>;

const STATES: Record<NonNullable<PaymentInformation['status']>, ProviderStatus['state']> = {
  INITIAL: 'pending',
  PAYED: 'paid',
  FAILED: 'failed',
  CANCELED: 'cancelled',
};

function statusOf(info: PaymentInformation): ProviderStatus {
  return {
    state: STATES[info.status ?? 'INITIAL'],
    kassenzeichen: info.transactionReference ?? null,
    paidWith: info.paymentMethod ?? null,
    detail: info.status === 'FAILED' || info.status === 'CANCELED' ? (info.statusDetail ?? null) : null,
  };
}

export function createXBezahldiensteProvider(
  c: XbdConfig,
  o: { now: () => Date; timeoutMs?: number },
): PaymentProvider {
  const credentials = new ClientCredentials({
    tokenUrl: c.tokenUrl,
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    provider: 'XBezahldienste',
  });
  const base = `${c.baseUrl}/paymenttransaction/${encodeURIComponent(c.originatorId)}/${encodeURIComponent(c.endPointId)}`;

  /** One call with the bearer token; a 401 gets one fresh token. */
  async function call(method: 'GET' | 'POST', url: string, body?: unknown): Promise<JsonAnswer> {
    for (let attempt = 0; ; attempt += 1) {
      const token = await credentials.token();
      const answer = await requestJson(
        url,
        {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json, application/problem+json',
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          ...(body ? { body: JSON.stringify(body) } : {}),
          timeoutMs: o.timeoutMs ?? 15_000,
        },
        'XBezahldienste',
      );
      if (answer.status === 401 && attempt === 0) {
        credentials.reset();
        continue;
      }
      return answer;
    }
  }

  function refuse(answer: JsonAnswer): never {
    const problem = problemSchema.safeParse(answer.body);
    const code = problem.success ? problemCode(problem.data) : 'UNSPECIFIED';
    throw new ProviderRejected(code, `${PROBLEM_MESSAGES[code]} (HTTP ${answer.status})`);
  }

  async function read(transactionId: string): Promise<PaymentInformation> {
    const answer = await call('GET', `${base}/${encodeURIComponent(transactionId)}`);
    if (answer.status !== 200) refuse(answer);
    const parsed = transactionSchema.safeParse(answer.body);
    if (!parsed.success) throw new ProviderUnavailable('XBezahldienste answered a status it does not define');
    return parsed.data;
  }

  return {
    name: 'xbezahldienste',
    async create(request) {
      const answer = await call('POST', base, paymentRequestOf(request, o.now()));
      let info: PaymentInformation;
      if (answer.status === 200 || answer.status === 201) {
        const parsed = transactionSchema.safeParse(answer.body);
        if (!parsed.success || !parsed.data.transactionId)
          throw new ProviderUnavailable('XBezahldienste answered without a transactionId');
        info = parsed.data;
      } else {
        const problem = problemSchema.safeParse(answer.body);
        if (!problem.success || problemCode(problem.data) !== 'PAYMENT_EXISTS') refuse(answer);
        // Our earlier attempt arrived: read that transaction (its id travels in the problem, or as the end of `instance`).
        const existing =
          problem.data.paymentInformation?.transactionId ??
          problem.data.transactionId ??
          problem.data.instance?.split('/').filter(Boolean).pop();
        if (!existing)
          throw new ProviderUnavailable('XBezahldienste reports the payment exists but not which transaction');
        info = await read(existing);
      }
      const status = statusOf(info);
      if (status.state === 'pending' && !info.transactionRedirectUrl)
        throw new ProviderUnavailable('XBezahldienste answered without a transactionRedirectUrl');
      return {
        ref: info.transactionId!,
        payUrl: status.state === 'pending' ? (info.transactionRedirectUrl ?? null) : null,
        status,
      };
    },
    async status(ref) {
      return statusOf(await read(ref));
    },
  };
}
