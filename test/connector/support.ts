/**
 * Shared helpers for connector tests (and the end-to-end tests): start a real connector on a free
 * port with a temporary DATA_DIR, send signed generic webhooks, read the dev mailbox, look into the
 * database.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Sequelize } from 'sequelize';
import type { GenericPayloadInput } from '../../connector/src/adapters/generic/schema.ts';
import { Connector, type ConnectorOptions } from '../../connector/src/app.ts';
import { loadConfig, type ConnectorConfig } from '../../connector/src/config.ts';
import type { MailboxMessage } from '../../connector/src/notify/dev-mailbox.ts';
import { newSecret, sign } from '../support/standard-webhooks.ts';
// The connector's own SQLite library: two copies of SQLite in one process must not open the same file.
import { nodeSqliteDriver } from '../../connector/src/persistence/sqlite-driver.ts';

export type { GenericPayloadInput, MailboxMessage };

export interface StartConnectorOptions {
  /** Default: SQLite file in the DATA_DIR. */
  databaseUrl?: string;
  /** Default: a fresh temporary directory, removed by close(). */
  dataDir?: string;
  /** Default: a freshly generated `whsec_` secret; `null` leaves GENERIC_WEBHOOK_SECRET unset. */
  webhookSecret?: string | null;
  /**
   * More environment for loadConfig, e.g. `{ VIDEO_PUBLIC_URL, SMTP_URL, PUBLIC_URL, LOG_LEVEL }`. LOG_LEVEL defaults to
   * silent; JOIN_LINKS defaults to `token` here (not the product's `short`), because most connector tests read the
   * token's claims straight from the link. The short links are tested where `JOIN_LINKS: 'short'` is passed
   * (short-join-links, calcom-created-again, outbound-video-service).
   */
  env?: Record<string, string>;
  /** Outbox poll interval (default 200 ms in tests). */
  outboxPollMs?: number;
  /** More options for Connector.create (e.g. a test sign-in for the clerk's workplace). */
  connectorOptions?: Omit<ConnectorOptions, 'outboxPollMs'>;
  /** Clock of the clerk sign-in and sessions (clerk-support.ts moves it past the idle timeout). */
  clerkClock?: () => Date;
  /** Root logger (default: pino at LOG_LEVEL, silent); log-safety tests pass one that captures. */
  logger?: ConnectorOptions['logger'];
}

export interface StartedConnector {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  connector: Connector;
  config: ConnectorConfig;
  dataDir: string;
  databaseUrl: string;
  /** The generic webhook secret in use ('' when unset). */
  webhookSecret: string;
  /** Stops the connector; removes the DATA_DIR when the helper created it. Safe to call twice. */
  close(): Promise<void>;
}

export async function startConnector(options: StartConnectorOptions = {}): Promise<StartedConnector> {
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'va-connector-')));
  const webhookSecret = options.webhookSecret === undefined ? newSecret() : (options.webhookSecret ?? '');
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    JOIN_LINKS: 'token',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...(webhookSecret ? { GENERIC_WEBHOOK_SECRET: webhookSecret } : {}),
    ...options.env,
  };
  const config = loadConfig(env);
  const connector = await Connector.create(config, {
    ...options.connectorOptions,
    outboxPollMs: options.outboxPollMs ?? 200,
    ...(options.clerkClock ? { clerkClock: options.clerkClock } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  let baseUrl: string;
  try {
    baseUrl = await connector.listen();
  } catch (err) {
    await connector.close();
    throw err;
  }
  let closed: Promise<void> | undefined;
  return {
    baseUrl,
    connector,
    config,
    dataDir,
    databaseUrl: config.databaseUrl,
    webhookSecret,
    close() {
      closed ??= (async () => {
        await connector.close();
        if (ownDir) await rm(dataDir, { recursive: true, force: true });
      })();
      return closed;
    },
  };
}

/** A valid `appointment.created` payload starting in `startsInMinutes` (default 5) for 30 minutes. */
export function makeGenericPayload(
  overrides: {
    appointment?: Partial<Extract<GenericPayloadInput, { type: 'appointment.created' }>['appointment']>;
  } = {},
  startsInMinutes = 5,
): Extract<GenericPayloadInput, { type: 'appointment.created' }> {
  const start = new Date(Date.now() + startsInMinutes * 60_000);
  start.setUTCSeconds(0, 0);
  const end = new Date(start.getTime() + 30 * 60_000);
  return {
    type: 'appointment.created',
    appointment: {
      id: `booking-${randomUUID()}`,
      title: 'Anmeldung einer Wohnung',
      start: start.toISOString(),
      end: end.toISOString(),
      timezone: 'Europe/Berlin',
      services: ['anmeldung'],
      citizen: { name: 'Erika Mustermann', email: 'erika@example.org', locale: 'de' },
      clerk: { id: 'clerk-7', name: 'Max Schulz', email: 'schulz@example.org' },
      ...overrides.appointment,
    },
  };
}

export interface WebhookResponse {
  status: number;
  body: any;
  headers: Headers;
}

export interface PostWebhookOptions {
  /** webhook-id; default a new UUID. */
  id?: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Default application/json. */
  contentType?: string;
  /** Replace the computed webhook-signature header (e.g. a list of several entries). */
  signature?: string;
  /** Sign with this secret instead of the connector's. */
  signWith?: string;
}

/**
 * POSTs a body (object → JSON, string → as is) to /webhooks/generic, signed per Standard Webhooks by
 * the independent test signer in test/support/standard-webhooks.ts.
 */
export async function postGenericWebhook(
  baseUrl: string,
  secret: string,
  payload: unknown,
  options: PostWebhookOptions = {},
): Promise<WebhookResponse> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const signed = sign(options.signWith ?? secret, body, {
    id: options.id ?? `msg_${randomUUID()}`,
    ...(options.timestamp !== undefined ? { timestamp: options.timestamp } : {}),
  });
  const headers: Record<string, string> = {
    ...signed.headers,
    'content-type': options.contentType ?? 'application/json',
  };
  if (options.signature !== undefined) headers['webhook-signature'] = options.signature;
  const res = await fetch(`${baseUrl}/webhooks/generic`, { method: 'POST', headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** The dev mailbox's messages, newest first. */
export async function listMailbox(baseUrl: string): Promise<MailboxMessage[]> {
  const res = await fetch(`${baseUrl}/dev/mailbox/messages`);
  if (!res.ok) throw new Error(`dev mailbox answered ${res.status}`);
  return ((await res.json()) as { items: MailboxMessage[] }).items;
}

/** Polls the dev mailbox until a message matches (default: any), or throws after `timeoutMs`. */
export async function waitForMail(
  baseUrl: string,
  predicate: (m: MailboxMessage) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<MailboxMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await listMailbox(baseUrl)).find(predicate);
    if (found) return found;
    if (Date.now() > deadline) throw new Error('no matching mail arrived in the dev mailbox');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A second, read-only look into a connector's database for assertions. */
export interface DatabaseProbe {
  count(table: string, where?: Record<string, string | number>): Promise<number>;
  rows(table: string, where?: Record<string, string | number>): Promise<Array<Record<string, unknown>>>;
  /** Names of all tables in the database. */
  tables(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openDatabaseProbe(databaseUrl: string): Promise<DatabaseProbe> {
  const sequelize = databaseUrl.startsWith('sqlite:')
    ? new Sequelize({
        dialect: 'sqlite',
        storage: databaseUrl.slice('sqlite:'.length),
        logging: false,
        dialectModule: nodeSqliteDriver,
      })
    : new Sequelize(databaseUrl.replace(/^mariadb:/, 'mysql:'), {
        dialect: 'mysql',
        logging: false,
        timezone: '+00:00',
      });
  const select = async (what: string, table: string, where: Record<string, string | number> = {}) => {
    if (!/^[a-z_]+$/.test(table)) throw new Error('bad table name');
    const keys = Object.keys(where);
    keys.forEach((k) => {
      if (!/^[a-z_]+$/.test(k)) throw new Error('bad column name');
    });
    const clause = keys.length ? ` WHERE ${keys.map((k) => `${k} = :${k}`).join(' AND ')}` : '';
    const [rows] = await sequelize.query(`SELECT ${what} FROM ${table}${clause}`, { replacements: where });
    return rows as Array<Record<string, unknown>>;
  };
  return {
    async count(table, where) {
      const rows = await select('COUNT(*) AS n', table, where);
      return Number(rows[0]!.n);
    },
    rows: (table, where) => select('*', table, where),
    async tables() {
      const names = await sequelize.getQueryInterface().showAllTables();
      return names.map((n) => (typeof n === 'string' ? n : (n as { tableName: string }).tableName));
    },
    close: () => sequelize.close(),
  };
}
