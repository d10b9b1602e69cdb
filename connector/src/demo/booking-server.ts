/**
 * A tiny stand-in for a city's booking tool (default port 3100): an accessible form that, on submit,
 * sends the signed generic webhook to the connector — server-side, exactly as a real booking system
 * would — and shows the links from the answer plus a link to the dev mailbox.
 *
 * Run alone: `GENERIC_WEBHOOK_SECRET=whsec_… node connector/src/demo/booking-server.ts`.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { z } from 'zod';
import type { SyncAnswer } from '../domain/appointment.ts';
import { toOffsetIso, toWallTime, wallTimeToDate } from '../domain/zoned-time.ts';
import { ConfigError } from '../errors.ts';
import { ASSETS_DIR } from '../http/create-http-app.ts';
import { securityHeaders } from '../http/security-headers.ts';
import { createLogger, type Logger } from '../log.ts';
import { loadCatalogue, type Catalogue } from '../notify/catalogue.ts';
import { signedHeaders } from '../tokens/standard-webhooks.ts';
import {
  bookedPage,
  bookingFormPage,
  DURATIONS,
  failedPage,
  type FormValues,
  type UiLanguage,
} from './booking-page.ts';
import { loadDemoConfig, type DemoConfig } from './config.ts';
import { DEFAULT_DESKS_FILE, readDesksFile } from '../clerk/workplace/desks.ts';
import { schedulerRoutes } from './scheduler/scheduler-routes.ts';

const MESSAGES = {
  de: {
    name: 'Bitte geben Sie Ihren Namen ein.',
    email: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
    services: 'Bitte wählen Sie mindestens ein Anliegen.',
    date: 'Bitte geben Sie ein Datum ein.',
    time: 'Bitte geben Sie eine Uhrzeit ein.',
    past: 'Der Termin muss in der Zukunft liegen.',
  },
  en: {
    name: 'Please enter your name.',
    email: 'Please enter a valid e-mail address.',
    services: 'Please choose at least one concern.',
    date: 'Please enter a date.',
    time: 'Please enter a time.',
    past: 'The appointment must be in the future.',
  },
};

export class DemoBookingServer {
  readonly config: DemoConfig;
  readonly #log: Logger;
  readonly #catalogue: Catalogue;
  readonly #app: Express;
  #server: Server | undefined;
  #closing: Promise<void> | undefined;

  constructor(config: DemoConfig, options: { logger?: Logger } = {}) {
    this.config = config;
    this.#log = options.logger ?? createLogger(config.logLevel, 'demo-booking');
    this.#catalogue = loadCatalogue();
    this.#app = this.#createApp();
  }

  async listen(): Promise<string> {
    const server = this.#app.listen(this.config.port, this.config.host);
    this.#server = server;
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    this.#log.info({ port }, 'demo booking page listening');
    return `http://127.0.0.1:${port}`;
  }

  /** Safe to call twice. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      const server = this.#server;
      if (!server) return;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    })();
    return this.#closing;
  }

  #createApp(): Express {
    const app = express();
    app.disable('x-powered-by');
    app.use(securityHeaders({ https: false }));
    app.use('/assets', express.static(ASSETS_DIR, { index: false }));
    app.get('/healthz', (_req, res) => {
      res.json({ status: 'ok' });
    });
    app.get('/', (req, res) => {
      const lang = language(req.query.lang);
      res
        .type('html')
        .send(bookingFormPage(lang, this.#catalogue.list(lang), this.#defaults(lang), this.config.timezone));
    });
    app.post('/book', express.urlencoded({ extended: false, limit: '16kb' }), async (req, res) => {
      const lang = language(req.body?.lang);
      const values = formValues(req.body ?? {}, lang);
      const errors = this.#validate(values, lang);
      if (Object.keys(errors).length) {
        res
          .status(422)
          .type('html')
          .send(bookingFormPage(lang, this.#catalogue.list(lang), values, this.config.timezone, errors));
        return;
      }
      const result = await this.#sendWebhook(values, lang);
      if (result.ok) {
        res.type('html').send(bookedPage(lang, result.answer.links!, `${this.config.connectorPublicUrl}/dev/mailbox`));
      } else {
        res
          .status(502)
          .type('html')
          .send(failedPage(lang, result.status, result.code, result.message));
      }
    });
    if (this.config.schedulerApiKey) {
      const read = readDesksFile(DEFAULT_DESKS_FILE);
      app.use(
        schedulerRoutes({
          connectorUrl: this.config.connectorUrl,
          connectorPublicUrl: this.config.connectorPublicUrl,
          apiKey: this.config.schedulerApiKey,
          desks: 'desks' in read ? read.desks.map((d) => d.id) : [],
          log: this.#log,
        }),
      );
    }
    app.use((_req, res) => {
      res.status(404).json({ error: 'not_found' });
    });
    return app;
  }

  /** Today, the next quarter hour at least 5 minutes ahead (so the link works at once), 30 minutes. */
  #defaults(lang: UiLanguage): FormValues {
    const slot = new Date(Math.ceil((Date.now() + 5 * 60_000) / 900_000) * 900_000);
    const [date, time] = toWallTime(slot, this.config.timezone).split('T') as [string, string];
    return { name: '', email: '', services: [], date, time: time.slice(0, 5), duration: '30', locale: lang };
  }

  #validate(v: FormValues, lang: UiLanguage): Record<string, string> {
    const m = MESSAGES[lang];
    const errors: Record<string, string> = {};
    if (!v.name.trim() || v.name.length > 200) errors.name = m.name;
    if (!z.email().safeParse(v.email.trim()).success) errors.email = m.email;
    const known = new Set(this.#catalogue.list(lang).map((s) => s.code));
    if (!v.services.length || v.services.some((s) => !known.has(s))) errors.services = m.services;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.date)) errors.date = m.date;
    if (!/^\d{2}:\d{2}$/.test(v.time)) errors.time = m.time;
    else if (
      !errors.date &&
      wallTimeToDate(`${v.date}T${v.time}`, this.config.timezone).getTime() < Date.now() - 60_000
    ) {
      errors.time = m.past;
    }
    return errors;
  }

  async #sendWebhook(
    v: FormValues,
    lang: UiLanguage,
  ): Promise<{ ok: true; answer: SyncAnswer } | { ok: false; status: number; code: string; message: string }> {
    const tz = this.config.timezone;
    const start = wallTimeToDate(`${v.date}T${v.time}`, tz);
    const end = new Date(start.getTime() + Number(v.duration) * 60_000);
    const names = v.services.map((code) => this.#catalogue.describe(code, lang).name);
    const body = JSON.stringify({
      type: 'appointment.created',
      appointment: {
        id: `demo-${randomUUID()}`,
        title: names.join(' · ').slice(0, 300),
        start: toOffsetIso(start, tz),
        end: toOffsetIso(end, tz),
        timezone: tz,
        services: v.services,
        citizen: { name: v.name.trim(), email: v.email.trim(), locale: v.locale },
        clerk: { id: 'demo-clerk', name: 'Sachbearbeitung (Demo)' },
      },
    });
    try {
      const res = await fetch(`${this.config.connectorUrl}/webhooks/generic`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signedHeaders(this.config.webhookSecret, `msg_${randomUUID()}`, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(15_000),
      });
      const answer = (await res.json().catch(() => ({}))) as SyncAnswer & { error?: string; message?: string };
      this.#log.info({ status: res.status, appointmentId: answer.appointmentId }, 'webhook sent to the connector');
      if (res.ok && answer.links) return { ok: true, answer };
      return { ok: false, status: res.status, code: answer.error ?? 'error', message: answer.message ?? '' };
    } catch (err) {
      this.#log.warn({ code: (err as { name?: string }).name }, 'connector not reachable');
      return { ok: false, status: 502, code: 'unreachable', message: 'the connector could not be reached' };
    }
  }
}

function language(value: unknown): UiLanguage {
  return value === 'en' ? 'en' : 'de';
}

function formValues(body: Record<string, unknown>, lang: UiLanguage): FormValues {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const services = Array.isArray(body.services)
    ? body.services.filter((s): s is string => typeof s === 'string')
    : text(body.services)
      ? [text(body.services)]
      : [];
  const duration = DURATIONS.includes(text(body.duration)) ? text(body.duration) : '30';
  const locale = text(body.locale) === 'en' ? 'en' : text(body.locale) === 'de' ? 'de' : lang;
  return {
    name: text(body.name),
    email: text(body.email),
    services,
    date: text(body.date),
    time: text(body.time),
    duration,
    locale,
  };
}

/** Entry point when run directly. */
if (import.meta.main) {
  try {
    const server = new DemoBookingServer(loadDemoConfig(process.env));
    await server.listen();
    const stop = () => void server.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`Configuration error: ${err.message}`);
    process.exit(1);
  }
}
