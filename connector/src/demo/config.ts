/**
 * Configuration of the demo programs (the only place in demo/ that reads the environment):
 * the demo booking page and `npm start` (start-all.ts).
 */
import path from 'node:path';
import { z } from 'zod';
import { isValidTimeZone } from '../config.ts';
import { ConfigError } from '../errors.ts';
import { LOG_LEVELS, type LogLevel } from '../log.ts';

export interface DemoConfig {
  /** DEMO_PORT: port of the demo booking page. Default 3100 (0 = any free port). */
  port: number;
  /** DEMO_HOST: listen address. Default 0.0.0.0. */
  host: string;
  /** CONNECTOR_URL: where the demo posts its webhooks. Default http://127.0.0.1:3000. */
  connectorUrl: string;
  /** CONNECTOR_PUBLIC_URL: the connector as the browser sees it (dev mailbox link). Default = CONNECTOR_URL. */
  connectorPublicUrl: string;
  /** GENERIC_WEBHOOK_SECRET: the `whsec_` secret shared with the connector. Required. */
  webhookSecret: string;
  /** TIMEZONE: zone of the times entered in the form. Default Europe/Berlin. */
  timezone: string;
  /** LOG_LEVEL. Default info. */
  logLevel: LogLevel;
  /** SCHEDULER_API_KEY: a connector API key; when set, /scheduler shows the plug-ins for a demo clerk (npm start sets one). */
  schedulerApiKey?: string;
}

export interface StartAllConfig {
  /** DATA_DIR shared by both services (separate files). Default ./data. */
  dataDir: string;
  /**
   * HOST: the listen address of all three processes. Default 127.0.0.1: the dev mailbox shows every join
   * link, so a development machine must not serve it to its network unless asked (`HOST=0.0.0.0`).
   */
  host: string;
  /** Where the three reach each other and the health checks go: HOST, or loopback when HOST is a wildcard. */
  localHost: string;
  /** SMTP_URL is set (passed on to the connector): mail leaves the machine instead of the dev mailbox. */
  smtpConfigured: boolean;
  /** CONNECTOR_PORT. Default 3000. */
  connectorPort: number;
  /** VIDEO_PORT. Default 4000. */
  videoPort: number;
  /** DEMO_PORT. Default 3100. */
  demoPort: number;
  /** CONNECTOR_PUBLIC_URL. Default http://localhost:<CONNECTOR_PORT>. */
  connectorPublicUrl: string;
  /** VIDEO_PUBLIC_URL. Default http://localhost:<VIDEO_PORT>. */
  videoPublicUrl: string;
  /** GENERIC_WEBHOOK_SECRET; when unset, a dev secret is generated and kept in DATA_DIR/dev-secrets.json. */
  webhookSecret: string | undefined;
  /** CONNECTOR_DATABASE_URL: DATABASE_URL for the connector child (default: its SQLite file). */
  connectorDatabaseUrl: string | undefined;
  /** VIDEO_DATABASE_URL: DATABASE_URL for the video-service child (default: its SQLite file). */
  videoDatabaseUrl: string | undefined;
  /** DEV_IDP_PORT: port of the development OpenID provider for the clerk sign-in (connector/src/demo/dev-idp/). Default 3200. */
  devIdpPort: number;
  /**
   * CLERK_OIDC_ISSUER as given to `npm start`: when set, the clerks sign in there and no development provider
   * starts; unset → the development provider with its development clerks.
   */
  clerkOidcIssuer: string | undefined;
  /** CONNECTOR_JWKS_URL for the video service. Default http://127.0.0.1:<CONNECTOR_PORT>/.well-known/jwks.json. */
  connectorJwksUrl: string;
  timezone: string;
  logLevel: LogLevel;
  /** The environment passed on to the child processes. */
  childEnv: NodeJS.ProcessEnv;
}

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const url = z.url({ protocol: /^https?$/ }).transform((v) => v.replace(/\/+$/, ''));
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const demoSchema = z.object({
  DEMO_PORT: port(3100),
  DEMO_HOST: z.string().min(1).default('0.0.0.0'),
  CONNECTOR_URL: z.preprocess(blankToUndefined, url.default('http://127.0.0.1:3000')),
  CONNECTOR_PUBLIC_URL: z.preprocess(blankToUndefined, url.optional()),
  GENERIC_WEBHOOK_SECRET: z
    .string({ error: 'is required (the whsec_ secret the connector uses)' })
    .startsWith('whsec_'),
  TIMEZONE: z.string().default('Europe/Berlin').refine(isValidTimeZone, 'unknown IANA time zone'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  SCHEDULER_API_KEY: z.preprocess(blankToUndefined, z.string().min(16, 'must have at least 16 characters').optional()),
});

const startAllSchema = z.object({
  DATA_DIR: z.string().min(1).default('./data'),
  HOST: z.preprocess(blankToUndefined, z.string().min(1).default('127.0.0.1')),
  SMTP_URL: z.preprocess(blankToUndefined, z.string().optional()),
  CONNECTOR_PORT: port(3000),
  VIDEO_PORT: port(4000),
  DEMO_PORT: port(3100),
  CONNECTOR_PUBLIC_URL: z.preprocess(blankToUndefined, url.optional()),
  VIDEO_PUBLIC_URL: z.preprocess(blankToUndefined, url.optional()),
  GENERIC_WEBHOOK_SECRET: z.preprocess(blankToUndefined, z.string().startsWith('whsec_').optional()),
  CONNECTOR_DATABASE_URL: z.preprocess(blankToUndefined, z.string().optional()),
  VIDEO_DATABASE_URL: z.preprocess(blankToUndefined, z.string().optional()),
  CONNECTOR_JWKS_URL: z.preprocess(blankToUndefined, url.optional()),
  DEV_IDP_PORT: port(3200),
  CLERK_OIDC_ISSUER: z.preprocess(blankToUndefined, z.string().optional()),
  TIMEZONE: z.string().default('Europe/Berlin').refine(isValidTimeZone, 'unknown IANA time zone'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
});

function parse<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  return result.data;
}

/** @throws ConfigError naming the key. */
export function loadDemoConfig(env: NodeJS.ProcessEnv = process.env): DemoConfig {
  const e = parse(demoSchema, env);
  return {
    port: e.DEMO_PORT,
    host: e.DEMO_HOST,
    connectorUrl: e.CONNECTOR_URL,
    connectorPublicUrl: e.CONNECTOR_PUBLIC_URL ?? e.CONNECTOR_URL,
    webhookSecret: e.GENERIC_WEBHOOK_SECRET,
    timezone: e.TIMEZONE,
    logLevel: e.LOG_LEVEL,
    ...(e.SCHEDULER_API_KEY ? { schedulerApiKey: e.SCHEDULER_API_KEY } : {}),
  };
}

/** @throws ConfigError naming the key. */
export function loadStartAllConfig(env: NodeJS.ProcessEnv = process.env): StartAllConfig {
  const e = parse(startAllSchema, env);
  return {
    dataDir: path.resolve(e.DATA_DIR),
    host: e.HOST,
    localHost: localHostOf(e.HOST),
    smtpConfigured: e.SMTP_URL !== undefined,
    connectorPort: e.CONNECTOR_PORT,
    videoPort: e.VIDEO_PORT,
    demoPort: e.DEMO_PORT,
    connectorPublicUrl: e.CONNECTOR_PUBLIC_URL ?? `http://localhost:${e.CONNECTOR_PORT}`,
    videoPublicUrl: e.VIDEO_PUBLIC_URL ?? `http://localhost:${e.VIDEO_PORT}`,
    webhookSecret: e.GENERIC_WEBHOOK_SECRET,
    connectorDatabaseUrl: e.CONNECTOR_DATABASE_URL,
    videoDatabaseUrl: e.VIDEO_DATABASE_URL,
    devIdpPort: e.DEV_IDP_PORT,
    clerkOidcIssuer: e.CLERK_OIDC_ISSUER,
    connectorJwksUrl: e.CONNECTOR_JWKS_URL ?? `http://${localHostOf(e.HOST)}:${e.CONNECTOR_PORT}/.well-known/jwks.json`,
    timezone: e.TIMEZONE,
    logLevel: e.LOG_LEVEL,
    childEnv: { ...env },
  };
}

/** A wildcard address is reached over loopback; an IPv6 address needs brackets in a URL. */
function localHostOf(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** True when `host` accepts connections from this machine only. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}
