/**
 * The video service's configuration: the only place that reads environment variables. Every key has a
 * default (or is optional) and a doc line; docs/configuration.md lists the same keys. `loadConfig` fails
 * fast with a `ConfigError` naming the key and what is wrong.
 */
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadMunicipalityProfile } from './server-shared/load-municipality-profile.ts';
import type { MunicipalityProfile } from './shared/municipality-profile.ts';
import { CASEWORK_CONFIG_DOCS, parseCaseworkConfig, type CaseworkConfig } from './casework/casework-config.ts';
import { PAYMENT_CONFIG_DOCS, parsePaymentConfig, type PaymentConfig } from './casework/payments/payment-config.ts';
import { cachedWorkerBin, lockedMediasoupVersion } from './media/sfu/worker-cache.ts';

export class ConfigError extends Error {
  readonly key: string;

  constructor(key: string, problem: string) {
    super(`${key}: ${problem}`);
    this.name = 'ConfigError';
    this.key = key;
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const DEFAULT_WEB_DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const port = z.coerce.number().int().min(0).max(65535);
const httpUrl = z.url({ protocol: /^https?$/ });
const commaList = z.string().transform((s) =>
  s
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean),
);
const bool = z.stringbool();

/** One entry per environment variable: its schema (with default) and what it means. */
const KEYS = {
  PORT: { schema: port.default(4000), doc: 'HTTP listen port (0 picks a free one).' },
  HOST: { schema: z.string().min(1).default('0.0.0.0'), doc: 'Listen address.' },
  PUBLIC_URL: {
    schema: httpUrl.optional(),
    doc: "The service's external base URL (default http://localhost:<PORT>, with PORT=0 the port actually listened on); https makes the session cookie Secure.",
  },
  DATA_DIR: { schema: z.string().min(1).default('./data'), doc: 'Directory for the SQLite file and other local data.' },
  DATABASE_URL: {
    schema: z
      .string()
      .regex(/^(sqlite:|mysql:\/\/|mariadb:\/\/)/, 'must start with sqlite:, mysql:// or mariadb://')
      .optional(),
    doc: 'sqlite:<path> (default sqlite:<DATA_DIR>/video.sqlite) or mysql://user:pass@host:port/db.',
  },
  CONNECTOR_JWKS_URL: {
    schema: httpUrl.default('http://localhost:3000/.well-known/jwks.json'),
    doc: 'Where the keys that sign join tokens are published (ignored when JWKS_FILE is set).',
  },
  LINK_RESOLVER_URL: {
    schema: httpUrl.optional(),
    doc: "Where short join links (#<22-character link id>) are turned into their token (the connector's POST /join-links/resolve). Default: /join-links/resolve next to CONNECTOR_JWKS_URL; none with JWKS_FILE (short links are then refused as invalid).",
  },
  CLERK_WORKPLACE_URL: {
    schema: httpUrl.optional(),
    doc: "The clerks' workplace (the connector's /clerk), linked from the clerk's screen after a call. Default: /clerk next to CONNECTOR_JWKS_URL; none with JWKS_FILE.",
  },
  JWKS_FILE: {
    schema: z.string().min(1).optional(),
    doc: 'A file holding a JWKS ({ "keys": [...] }); wins over CONNECTOR_JWKS_URL.',
  },
  TRUSTED_ISSUERS: {
    schema: commaList.optional(),
    doc: 'Comma list of accepted `iss` values; unset accepts any issuer whose key is trusted.',
  },
  MEDIA_MODE: {
    schema: z.enum(['auto', 'sfu', 'p2p']).default('auto'),
    doc: 'auto: SFU when a mediasoup worker starts, else peer-to-peer; sfu: require the SFU; p2p: never start a worker.',
  },
  MEDIASOUP_WORKERS: {
    schema: z.coerce.number().int().min(1).max(64).optional(),
    doc: 'SFU workers (default: one per CPU core).',
  },
  MEDIASOUP_WORKER_BIN: {
    schema: z.string().min(1).optional(),
    doc: "The mediasoup worker binary. Default: the one `npm run build:worker` cached for the locked mediasoup version, else mediasoup's own. A missing file means no worker (auto then uses peer-to-peer).",
  },
  MEDIASOUP_LISTEN_IP: {
    schema: z.string().min(1).default('0.0.0.0'),
    doc: 'Address the SFU WebRtcServers listen on.',
  },
  MEDIASOUP_ANNOUNCED_ADDRESS: {
    schema: z.string().min(1).optional(),
    doc: "Address announced in SFU ICE candidates (needed behind NAT). Default: the listen address when concrete, else PUBLIC_URL's host (resolved once); start-up refuses the SFU when neither is reachable.",
  },
  MEDIASOUP_PORT: {
    schema: port.default(40000),
    doc: 'First SFU media port; worker n listens on MEDIASOUP_PORT + n (UDP and TCP).',
  },
  MEDIASOUP_RESTART_LIMIT: {
    schema: z.coerce.number().int().min(0).max(100).default(5),
    doc: 'How often a dead SFU worker is replaced within MEDIASOUP_RESTART_WINDOW_SECONDS; the death after that leaves its slot down (/readyz says so). Default 5.',
  },
  MEDIASOUP_RESTART_WINDOW_SECONDS: {
    schema: z.coerce.number().int().min(1).max(86_400).default(600),
    doc: 'The window MEDIASOUP_RESTART_LIMIT counts worker deaths in. Default 600.',
  },
  TURN_URLS: {
    schema: commaList.default([]),
    doc: 'Comma list of STUN/TURN URIs given to browsers, e.g. turns:turn.example.org:443?transport=tcp.',
  },
  TURN_SECRET: {
    schema: z.string().min(16, 'must be at least 16 characters').optional(),
    doc: "coturn's static-auth-secret (REST API credentials).",
  },
  TURN_RELAY_ONLY: {
    schema: bool.default(false),
    doc: "true: browsers use only TURN relays (iceTransportPolicy relay), so no side sees the other's IP address.",
  },
  TURN_CREDENTIAL_TTL_SECONDS: {
    schema: z.coerce
      .number()
      .int()
      .min(60)
      .default(6 * 3600),
    doc: 'Lifetime of TURN credentials (never beyond the session window).',
  },
  SESSION_RATE_LIMIT_PER_MINUTE: {
    schema: z.coerce.number().int().min(1).default(30),
    doc: 'POST /api/session attempts allowed per client IP and minute (per window, see SESSION_RATE_LIMIT_WINDOW_SECONDS).',
  },
  SESSION_RATE_LIMIT_WINDOW_SECONDS: {
    schema: z.coerce.number().int().min(1).max(3600).default(60),
    doc: 'Length of the POST /api/session rate-limit window; 60 unless a test needs a short one.',
  },
  SESSION_TTL_MINUTES: {
    schema: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    doc: 'Idle lifetime of a session; slides on use, capped at token exp + 2 h.',
  },
  LOBBY_GRACE_SECONDS: {
    schema: z.coerce.number().int().min(0).max(3600).default(60),
    doc: "How long a waiting participant who lost the connection keeps their place in the clerk's list.",
  },
  TRUST_PROXY: {
    schema: z.coerce.number().int().min(0).max(10).default(0),
    doc: 'Number of reverse proxies in front (for client IPs in rate limits); 0 trusts none.',
  },
  WEB_DIST_DIR: {
    schema: z.string().min(1).default(DEFAULT_WEB_DIST),
    doc: 'Built room UI (index.html and assets/); default video-service/web/dist.',
  },
  P2P_MAX_PARTICIPANTS: {
    schema: z.coerce.number().int().min(2).max(8).default(4),
    doc: 'Most participants in one call in peer-to-peer mode (a full mesh: every browser sends to every other).',
  },
  SFU_MAX_PARTICIPANTS: {
    schema: z.coerce.number().int().min(2).max(100).default(16),
    doc: 'Most participants in one call in SFU mode.',
  },
  REDIS_URL: {
    schema: z.url({ protocol: /^rediss?$/ }).optional(),
    doc: 'redis://… enables several processes: the socket.io Redis adapter and presence shared in Redis (rooms need the same MariaDB/MySQL).',
  },
  REDIS_KEY_PREFIX: {
    schema: z
      .string()
      .regex(/^[A-Za-z0-9:_-]{1,64}$/, 'letters, digits, ":", "_" or "-"')
      .default('va'),
    doc: 'Prefix of every Redis key and channel (several deployments can share one Redis).',
  },
  EVENTS_WEBHOOK_URL: {
    schema: httpUrl.optional(),
    doc: "Where event webhooks go (the connector's receiver); unset: no events are recorded.",
  },
  EVENTS_WEBHOOK_SECRET: {
    schema: z
      .string()
      .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'must look like whsec_<base64>')
      .optional(),
    doc: 'Standard Webhooks secret (whsec_…) that signs event webhooks; required with EVENTS_WEBHOOK_URL.',
  },
  EVENTS_RETRY_SCHEDULE_SECONDS: {
    schema: z
      .string()
      .regex(/^\d+(,\d+)*$/, 'a comma list of whole seconds')
      .default('5,300,1800,7200,18000,36000,50400,72000,86400'),
    doc: 'Waits before each retry of a failed event delivery (Standard Webhooks schedule); after the last, the event is given up.',
  },
  EVENTS_POLL_MS: {
    schema: z.coerce.number().int().min(50).max(60_000).default(2000),
    doc: 'How often the event sender looks for due deliveries (new events are sent at once).',
  },
  EVENTS_TIMEOUT_MS: {
    schema: z.coerce.number().int().min(1000).max(60_000).default(15_000),
    doc: 'Timeout of one event delivery attempt.',
  },
  ALLOW_PRIVATE_TARGETS: {
    schema: bool.default(false),
    doc: 'true lets event webhooks reach private/loopback addresses (the connector on an internal network, tests).',
  },
  PRIVACY_URL: {
    schema: z
      .union([httpUrl, z.string().regex(/^\/[^/\\]/, 'an http(s) URL or a path of this service starting with /')])
      .optional(),
    doc: "The city's privacy statement, linked from the notice before joining (opens in a new tab). Default: the municipality profile's privacyUrl, else /privacy (a short statement of this service).",
  },
  MUNICIPALITY_PROFILE: {
    schema: z.string().min(1).optional(),
    doc: "JSON file with the office's name, address, contact, imprint and privacy URLs, shared with the connector (docs/operations.md). Default: the development profile.",
  },
  LOG_LEVEL: { schema: z.enum(LOG_LEVELS).default('info'), doc: 'pino log level.' },
} as const;

type Keys = typeof KEYS;
type Raw = { [K in keyof Keys]: z.output<Keys[K]['schema']> };

/** Doc lines for docs/configuration.md and `--help` style output. */
export const CONFIG_DOCS: ReadonlyArray<{ key: string; doc: string }> = [
  ...Object.entries(KEYS).map(([key, v]) => ({ key, doc: v.doc })),
  ...CASEWORK_CONFIG_DOCS,
  ...PAYMENT_CONFIG_DOCS,
];

export type MediaModeSetting = 'auto' | 'sfu' | 'p2p';

export interface VideoConfig {
  port: number;
  host: string;
  /** Without trailing slash. */
  publicUrl: string;
  /** PUBLIC_URL was not set: the default names the port, and with PORT=0 the real one is known only after listen(). */
  publicUrlDefaulted: boolean;
  dataDir: string;
  databaseUrl: string;
  jwks: { kind: 'url'; url: string } | { kind: 'file'; path: string };
  /** Where short join links are resolved; undefined: only full-token links work. */
  linkResolverUrl: string | undefined;
  trustedIssuers: string[] | undefined;
  mediaMode: MediaModeSetting;
  mediasoup: {
    workers: number;
    /** undefined: mediasoup's own default location. */
    workerBin: string | undefined;
    listenIp: string;
    announcedAddress: string | undefined;
    port: number;
    /** Replacements of one dead worker allowed within `restartWindowMs`; the next death leaves the slot down. */
    restartLimit: number;
    restartWindowMs: number;
    /** For deriving the announced address when none is set and the listen address is 0.0.0.0. */
    publicUrl: string;
  };
  turn: { urls: string[]; secret: string | undefined; relayOnly: boolean; credentialTtlSeconds: number };
  sessionTtlMinutes: number;
  sessionRateLimitPerMinute: number;
  sessionRateLimitWindowSeconds: number;
  lobbyGraceSeconds: number;
  trustProxy: number;
  webDistDir: string;
  maxParticipants: { p2p: number; sfu: number };
  redis: { url: string; keyPrefix: string } | undefined;
  events:
    | {
        url: string;
        secret: string;
        retrySchedule: number[];
        pollMs: number;
        timeoutMs: number;
        allowPrivateTargets: boolean;
      }
    | undefined;
  /** Casework settings (casework/casework-config.ts). */
  casework: CaseworkConfig;
  /** Fees paid in the room (casework/payments/payment-config.ts). */
  payments: PaymentConfig;
  /** The privacy statement linked before joining: an http(s) URL or a path of this service. */
  privacyUrl: string;
  /** CLERK_WORKPLACE_URL: where a clerk goes back to after a call (the connector's /clerk). */
  workplaceUrl: string | undefined;
  /** MUNICIPALITY_PROFILE: who the office is (shared/municipality-profile.ts). */
  municipality: MunicipalityProfile;
  logLevel: (typeof LOG_LEVELS)[number];
}

function parseKeys(env: Record<string, string | undefined>): Raw {
  const raw: Record<string, unknown> = {};
  for (const [key, { schema }] of Object.entries(KEYS)) {
    const value = env[key] === '' ? undefined : env[key];
    const result = (schema as z.ZodType).safeParse(value);
    if (!result.success) throw new ConfigError(key, result.error.issues.map((i) => i.message).join('; '));
    raw[key] = result.data;
  }
  return raw as Raw;
}

function eventsConfig(r: Raw): VideoConfig['events'] {
  if (!r.EVENTS_WEBHOOK_URL) {
    if (r.EVENTS_WEBHOOK_SECRET)
      throw new ConfigError('EVENTS_WEBHOOK_URL', 'is required when EVENTS_WEBHOOK_SECRET is set');
    return undefined;
  }
  if (!r.EVENTS_WEBHOOK_SECRET)
    throw new ConfigError('EVENTS_WEBHOOK_SECRET', 'is required when EVENTS_WEBHOOK_URL is set');
  const key = Buffer.from(r.EVENTS_WEBHOOK_SECRET.slice('whsec_'.length), 'base64');
  if (key.length < 24 || key.length > 64)
    throw new ConfigError('EVENTS_WEBHOOK_SECRET', 'must hold 24 to 64 random bytes after whsec_');
  return {
    url: r.EVENTS_WEBHOOK_URL,
    secret: r.EVENTS_WEBHOOK_SECRET,
    retrySchedule: r.EVENTS_RETRY_SCHEDULE_SECONDS.split(',').map(Number),
    pollMs: r.EVENTS_POLL_MS,
    timeoutMs: r.EVENTS_TIMEOUT_MS,
    allowPrivateTargets: r.ALLOW_PRIVATE_TARGETS,
  };
}

/** Reads and validates the configuration; `env` defaults to `process.env`. Throws `ConfigError`. */
export function loadConfig(env: Record<string, string | undefined> = process.env): VideoConfig {
  const r = parseKeys(env);
  const dataDir = path.resolve(r.DATA_DIR);
  const turnUrls = r.TURN_URLS;
  if (turnUrls.some((u) => !/^(stun|stuns|turn|turns):/.test(u))) {
    throw new ConfigError('TURN_URLS', 'every entry must start with stun:, stuns:, turn: or turns:');
  }
  if (turnUrls.some((u) => u.startsWith('turn')) && !r.TURN_SECRET) {
    throw new ConfigError('TURN_SECRET', 'is required when TURN_URLS contains turn: or turns: URIs');
  }
  let municipality: MunicipalityProfile;
  try {
    municipality = loadMunicipalityProfile(r.MUNICIPALITY_PROFILE);
  } catch (error) {
    throw new ConfigError('MUNICIPALITY_PROFILE', (error as Error).message.replace(/^MUNICIPALITY_PROFILE: /, ''));
  }
  const casework = parseCaseworkConfig(env, dataDir, municipality);
  if (!casework.ok) throw new ConfigError(casework.key, casework.problem);
  const payments = parsePaymentConfig(env);
  if (!payments.ok) throw new ConfigError(payments.key, payments.problem);
  return {
    port: r.PORT,
    host: r.HOST,
    publicUrl: (r.PUBLIC_URL ?? `http://localhost:${r.PORT}`).replace(/\/+$/, ''),
    publicUrlDefaulted: r.PUBLIC_URL === undefined,
    dataDir,
    databaseUrl: r.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'video.sqlite')}`,
    jwks: r.JWKS_FILE ? { kind: 'file', path: path.resolve(r.JWKS_FILE) } : { kind: 'url', url: r.CONNECTOR_JWKS_URL },
    linkResolverUrl:
      r.LINK_RESOLVER_URL ?? (r.JWKS_FILE ? undefined : new URL('../join-links/resolve', r.CONNECTOR_JWKS_URL).href),
    trustedIssuers: r.TRUSTED_ISSUERS && r.TRUSTED_ISSUERS.length > 0 ? r.TRUSTED_ISSUERS : undefined,
    mediaMode: r.MEDIA_MODE,
    mediasoup: {
      workers: r.MEDIASOUP_WORKERS ?? availableParallelism(),
      workerBin: r.MEDIASOUP_WORKER_BIN ?? cachedWorkerBin(lockedMediasoupVersion(REPO_ROOT), env),
      listenIp: r.MEDIASOUP_LISTEN_IP,
      announcedAddress: r.MEDIASOUP_ANNOUNCED_ADDRESS,
      port: r.MEDIASOUP_PORT,
      restartLimit: r.MEDIASOUP_RESTART_LIMIT,
      restartWindowMs: r.MEDIASOUP_RESTART_WINDOW_SECONDS * 1000,
      publicUrl: (r.PUBLIC_URL ?? `http://localhost:${r.PORT}`).replace(/\/+$/, ''),
    },
    turn: {
      urls: turnUrls,
      secret: r.TURN_SECRET,
      relayOnly: r.TURN_RELAY_ONLY,
      credentialTtlSeconds: r.TURN_CREDENTIAL_TTL_SECONDS,
    },
    sessionTtlMinutes: r.SESSION_TTL_MINUTES,
    sessionRateLimitPerMinute: r.SESSION_RATE_LIMIT_PER_MINUTE,
    sessionRateLimitWindowSeconds: r.SESSION_RATE_LIMIT_WINDOW_SECONDS,
    lobbyGraceSeconds: r.LOBBY_GRACE_SECONDS,
    trustProxy: r.TRUST_PROXY,
    webDistDir: path.resolve(r.WEB_DIST_DIR),
    maxParticipants: { p2p: r.P2P_MAX_PARTICIPANTS, sfu: r.SFU_MAX_PARTICIPANTS },
    redis: r.REDIS_URL ? { url: r.REDIS_URL, keyPrefix: r.REDIS_KEY_PREFIX } : undefined,
    events: eventsConfig(r),
    casework: casework.config,
    payments: payments.config,
    privacyUrl: r.PRIVACY_URL ?? municipality.privacyUrl ?? '/privacy',
    workplaceUrl: r.CLERK_WORKPLACE_URL ?? (r.JWKS_FILE ? undefined : new URL('/clerk', r.CONNECTOR_JWKS_URL).href),
    municipality,
    logLevel: r.LOG_LEVEL,
  };
}
