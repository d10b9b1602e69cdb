/**
 * The payment part of the video service's configuration (issue 12, docs/payments.md). `config.ts` (the only
 * reader of the environment) hands its environment record to `parsePaymentConfig`; the keys and their doc
 * lines are listed here so docs/configuration.md and `CONFIG_DOCS` include them.
 */
import { z } from 'zod';

export const PROVIDER_NAMES = ['sandbox', 'xbezahldienste', 'paypal', 'invoice'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

const httpUrl = z.url({ protocol: /^https?$/ });
/** XBezahldienste identifiers: at most 36 characters of [\w\d-] (API v1.0.0). */
const xbdId = z.string().regex(/^[\w-]{1,36}$/, 'at most 36 letters, digits, "_" or "-"');

export const PAYMENT_KEYS = {
  PAYMENT_PROVIDERS: {
    schema: z.string().default('sandbox'),
    doc: 'Comma list of the payment methods a citizen may choose: sandbox (a test pay page of this service; the default), xbezahldienste, paypal, invoice.',
  },
  PAYMENT_ADJUST_REASONS: {
    schema: z
      .string()
      .default(
        'Gebührenbefreiung (Sozialleistung),Gebührenermäßigung laut Satzung,Fehler im Gebührenverzeichnis,Amtshilfe',
      ),
    doc: 'Comma list of the reasons a clerk may give for waiving or reducing a fee (the room shows them as a choice; each use is audit-logged).',
  },
  PAYMENT_EXPIRY_MINUTES: {
    schema: z.coerce
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .default(60),
    doc: 'A payment not final this long after it was started is expired (and cancelled at the provider where possible).',
  },
  PAYMENT_RECONCILE_INTERVAL_MS: {
    schema: z.coerce.number().int().min(100).max(600_000).default(1000),
    doc: 'How often the reconciliation job looks for payments due for a status check (the first check of a new payment comes after this, later ones back off up to a minute).',
  },
  PAYMENT_RETENTION_DAYS: {
    schema: z.coerce.number().int().min(1).max(36500).default(3650),
    doc: "Days the anonymous payment booking records (amount, Kassenzeichen, provider reference, service codes, status) are kept after the payment ended (default 10 years; the case's personal data follows RETENTION_DAYS).",
  },
  PAYMENT_PURPOSE_PREFIX: {
    schema: z.string().max(12).default('VA'),
    doc: 'Start of the bank statement line (Verwendungszweck, 27 characters in all) and of Kassenzeichen generated for invoices.',
  },
  PAYMENT_INVOICE_RECIPIENT: {
    schema: z.string().max(120).optional(),
    doc: 'Account holder printed on fee notices (default AUTHORITY_NAME).',
  },
  PAYMENT_INVOICE_IBAN: {
    schema: z
      .string()
      .regex(/^[A-Z]{2}\d{2}[A-Z0-9 ]{10,32}$/, 'an IBAN')
      .optional(),
    doc: 'IBAN printed on fee notices; required when PAYMENT_PROVIDERS contains invoice.',
  },
  PAYMENT_INVOICE_BIC: {
    schema: z
      .string()
      .regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/, 'a BIC')
      .optional(),
    doc: 'BIC printed on fee notices.',
  },
  PAYMENT_INVOICE_BANK: { schema: z.string().max(120).optional(), doc: 'Bank name printed on fee notices.' },
  PAYMENT_INVOICE_DUE_DAYS: {
    schema: z.coerce.number().int().min(1).max(365).default(14),
    doc: 'Days from the fee notice to its due date (default 14).',
  },
  XBEZAHLDIENSTE_BASE_URL: {
    schema: httpUrl.optional(),
    doc: "Base URL of the XBezahldienste API v1 of the city's e-payment platform (ePayBL, pmPayment, ePay21, GiroCheckout …), without trailing slash.",
  },
  XBEZAHLDIENSTE_TOKEN_URL: {
    schema: httpUrl.optional(),
    doc: 'OAuth2 token endpoint (client credentials) of the platform.',
  },
  XBEZAHLDIENSTE_CLIENT_ID: { schema: z.string().min(1).optional(), doc: 'OAuth2 client id issued by the platform.' },
  XBEZAHLDIENSTE_CLIENT_SECRET: {
    schema: z.string().min(1).optional(),
    doc: 'OAuth2 client secret issued by the platform (never logged).',
  },
  XBEZAHLDIENSTE_ORIGINATOR_ID: {
    schema: xbdId.optional(),
    doc: 'originatorId: the online service registered at the platform.',
  },
  XBEZAHLDIENSTE_ENDPOINT_ID: {
    schema: xbdId.optional(),
    doc: 'endPointId: the responsible authority (e.g. its AGS) at the platform.',
  },
  PAYPAL_BASE_URL: {
    schema: httpUrl.default('https://api-m.sandbox.paypal.com'),
    doc: "PayPal REST base URL (https://api-m.paypal.com for live; default PayPal's sandbox).",
  },
  PAYPAL_CLIENT_ID: { schema: z.string().min(1).optional(), doc: 'PayPal REST app client id.' },
  PAYPAL_CLIENT_SECRET: { schema: z.string().min(1).optional(), doc: 'PayPal REST app secret (never logged).' },
  PAYPAL_WEBHOOK_ID: {
    schema: z.string().min(1).optional(),
    doc: 'Id of the webhook registered at PayPal for <PUBLIC_URL>/webhooks/paypal (used to verify its signatures).',
  },
} as const;

type Keys = typeof PAYMENT_KEYS;
type Raw = { [K in keyof Keys]: z.output<Keys[K]['schema']> };

export interface PaymentConfig {
  /** What a citizen may choose, in the configured order. */
  providers: ProviderName[];
  adjustReasons: string[];
  expiryMinutes: number;
  reconcileIntervalMs: number;
  retentionDays: number;
  purposePrefix: string;
  invoice: {
    recipient: string | undefined;
    iban: string | undefined;
    bic: string | undefined;
    bank: string | undefined;
    dueDays: number;
  };
  xbezahldienste:
    | {
        baseUrl: string;
        tokenUrl: string;
        clientId: string;
        clientSecret: string;
        originatorId: string;
        endPointId: string;
      }
    | undefined;
  paypal: { baseUrl: string; clientId: string; clientSecret: string; webhookId: string } | undefined;
}

export type PaymentConfigResult = { ok: true; config: PaymentConfig } | { ok: false; key: string; problem: string };

export const PAYMENT_CONFIG_DOCS: ReadonlyArray<{ key: string; doc: string }> = Object.entries(PAYMENT_KEYS).map(
  ([key, v]) => ({ key, doc: v.doc }),
);

const list = (s: string) =>
  s
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);

function required<K extends keyof Raw>(
  r: Raw,
  keys: K[],
  because: string,
): { ok: false; key: string; problem: string } | null {
  for (const key of keys) if (r[key] === undefined) return { ok: false, key, problem: `is required when ${because}` };
  return null;
}

/** Parses the payment keys of `env`. */
export function parsePaymentConfig(env: Record<string, string | undefined>): PaymentConfigResult {
  const raw: Record<string, unknown> = {};
  for (const [key, { schema }] of Object.entries(PAYMENT_KEYS)) {
    const value = env[key] === '' ? undefined : env[key];
    const result = (schema as z.ZodType).safeParse(value);
    if (!result.success) return { ok: false, key, problem: result.error.issues.map((i) => i.message).join('; ') };
    raw[key] = result.data;
  }
  const r = raw as Raw;
  const providers = [...new Set(list(r.PAYMENT_PROVIDERS))];
  const unknown = providers.find((p) => !(PROVIDER_NAMES as readonly string[]).includes(p));
  if (unknown !== undefined)
    return {
      ok: false,
      key: 'PAYMENT_PROVIDERS',
      problem: `unknown provider "${unknown}" (known: ${PROVIDER_NAMES.join(', ')})`,
    };
  if (providers.length === 0) return { ok: false, key: 'PAYMENT_PROVIDERS', problem: 'names no provider' };
  const has = (p: ProviderName) => providers.includes(p);
  const missing =
    (has('xbezahldienste') &&
      required(
        r,
        [
          'XBEZAHLDIENSTE_BASE_URL',
          'XBEZAHLDIENSTE_TOKEN_URL',
          'XBEZAHLDIENSTE_CLIENT_ID',
          'XBEZAHLDIENSTE_CLIENT_SECRET',
          'XBEZAHLDIENSTE_ORIGINATOR_ID',
          'XBEZAHLDIENSTE_ENDPOINT_ID',
        ],
        'PAYMENT_PROVIDERS contains xbezahldienste',
      )) ||
    (has('paypal') &&
      required(
        r,
        ['PAYPAL_CLIENT_ID', 'PAYPAL_CLIENT_SECRET', 'PAYPAL_WEBHOOK_ID'],
        'PAYMENT_PROVIDERS contains paypal',
      )) ||
    (has('invoice') && required(r, ['PAYMENT_INVOICE_IBAN'], 'PAYMENT_PROVIDERS contains invoice'));
  if (missing) return missing;
  const reasons = list(r.PAYMENT_ADJUST_REASONS);
  if (reasons.length === 0) return { ok: false, key: 'PAYMENT_ADJUST_REASONS', problem: 'names no reason' };
  return {
    ok: true,
    config: {
      providers: providers as ProviderName[],
      adjustReasons: reasons,
      expiryMinutes: r.PAYMENT_EXPIRY_MINUTES,
      reconcileIntervalMs: r.PAYMENT_RECONCILE_INTERVAL_MS,
      retentionDays: r.PAYMENT_RETENTION_DAYS,
      purposePrefix: r.PAYMENT_PURPOSE_PREFIX,
      invoice: {
        recipient: r.PAYMENT_INVOICE_RECIPIENT,
        iban: r.PAYMENT_INVOICE_IBAN?.replace(/\s+/g, ''),
        bic: r.PAYMENT_INVOICE_BIC,
        bank: r.PAYMENT_INVOICE_BANK,
        dueDays: r.PAYMENT_INVOICE_DUE_DAYS,
      },
      xbezahldienste: has('xbezahldienste')
        ? {
            baseUrl: r.XBEZAHLDIENSTE_BASE_URL!.replace(/\/+$/, ''),
            tokenUrl: r.XBEZAHLDIENSTE_TOKEN_URL!,
            clientId: r.XBEZAHLDIENSTE_CLIENT_ID!,
            clientSecret: r.XBEZAHLDIENSTE_CLIENT_SECRET!,
            originatorId: r.XBEZAHLDIENSTE_ORIGINATOR_ID!,
            endPointId: r.XBEZAHLDIENSTE_ENDPOINT_ID!,
          }
        : undefined,
      paypal: has('paypal')
        ? {
            baseUrl: r.PAYPAL_BASE_URL.replace(/\/+$/, ''),
            clientId: r.PAYPAL_CLIENT_ID!,
            clientSecret: r.PAYPAL_CLIENT_SECRET!,
            webhookId: r.PAYPAL_WEBHOOK_ID!,
          }
        : undefined,
    },
  };
}
