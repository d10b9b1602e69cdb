/**
 * The casework part of the video service's configuration. `config.ts` (the only reader of the environment)
 * hands its environment record to `parseCaseworkConfig` and turns a problem into its `ConfigError`; the
 * keys and their doc lines are listed here so docs/configuration.md and `CONFIG_DOCS` can include them.
 */
import path from 'node:path';
import { z } from 'zod';
import { DEVELOPMENT_PROFILE, postalAddress, type MunicipalityProfile } from '../shared/municipality-profile.ts';

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
    schema: z.enum(['dev-outbox', 'none']).default('dev-outbox'),
    doc: 'SMS gateway adapter for SMS-TANs: dev-outbox (writes messages to DATA_DIR/casework/sms-outbox/, for development) or none (SMS-TAN off).',
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
  /** Where casework keeps keys, sealed documents, uploads and the SMS outbox. */
  dataDir: string;
  seal: { kind: 'p12'; file: string; passphrase: string } | { kind: 'development' };
  clamavUrl: string | undefined;
  uploadMaxBytes: number;
  uploadQuotaBytes: number;
  smsGateway: 'dev-outbox' | 'none';
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

/** Parses the casework keys of `env`; `dataDir` is the service's resolved DATA_DIR. */
export function parseCaseworkConfig(
  env: Record<string, string | undefined>,
  dataDir: string,
  profile: MunicipalityProfile = DEVELOPMENT_PROFILE,
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
  const base = r.RETENTION_DAYS;
  return {
    ok: true,
    config: {
      authorityName: r.AUTHORITY_NAME ?? profile.name,
      authorityAddress: postalAddress(profile),
      dataDir: path.join(dataDir, 'casework'),
      seal: r.SEAL_P12_FILE
        ? { kind: 'p12', file: path.resolve(r.SEAL_P12_FILE), passphrase: r.SEAL_P12_PASSPHRASE ?? '' }
        : { kind: 'development' },
      clamavUrl: r.CLAMAV_URL,
      uploadMaxBytes: r.UPLOAD_MAX_BYTES,
      uploadQuotaBytes: r.UPLOAD_QUOTA_BYTES,
      smsGateway: r.SMS_GATEWAY,
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
