/**
 * The connector's configuration: the only place that reads environment variables. Every key has a
 * default (or is optional) and a doc line; `loadConfig` fails fast with a ConfigError naming the key.
 * Documented for operators in docs/configuration.md.
 */
import path from 'node:path';
import { z } from 'zod';
import { parseIcalFeeds, type IcalFeedConfig } from './adapters/ical/feed-config.ts';
import { loadMunicipalityProfile } from '@virtuelles-amt/video-service/server-shared/load-municipality-profile';
import type { MunicipalityProfile } from '@virtuelles-amt/video-service/shared/municipality-profile';
import { ConfigError } from './errors.ts';
import { LOG_LEVELS, type LogLevel } from './log.ts';
import { DEFAULT_DESKS_FILE, readDesksFile, type Desk } from './clerk/workplace/desks.ts';

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
  /** CALCOM_WEBHOOK_SECRET: the secret set on the Cal.com webhook (≥ 16 characters). Unset → /webhooks/calcom answers 503. */
  calcomWebhookSecret: string | undefined;
  /** CALCOM_SERVICE_MAP: JSON `{ "<event type id or slug>": ["service code", …] }`. Default {}: no codes, the title describes the appointment. */
  calcomServiceMap: ServiceMap;
  /** EASYAPPOINTMENTS_WEBHOOK_SECRET: the path secret of /webhooks/easyappointments/<secret> (≥ 32 of [A-Za-z0-9_-]). Unset → 503. */
  easyAppointmentsWebhookSecret: string | undefined;
  /** EASYAPPOINTMENTS_API_URL: base URL of the Easy!Appointments installation, used to look up customer e-mails. Unset → no lookup. */
  easyAppointmentsApiUrl: string | undefined;
  /** EASYAPPOINTMENTS_API_KEY: API key (Bearer) set in Easy!Appointments' settings; or EASYAPPOINTMENTS_API_USER + EASYAPPOINTMENTS_API_PASSWORD (Basic). */
  easyAppointmentsApiKey: string | undefined;
  /** EASYAPPOINTMENTS_API_USER / EASYAPPOINTMENTS_API_PASSWORD: an admin's login for Basic authentication. */
  easyAppointmentsApiUser: string | undefined;
  easyAppointmentsApiPassword: string | undefined;
  /** EASYAPPOINTMENTS_SERVICE_MAP: JSON `{ "<service id>": ["service code", …] }`; when set, only those services are video appointments. */
  easyAppointmentsServiceMap: ServiceMap | undefined;
  /** SMTP_URL: `smtp://…` or `smtps://…`. Unset → dev mailbox under DATA_DIR/mailbox, shown at /dev/mailbox. */
  smtpUrl: string | undefined;
  /** MAIL_FROM: sender of citizen mail. Default: the municipality profile's `mailFrom`, else `"<profile name>" <no-reply@localhost>`. */
  mailFrom: string;
  /** MUNICIPALITY_PROFILE: JSON file with the office's name, address, contact, imprint and privacy URLs (video-service/src/shared/municipality-profile.ts). Default: the development profile. */
  municipality: MunicipalityProfile;
  /** TIMEZONE: the municipality's IANA zone for times that come without one. Default Europe/Berlin. */
  timezone: string;
  /** API_KEYS: comma-separated bearer keys for the REST API (each at least 16 characters). Default none. */
  apiKeys: string[];
  /** LOG_LEVEL: pino level. Default info. */
  logLevel: LogLevel;
  /** JOIN_OPENS_MINUTES_BEFORE: join links work from this many minutes before the start (`nbf`). Default 15. */
  joinOpensMinutesBefore: number;
  /**
   * JOIN_LINKS: `short` (default) puts a 22-character link id into join links, which the video service turns
   * into the token by asking POST /join-links/resolve (docs/adr/0011); `token` puts the whole signed token in,
   * for a video service that cannot reach this connector (e.g. one configured with JWKS_FILE).
   */
  joinLinks: 'short' | 'token';
  /** JOIN_GRACE_MINUTES_AFTER: join links work until this many minutes after the end (`exp`). Default 60. */
  joinGraceMinutesAfter: number;
  /** ICAL_FEEDS: JSON list of iCal feeds to poll `[{ name, url, timezone?, pollSeconds?, lookAheadDays?, filter?, citizen?, services?, title? }]` (docs/ical-feeds.md). Default none. */
  icalFeeds: IcalFeedConfig[];
  /** ALLOW_PRIVATE_TARGETS: `true` lets feeds and outbound webhooks reach private/loopback addresses (tests, intranets). Default false. */
  allowPrivateTargets: boolean;
  /** OUTBOUND_WEBHOOKS: JSON list `[{ name, url, secret: "whsec_…", events?: [...] }]` of webhook receivers (docs/outbound-webhooks.md). Default none. */
  outboundWebhooks: OutboundWebhookConfig[];
  /** RETENTION_DAYS: days after an appointment's end when it and everything about it (citizen data, mails, events) are deleted; anonymous statistics stay. Default 90. */
  retentionDays: number;
  /** IDEMPOTENCY_RETENTION_DAYS: days the delivery ids of inbound webhooks and REST Idempotency-Keys are remembered. Default 7. */
  idempotencyRetentionDays: number;
  /** HOUSEKEEPING_INTERVAL_MINUTES: how often the retention job runs. Default 60. */
  housekeepingIntervalMinutes: number;
  /** OUTBOUND_RETRY_SCALE: multiplies every outbound retry delay (tests shrink the ~3-day schedule). Default 1. */
  outboundRetryScale: number;
  /** OUTBOUND_TIMEOUT_SECONDS: time limit of one outbound webhook request. Default 15. */
  outboundTimeoutSeconds: number;
  /** VIDEO_ADMIN_URL: base URL of the video service's admin API (revocation, room close). Default VIDEO_PUBLIC_URL. */
  videoAdminUrl: string;
  /** VIDEO_EVENTS_WEBHOOK_SECRET: `whsec_…` the video service signs its event webhooks with (/webhooks/video-service). Unset → 503. */
  videoEventsWebhookSecret: string | undefined;
  /** CLERK_DESKS_FILE: JSON file of the clerks' desks and the services each handles (docs/clerk-workplace.md). Default connector/catalogue/desks.json. */
  clerkDesks: Desk[];
  /** CLERK_NO_SHOW_MINUTES: minutes after the start with nobody in the room before the workplace shows "no-show". Default 10. */
  clerkNoShowMinutes: number;
  /** PLUGIN_ALLOWED_ORIGINS: comma-separated origins (`https://scheduler.example`) whose pages may call /clerk/api/* with a plug-in token (CORS, docs/ui-plugins.md). Default none. */
  pluginAllowedOrigins: string[];
  /** The clerk's sign-in (OpenID Connect, docs/clerk-workplace.md "Sign-in"); null when CLERK_OIDC_ISSUER is unset (sign-in off). */
  clerkOidc: ClerkOidcConfig | null;
  /** CLERK_SESSION_IDLE_MINUTES: a clerk's session ends after this many minutes without a request. Default 30. */
  clerkSessionIdleMinutes: number;
  /** CLERK_SESSION_MAX_HOURS: a clerk's session ends this many hours after sign-in, however busy (a working day). Default 10. */
  clerkSessionMaxHours: number;
  /**
   * REDIS_URL: `redis://…` or `rediss://…` for several connector processes behind a load balancer: the workplace's
   * live channel hears the changes of every process through Redis pub/sub (docs/adr/0170). Unset → one process,
   * the in-process bus. REDIS_KEY_PREFIX: prefix of the channel name (default `va`, as the video service's).
   */
  redis: { url: string; keyPrefix: string } | undefined;
}

/** The identity provider the clerks sign in with. */
export interface ClerkOidcConfig {
  /** CLERK_OIDC_ISSUER: the provider's issuer URL (discovery at `<issuer>/.well-known/openid-configuration`); https, or http on loopback (development). */
  issuer: string;
  /** CLERK_OIDC_CLIENT_ID: the client registered for the connector (redirect URI `<PUBLIC_URL>/clerk/callback`). Required with the issuer. */
  clientId: string;
  /** CLERK_OIDC_CLIENT_SECRET: the client's secret; unset → a public client (PKCE only). */
  clientSecret: string | undefined;
  /** CLERK_OIDC_CLERK_CLAIM: the claim that names the clerk (matches the booking's clerk id). Default preferred_username. */
  clerkClaim: string;
  /** CLERK_OIDC_DESKS_CLAIM: the claim listing the clerk's desks (teams). Default groups. */
  desksClaim: string;
  /**
   * CLERK_OIDC_GRAPH_URL: Microsoft Graph's base URL, asked for the clerk's groups when Entra ID leaves them out of
   * the token ("groups overage"). Default https://graph.microsoft.com/v1.0 for an Entra issuer, else unset (off).
   */
  graphUrl: string | undefined;
}

/** One entry of OUTBOUND_WEBHOOKS. */
export interface OutboundWebhookConfig {
  name: string;
  url: string;
  secret: string;
  /** Event types to send; omitted = all. */
  events?: string[];
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

/** A claim name as providers spell them (`groups`, `preferred_username`, `http://schemas…/claims/group`). */
const CLAIM_NAME = /^[A-Za-z0-9_.:\/-]{1,200}$/;

/** True for http(s) URLs on localhost / 127.x / ::1: the only place an http identity provider is accepted. */
function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}

const knownZones = new Map<string, boolean>();

/** True when `zone` is an IANA time zone this Node.js knows (memoised: every webhook asks, Intl is slow). */
export function isValidTimeZone(zone: string): boolean {
  let known = knownZones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    if (knownZones.size < 1000) knownZones.set(zone, known);
  }
  return known;
}

const webhookSecret = z
  .string()
  .refine((v) => v.startsWith('whsec_'), 'must start with whsec_')
  .refine(
    (v) => Buffer.from(v.slice('whsec_'.length), 'base64').length >= 24,
    'must be whsec_ + base64 of at least 24 random bytes',
  );

/** Booking-system service (event type) → our service codes, see connector/catalogue/services.json. */
export type ServiceMap = Record<string, string[]>;

const serviceMapJson = optionalText.transform((v, ctx): ServiceMap | undefined => {
  if (v === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
    return z.NEVER;
  }
  const result = z
    .record(
      z.string().min(1),
      z
        .array(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'service codes are lowercase letters, digits, - and _'))
        .max(20),
    )
    .safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    ctx.addIssue({ code: 'custom', message: `${issue.path.join('.') || 'map'}: ${issue.message}` });
    return z.NEVER;
  }
  return result.data;
});

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
  CALCOM_WEBHOOK_SECRET: optionalText.pipe(z.string().min(16, 'must have at least 16 characters').optional()),
  CALCOM_SERVICE_MAP: serviceMapJson,
  EASYAPPOINTMENTS_WEBHOOK_SECRET: optionalText.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{32,256}$/, 'must be 32–256 of A-Z a-z 0-9 _ - (it is part of a URL)')
      .optional(),
  ),
  EASYAPPOINTMENTS_API_URL: optionalText.pipe(httpUrl.optional()),
  EASYAPPOINTMENTS_API_KEY: optionalText,
  EASYAPPOINTMENTS_API_USER: optionalText,
  EASYAPPOINTMENTS_API_PASSWORD: optionalText,
  EASYAPPOINTMENTS_SERVICE_MAP: serviceMapJson,
  SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional()),
  MAIL_FROM: optionalText.pipe(z.string().min(3).optional()),
  MUNICIPALITY_PROFILE: optionalText,
  TIMEZONE: z.string().default('Europe/Berlin').refine(isValidTimeZone, 'unknown IANA time zone'),
  API_KEYS: optionalText.transform((v, ctx) => {
    const keys = (v ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    if (keys.some((k) => k.length < 16))
      ctx.addIssue({ code: 'custom', message: 'every key needs at least 16 characters' });
    return keys;
  }),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  JOIN_OPENS_MINUTES_BEFORE: integer(15, 0, 24 * 60),
  JOIN_LINKS: z.enum(['short', 'token']).default('short'),
  JOIN_GRACE_MINUTES_AFTER: integer(60, 0, 24 * 60),
  // At least a day: a revoked link must stay known until it has expired (JOIN_GRACE_MINUTES_AFTER ≤ 24 h).
  RETENTION_DAYS: integer(90, 1, 3650),
  IDEMPOTENCY_RETENTION_DAYS: integer(7, 1, 365),
  HOUSEKEEPING_INTERVAL_MINUTES: integer(60, 1, 24 * 60),
  ICAL_FEEDS: optionalText.transform((v, ctx) => {
    const parsed = parseIcalFeeds(v);
    if ('problem' in parsed) {
      ctx.addIssue({ code: 'custom', message: parsed.problem });
      return z.NEVER;
    }
    return parsed.feeds;
  }),
  ALLOW_PRIVATE_TARGETS: optionalText
    .pipe(z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'))
    .transform((v) => v === 'true'),
  OUTBOUND_WEBHOOKS: optionalText.transform((v, ctx) => {
    if (v === undefined) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON list' });
      return z.NEVER;
    }
    const result = z
      .array(
        z.object({
          name: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'name must be 1–100 of [A-Za-z0-9._-]'),
          url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
          secret: webhookSecret,
          events: z.array(z.string().min(1)).min(1).optional(),
        }),
      )
      .refine((list) => new Set(list.map((e) => e.name)).size === list.length, 'names must be unique')
      .safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      ctx.addIssue({ code: 'custom', message: `${issue.path.join('.') || 'list'}: ${issue.message}` });
      return z.NEVER;
    }
    return result.data as OutboundWebhookConfig[];
  }),
  OUTBOUND_RETRY_SCALE: z.coerce.number({ error: 'must be a number' }).positive().max(100).default(1),
  OUTBOUND_TIMEOUT_SECONDS: z.coerce.number({ error: 'must be a number' }).positive().max(120).default(15),
  VIDEO_ADMIN_URL: optionalText.pipe(httpUrl.optional()),
  VIDEO_EVENTS_WEBHOOK_SECRET: optionalText.pipe(webhookSecret.optional()),
  CLERK_DESKS_FILE: optionalText.transform((v, ctx) => {
    const read = readDesksFile(v ?? DEFAULT_DESKS_FILE);
    if ('problem' in read) {
      ctx.addIssue({ code: 'custom', message: read.problem });
      return z.NEVER;
    }
    return read.desks;
  }),
  CLERK_NO_SHOW_MINUTES: integer(10, 1, 24 * 60),
  CLERK_OIDC_ISSUER: optionalText.pipe(
    httpUrl
      .refine(
        (v) => v.startsWith('https:') || isLoopbackUrl(v),
        'must be an https URL (http only on localhost, for development)',
      )
      .optional(),
  ),
  CLERK_OIDC_CLIENT_ID: optionalText,
  CLERK_OIDC_CLIENT_SECRET: optionalText,
  CLERK_OIDC_CLERK_CLAIM: optionalText.pipe(
    z.string().regex(CLAIM_NAME, 'must be a claim name').default('preferred_username'),
  ),
  CLERK_OIDC_DESKS_CLAIM: optionalText.pipe(z.string().regex(CLAIM_NAME, 'must be a claim name').default('groups')),
  CLERK_OIDC_GRAPH_URL: optionalText.pipe(
    httpUrl
      .refine(
        (v) => v.startsWith('https:') || isLoopbackUrl(v),
        'must be an https URL (http only on localhost, for tests)',
      )
      .optional(),
  ),
  CLERK_SESSION_IDLE_MINUTES: integer(30, 1, 24 * 60),
  CLERK_SESSION_MAX_HOURS: integer(10, 1, 7 * 24),
  REDIS_URL: optionalText.pipe(
    z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  ),
  REDIS_KEY_PREFIX: optionalText.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9:_-]{1,64}$/, 'must be 1–64 letters, digits, ":", "_" or "-"')
      .default('va'),
  ),
  PLUGIN_ALLOWED_ORIGINS: optionalText.transform((v, ctx) => {
    const origins = (v ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    for (const origin of origins) {
      // An origin is scheme://host[:port] exactly as browsers send it in the Origin header: no path, no slash.
      let parsed: URL | undefined;
      try {
        parsed = new URL(origin);
      } catch {
        parsed = undefined;
      }
      if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
        ctx.addIssue({
          code: 'custom',
          message: `${origin} is not an origin like https://scheduler.example (no path, no trailing slash)`,
        });
        return z.NEVER;
      }
    }
    return origins;
  }),
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
  if (e.CLERK_OIDC_ISSUER && !e.CLERK_OIDC_CLIENT_ID)
    throw new ConfigError('CLERK_OIDC_CLIENT_ID', 'is required when CLERK_OIDC_ISSUER is set');
  let municipality: MunicipalityProfile;
  try {
    municipality = loadMunicipalityProfile(e.MUNICIPALITY_PROFILE);
  } catch (error) {
    throw new ConfigError('MUNICIPALITY_PROFILE', (error as Error).message.replace(/^MUNICIPALITY_PROFILE: /, ''));
  }
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'connector.sqlite')}`,
    videoPublicUrl: e.VIDEO_PUBLIC_URL,
    genericWebhookSecret: e.GENERIC_WEBHOOK_SECRET,
    calcomWebhookSecret: e.CALCOM_WEBHOOK_SECRET,
    calcomServiceMap: e.CALCOM_SERVICE_MAP ?? {},
    easyAppointmentsWebhookSecret: e.EASYAPPOINTMENTS_WEBHOOK_SECRET,
    easyAppointmentsApiUrl: e.EASYAPPOINTMENTS_API_URL,
    easyAppointmentsApiKey: e.EASYAPPOINTMENTS_API_KEY,
    easyAppointmentsApiUser: e.EASYAPPOINTMENTS_API_USER,
    easyAppointmentsApiPassword: e.EASYAPPOINTMENTS_API_PASSWORD,
    easyAppointmentsServiceMap: e.EASYAPPOINTMENTS_SERVICE_MAP,
    smtpUrl: e.SMTP_URL,
    mailFrom:
      e.MAIL_FROM ?? municipality.mailFrom ?? `"${municipality.name.replace(/["\\]/g, '')}" <no-reply@localhost>`,
    municipality,
    timezone: e.TIMEZONE,
    apiKeys: e.API_KEYS,
    logLevel: e.LOG_LEVEL,
    joinOpensMinutesBefore: e.JOIN_OPENS_MINUTES_BEFORE,
    joinLinks: e.JOIN_LINKS,
    joinGraceMinutesAfter: e.JOIN_GRACE_MINUTES_AFTER,
    retentionDays: e.RETENTION_DAYS,
    idempotencyRetentionDays: e.IDEMPOTENCY_RETENTION_DAYS,
    housekeepingIntervalMinutes: e.HOUSEKEEPING_INTERVAL_MINUTES,
    icalFeeds: e.ICAL_FEEDS,
    allowPrivateTargets: e.ALLOW_PRIVATE_TARGETS,
    outboundWebhooks: e.OUTBOUND_WEBHOOKS,
    outboundRetryScale: e.OUTBOUND_RETRY_SCALE,
    outboundTimeoutSeconds: e.OUTBOUND_TIMEOUT_SECONDS,
    videoAdminUrl: e.VIDEO_ADMIN_URL ?? e.VIDEO_PUBLIC_URL,
    videoEventsWebhookSecret: e.VIDEO_EVENTS_WEBHOOK_SECRET,
    clerkDesks: e.CLERK_DESKS_FILE,
    clerkNoShowMinutes: e.CLERK_NO_SHOW_MINUTES,
    clerkOidc: e.CLERK_OIDC_ISSUER
      ? {
          issuer: e.CLERK_OIDC_ISSUER,
          clientId: e.CLERK_OIDC_CLIENT_ID!,
          clientSecret: e.CLERK_OIDC_CLIENT_SECRET,
          clerkClaim: e.CLERK_OIDC_CLERK_CLAIM,
          desksClaim: e.CLERK_OIDC_DESKS_CLAIM,
          graphUrl: (
            e.CLERK_OIDC_GRAPH_URL ??
            (e.CLERK_OIDC_ISSUER.startsWith('https://login.microsoftonline.com/')
              ? 'https://graph.microsoft.com/v1.0'
              : undefined)
          )?.replace(/\/+$/, ''),
        }
      : null,
    clerkSessionIdleMinutes: e.CLERK_SESSION_IDLE_MINUTES,
    clerkSessionMaxHours: e.CLERK_SESSION_MAX_HOURS,
    pluginAllowedOrigins: e.PLUGIN_ALLOWED_ORIGINS,
    redis: e.REDIS_URL ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX } : undefined,
  };
}
