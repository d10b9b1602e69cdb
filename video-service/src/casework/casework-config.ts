/**
 * The casework part of the video service's configuration. `config.ts` (the only reader of the environment)
 * hands its environment record to `parseCaseworkConfig` and turns a problem into its `ConfigError`; the
 * keys and their doc lines are listed here so docs/configuration.md and `CONFIG_DOCS` can include them.
 */
import path from 'node:path';
import { z } from 'zod';
import type { SmppSettings } from './sms/smpp/smpp-gateway.ts';
import { postalAddress, type Brand, type MunicipalityProfile } from '../shared/municipality-profile.ts';

/** Kinds of personal data with their own retention period (`RETENTION_DAYS_<KIND>`). */
export const RETENTION_KINDS = ['forms', 'documents', 'files', 'chat', 'idcheck', 'tans', 'sessions'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

const days = z.coerce.number().int().min(1).max(3650);
const optionalDays = days.optional();

/** One entry per environment variable: schema (with default) and meaning. */
export const CASEWORK_KEYS = {
  AUTHORITY_NAME: {
    schema: z.string().min(1).max(120).optional(),
    doc: "The authority named on documents and in the development seal certificate. Default: the municipality profile's name.",
  },
  SEAL_P12_FILE: {
    schema: z.string().min(1).optional(),
    doc: "PKCS#12 file with the authority's seal key and certificate (RSA); unset: a self-signed development seal is generated in DATA_DIR/casework/seal/.",
  },
  SEAL_P12_PASSPHRASE: {
    schema: z.string().optional(),
    doc: 'Passphrase of SEAL_P12_FILE (required together with it).',
  },
  CLAMAV_URL: {
    schema: z.url({ protocol: /^tcp$/ }).optional(),
    doc: 'tcp://host:port of a clamd; when set, every upload is scanned (INSTREAM) and refused when infected or when the scanner cannot be reached.',
  },
  UPLOAD_MAX_BYTES: {
    schema: z.coerce
      .number()
      .int()
      .min(1024)
      .max(200 * 1024 * 1024)
      .default(10 * 1024 * 1024),
    doc: 'Largest single upload in bytes (default 10 MiB).',
  },
  UPLOAD_QUOTA_BYTES: {
    schema: z.coerce
      .number()
      .int()
      .min(1024)
      .max(2 * 1024 * 1024 * 1024)
      .default(50 * 1024 * 1024),
    doc: 'All uploads of one case together, in bytes (default 50 MiB).',
  },
  SMS_GATEWAY: {
    schema: z.enum(['dev-outbox', 'smpp', 'none']).default('dev-outbox'),
    doc: "SMS gateway adapter for SMS-TANs: dev-outbox (writes messages to DATA_DIR/casework/sms-outbox/, for development), smpp (the provider's SMSC over SMPP v3.4, the SMS_SMPP_* keys) or none (SMS-TAN off).",
  },
  SMS_SMPP_URL: {
    schema: z.url({ protocol: /^s?smpp$/ }).optional(),
    doc: "The provider's SMSC: smpp://host:port (plain TCP, default port 2775) or ssmpp://host:port (TLS, port required); required with SMS_GATEWAY=smpp.",
  },
  SMS_SMPP_CA_FILE: {
    schema: z.string().min(1).optional(),
    doc: "PEM file with the CA certificate(s) to trust for ssmpp:// instead of the system's (a provider with its own CA); unset: the system's CAs.",
  },
  SMS_SMPP_SYSTEM_ID: {
    schema: z
      .string()
      .regex(/^[\x21-\x7e]{1,15}$/, 'must be 1 to 15 printable ASCII characters')
      .optional(),
    doc: 'The account (system_id) the provider gave for bind_transmitter; required with SMS_GATEWAY=smpp.',
  },
  SMS_SMPP_PASSWORD: {
    schema: z
      .string()
      .regex(/^[\x21-\x7e]{1,8}$/, 'must be 1 to 8 printable ASCII characters')
      .optional(),
    doc: 'The SMPP password (secret, never logged); required with SMS_GATEWAY=smpp.',
  },
  SMS_SMPP_SYSTEM_TYPE: {
    schema: z
      .string()
      .regex(/^[\x21-\x7e]{1,12}$/, 'must be 1 to 12 printable ASCII characters')
      .optional(),
    doc: 'system_type for bind_transmitter, where the provider asks for one (default empty).',
  },
  SMS_SMPP_SOURCE: {
    schema: z
      .string()
      .regex(
        /^(\+[1-9][0-9]{6,14}|(?=.*[A-Za-z])[A-Za-z0-9 .-]{1,11})$/,
        'must be an alphanumeric sender of at most 11 characters (letters, digits, space, dot, hyphen) or an international number (+49…)',
      )
      .optional(),
    doc: 'The sender the phone shows: an alphanumeric name like Musterstadt (TON 5) or an international number like +4930123456 (TON 1, NPI 1); required with SMS_GATEWAY=smpp.',
  },
  SMS_SMPP_COUNTRY_CODE: {
    schema: z
      .string()
      .regex(/^[1-9][0-9]{0,2}$/, 'must be a country calling code like 49')
      .default('49'),
    doc: 'Country calling code put before a national number from a form (0170 … becomes 49170 …); default 49.',
  },
  SMS_SMPP_CONNECT_TIMEOUT_MS: {
    schema: z.coerce.number().int().min(100).max(120_000).default(10_000),
    doc: 'How long to wait for the TCP/TLS connection to the SMSC (default 10000 ms).',
  },
  SMS_SMPP_RESPONSE_TIMEOUT_MS: {
    schema: z.coerce.number().int().min(100).max(120_000).default(10_000),
    doc: "How long to wait for the SMSC's response to bind_transmitter, submit_sm, enquire_link or unbind (default 10000 ms); no response counts as a failed SMS.",
  },
  SMS_SMPP_ENQUIRE_LINK_SECONDS: {
    schema: z.coerce.number().int().min(0).max(3600).default(30),
    doc: 'Interval of the enquire_link keep-alive while bound (0: none; default 30 s); no answer drops the connection and the next SMS binds again.',
  },
  RETENTION_DAYS: {
    schema: days.default(90),
    doc: "Days after the appointment end after which a case's personal data is deleted (default 90).",
  },
  RETENTION_DAYS_FORMS: {
    schema: optionalDays,
    doc: 'Override for form data and the agenda (default RETENTION_DAYS).',
  },
  RETENTION_DAYS_DOCUMENTS: {
    schema: optionalDays,
    doc: 'Override for sealed documents and signatures (default RETENTION_DAYS).',
  },
  RETENTION_DAYS_FILES: { schema: optionalDays, doc: 'Override for uploaded files (default RETENTION_DAYS).' },
  RETENTION_DAYS_CHAT: {
    schema: optionalDays,
    doc: "Override for the call's chat and lobby messages (default RETENTION_DAYS).",
  },
  RETENTION_DAYS_IDCHECK: { schema: optionalDays, doc: 'Override for ID-check details (default RETENTION_DAYS).' },
  RETENTION_DAYS_TANS: { schema: optionalDays, doc: 'Override for (hashed) TAN records (default RETENTION_DAYS).' },
  RETENTION_DAYS_SESSIONS: {
    schema: optionalDays,
    doc: 'Override for sessions, admissions, lobby and room records (default RETENTION_DAYS).',
  },
  RETENTION_INTERVAL_SECONDS: {
    schema: z.coerce.number().int().min(0).max(86400).default(3600),
    doc: 'How often the retention job looks for due cases (0: never; default hourly).',
  },
  DOCUMENT_LINK_TTL_HOURS: {
    schema: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(72),
    doc: 'Lifetime of the download links citizens get for their sealed documents (default 72 h).',
  },
  DOCUMENTS_PAGE_LINK_TTL_DAYS: {
    schema: z.coerce.number().int().min(1).max(3650).default(30),
    doc: "Longest lifetime of the link to the citizen's documents page (mail after the case, the room's link for later, the join link after the end); it never outlives the documents' retention (default 30 days).",
  },
  HANDOFF_LINK_TTL_HOURS: {
    schema: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(168),
    doc: 'How long the case-management system may fetch a finished case (default 7 days).',
  },
  VERIFY_RATE_LIMIT_PER_MINUTE: {
    schema: z.coerce.number().int().min(1).default(30),
    doc: 'POST /api/documents/verify and document-link downloads allowed per client IP and minute.',
  },
  CASEWORK_CATALOGUE_FILE: {
    schema: z.string().min(1).optional(),
    doc: 'JSON service catalogue replacing the built-in one (see docs/casework.md).',
  },
} as const;

type Keys = typeof CASEWORK_KEYS;
type Raw = { [K in keyof Keys]: z.output<Keys[K]['schema']> };

export interface CaseworkConfig {
  authorityName: string;
  /** The office's postal address, printed under its name on every document (the municipality profile). */
  authorityAddress: string;
  /**
   * The office's colours and coat of arms (the municipality profile): the logo in every document's letterhead,
   * both on the citizen pages (documents, verify).
   */
  brand: Brand;
  /** Where casework keeps keys, sealed documents, uploads and the SMS outbox. */
  dataDir: string;
  seal: { kind: 'p12'; file: string; passphrase: string } | { kind: 'development' };
  clamavUrl: string | undefined;
  uploadMaxBytes: number;
  uploadQuotaBytes: number;
  smsGateway: 'dev-outbox' | 'smpp' | 'none';
  /** With smsGateway `smpp`: the SMSC and the account (sms/smpp/). */
  smpp: SmppSettings | undefined;
  retentionDays: Record<RetentionKind, number>;
  retentionIntervalSeconds: number;
  documentLinkTtlHours: number;
  documentsPageLinkTtlDays: number;
  handoffLinkTtlHours: number;
  verifyRateLimitPerMinute: number;
  catalogueFile: string | undefined;
}

export type CaseworkConfigResult = { ok: true; config: CaseworkConfig } | { ok: false; key: string; problem: string };

/** Doc lines of the casework keys. */
export const CASEWORK_CONFIG_DOCS: ReadonlyArray<{ key: string; doc: string }> = Object.entries(CASEWORK_KEYS).map(
  ([key, v]) => ({ key, doc: v.doc }),
);

/** The SMPP settings with SMS_GATEWAY=smpp (the required keys checked), else undefined. */
function smppSettings(r: Raw): SmppSettings | { key: string; problem: string } | undefined {
  if (r.SMS_GATEWAY !== 'smpp') return undefined;
  const required = ['SMS_SMPP_URL', 'SMS_SMPP_SYSTEM_ID', 'SMS_SMPP_PASSWORD', 'SMS_SMPP_SOURCE'] as const;
  const missing = required.find((key) => r[key] === undefined);
  if (missing) return { key: missing, problem: 'is required with SMS_GATEWAY=smpp' };
  const url = new URL(r.SMS_SMPP_URL!);
  const tls = url.protocol === 'ssmpp:';
  if (!url.hostname) return { key: 'SMS_SMPP_URL', problem: 'needs a host' };
  if (tls && !url.port) return { key: 'SMS_SMPP_URL', problem: 'needs a port with ssmpp://' };
  if (r.SMS_SMPP_CA_FILE && !tls) return { key: 'SMS_SMPP_CA_FILE', problem: 'is for ssmpp:// (TLS) only' };
  if (url.pathname.replace(/^\/$/, '') || url.search || url.username || url.password)
    return {
      key: 'SMS_SMPP_URL',
      problem: 'is host and port only (the account goes in SMS_SMPP_SYSTEM_ID and SMS_SMPP_PASSWORD)',
    };
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : 2775,
    tls,
    caFile: r.SMS_SMPP_CA_FILE ? path.resolve(r.SMS_SMPP_CA_FILE) : undefined,
    systemId: r.SMS_SMPP_SYSTEM_ID!,
    password: r.SMS_SMPP_PASSWORD!,
    systemType: r.SMS_SMPP_SYSTEM_TYPE ?? '',
    source: r.SMS_SMPP_SOURCE!,
    countryCode: r.SMS_SMPP_COUNTRY_CODE,
    connectTimeoutMs: r.SMS_SMPP_CONNECT_TIMEOUT_MS,
    responseTimeoutMs: r.SMS_SMPP_RESPONSE_TIMEOUT_MS,
    enquireLinkMs: r.SMS_SMPP_ENQUIRE_LINK_SECONDS * 1000,
  };
}

/** Parses the casework keys of `env`; `dataDir` is the service's resolved DATA_DIR. */
export function parseCaseworkConfig(
  env: Record<string, string | undefined>,
  dataDir: string,
  profile: Pick<MunicipalityProfile, 'name' | 'address' | 'brand'>,
): CaseworkConfigResult {
  const raw: Record<string, unknown> = {};
  for (const [key, { schema }] of Object.entries(CASEWORK_KEYS)) {
    const value = env[key] === '' ? undefined : env[key];
    const result = (schema as z.ZodType).safeParse(value);
    if (!result.success) return { ok: false, key, problem: result.error.issues.map((i) => i.message).join('; ') };
    raw[key] = result.data;
  }
  const r = raw as Raw;
  if (r.SEAL_P12_FILE && r.SEAL_P12_PASSPHRASE === undefined)
    return { ok: false, key: 'SEAL_P12_PASSPHRASE', problem: 'is required when SEAL_P12_FILE is set' };
  if (!r.SEAL_P12_FILE && r.SEAL_P12_PASSPHRASE !== undefined)
    return { ok: false, key: 'SEAL_P12_FILE', problem: 'is required when SEAL_P12_PASSPHRASE is set' };
  const smpp = smppSettings(r);
  if (smpp && 'key' in smpp) return { ok: false, ...smpp };
  const base = r.RETENTION_DAYS;
  return {
    ok: true,
    config: {
      authorityName: r.AUTHORITY_NAME ?? profile.name,
      authorityAddress: postalAddress(profile),
      brand: profile.brand,
      dataDir: path.join(dataDir, 'casework'),
      seal: r.SEAL_P12_FILE
        ? { kind: 'p12', file: path.resolve(r.SEAL_P12_FILE), passphrase: r.SEAL_P12_PASSPHRASE ?? '' }
        : { kind: 'development' },
      clamavUrl: r.CLAMAV_URL,
      uploadMaxBytes: r.UPLOAD_MAX_BYTES,
      uploadQuotaBytes: r.UPLOAD_QUOTA_BYTES,
      smsGateway: r.SMS_GATEWAY,
      smpp,
      retentionDays: {
        forms: r.RETENTION_DAYS_FORMS ?? base,
        documents: r.RETENTION_DAYS_DOCUMENTS ?? base,
        files: r.RETENTION_DAYS_FILES ?? base,
        chat: r.RETENTION_DAYS_CHAT ?? base,
        idcheck: r.RETENTION_DAYS_IDCHECK ?? base,
        tans: r.RETENTION_DAYS_TANS ?? base,
        sessions: r.RETENTION_DAYS_SESSIONS ?? base,
      },
      retentionIntervalSeconds: r.RETENTION_INTERVAL_SECONDS,
      documentLinkTtlHours: r.DOCUMENT_LINK_TTL_HOURS,
      documentsPageLinkTtlDays: r.DOCUMENTS_PAGE_LINK_TTL_DAYS,
      handoffLinkTtlHours: r.HANDOFF_LINK_TTL_HOURS,
      verifyRateLimitPerMinute: r.VERIFY_RATE_LIMIT_PER_MINUTE,
      catalogueFile: r.CASEWORK_CATALOGUE_FILE ? path.resolve(r.CASEWORK_CATALOGUE_FILE) : undefined,
    },
  };
}
