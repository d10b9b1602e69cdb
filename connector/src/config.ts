/**
 * The connector's configuration: the only place that reads environment variables. Every key has a
 * default (or is optional) and a doc line; `loadConfig` fails fast with a ConfigError naming the key.
 * Documented for operators in docs/configuration.md.
 */
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.ts';
import { LOG_LEVELS, type LogLevel } from './log.ts';

export interface ConnectorConfig {
  /** PORT: listen port; 0 picks a free one (tests). Default 3000. */
  port: number;
  /** HOST: listen address. Default 0.0.0.0. */
  host: string;
  /** PUBLIC_URL: the connector's external base URL (cancel and .ics links, `iss`). Unset → http://localhost:<actual port>. */
  publicUrl: string | undefined;
  /** DATA_DIR: SQLite file, signing key, dev mailbox. Default ./data (resolved to an absolute path). */
  dataDir: string;
  /** DATABASE_URL: `sqlite:<path>` or `mysql://user:pass@host:port/db`. Default sqlite:<DATA_DIR>/connector.sqlite. */
  databaseUrl: string;
  /** VIDEO_PUBLIC_URL: where join links point. Default http://localhost:4000. */
  videoPublicUrl: string;
  /** GENERIC_WEBHOOK_SECRET: `whsec_<base64>` for /webhooks/generic (Standard Webhooks). Unset → that route answers 503. */
  genericWebhookSecret: string | undefined;
  /** SMTP_URL: `smtp://…` or `smtps://…`. Unset → dev mailbox under DATA_DIR/mailbox, shown at /dev/mailbox. */
  smtpUrl: string | undefined;
  /** MAIL_FROM: sender of citizen mail. Default `"Virtuelles Amt" <no-reply@localhost>`. */
  mailFrom: string;
  /** TIMEZONE: the municipality's IANA zone for times that come without one. Default Europe/Berlin. */
  timezone: string;
  /** API_KEYS: comma-separated bearer keys for the REST API (each at least 16 characters). Default none. */
  apiKeys: string[];
  /** LOG_LEVEL: pino level. Default info. */
  logLevel: LogLevel;
  /** JOIN_OPENS_MINUTES_BEFORE: join links work from this many minutes before the start (`nbf`). Default 15. */
  joinOpensMinutesBefore: number;
  /** JOIN_GRACE_MINUTES_AFTER: join links work until this many minutes after the end (`exp`). Default 60. */
  joinGraceMinutesAfter: number;
}

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .transform((v) => v.replace(/\/+$/, ''));

const integer = (fallback: number, min: number, max: number) =>
  z.coerce.number({ error: 'must be a number' }).int('must be an integer').min(min).max(max).default(fallback);

/** True when `zone` is an IANA time zone this Node.js knows. */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const webhookSecret = z
  .string()
  .refine((v) => v.startsWith('whsec_'), 'must start with whsec_')
  .refine((v) => Buffer.from(v.slice('whsec_'.length), 'base64').length >= 24, 'must be whsec_ + base64 of at least 24 random bytes');

const schema = z.object({
  PORT: integer(3000, 0, 65535),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: optionalText.pipe(httpUrl.optional()),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .refine((v) => /^(sqlite:|mysql:\/\/|mariadb:\/\/)/.test(v), 'must start with sqlite:, mysql:// or mariadb://')
      .optional(),
  ),
  VIDEO_PUBLIC_URL: optionalText.pipe(httpUrl.default('http://localhost:4000')),
  GENERIC_WEBHOOK_SECRET: optionalText.pipe(webhookSecret.optional()),
  SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional()),
  MAIL_FROM: z.string().min(3).default('"Virtuelles Amt" <no-reply@localhost>'),
  TIMEZONE: z.string().default('Europe/Berlin').refine(isValidTimeZone, 'unknown IANA time zone'),
  API_KEYS: optionalText.transform((v, ctx) => {
    const keys = (v ?? '').split(',').map((k) => k.trim()).filter(Boolean);
    if (keys.some((k) => k.length < 16)) ctx.addIssue({ code: 'custom', message: 'every key needs at least 16 characters' });
    return keys;
  }),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  JOIN_OPENS_MINUTES_BEFORE: integer(15, 0, 24 * 60),
  JOIN_GRACE_MINUTES_AFTER: integer(60, 0, 24 * 60),
});

/**
 * Reads and validates the configuration.
 * @param env defaults to `process.env`; tests pass their own object.
 * @throws ConfigError naming the first wrong key.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ConnectorConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'connector.sqlite')}`,
    videoPublicUrl: e.VIDEO_PUBLIC_URL,
    genericWebhookSecret: e.GENERIC_WEBHOOK_SECRET,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    timezone: e.TIMEZONE,
    apiKeys: e.API_KEYS,
    logLevel: e.LOG_LEVEL,
    joinOpensMinutesBefore: e.JOIN_OPENS_MINUTES_BEFORE,
    joinGraceMinutesAfter: e.JOIN_GRACE_MINUTES_AFTER,
  };
}
