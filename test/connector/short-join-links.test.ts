/**
 * Short join links (docs/adr/0011): the mail carries `${VIDEO_PUBLIC_URL}/join#<22-character link id>`;
 * the video service turns the id into the token by asking the connector, then opens the session as for a
 * full link. Real SMTP server, real connector and video service over HTTP, on SQLite and MariaDB.
 */
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { Connector } from '../../connector/src/app.ts';
import { loadConfig } from '../../connector/src/config.ts';
import { newSecret } from '../support/standard-webhooks.ts';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { freePort } from '../support/ports.ts';
import { postSession, startVideoService, type StartedVideoService } from '../video-service/support.ts';
import { startSmtpServer, type CapturingSmtpServer } from './mail-smtp-server.ts';
import { parseMail, unfoldIcs } from './mime.ts';
import { API_ENV, api } from './rest-support.ts';
import { makeGenericPayload, postGenericWebhook, startConnector, type StartedConnector } from './support.ts';

const SHORT = /\/join#([A-Za-z0-9_-]{22})$/;
const idOf = (link: string) => SHORT.exec(link)?.[1] ?? '';

for (const { kind, create } of DATABASES) {
  describe(`short join links, mail to session (${kind})`, function () {
    this.timeout(60_000);
    let connectorDb: TestDatabase;
    let videoDb: TestDatabase;
    let smtp: CapturingSmtpServer;
    let video: StartedVideoService;
    let c: StartedConnector;
    let n = 0;
    const address = () => `short-${kind}-${++n}-${Date.now()}@example.org`;

    before(async () => {
      connectorDb = await create();
      videoDb = await create();
      smtp = await startSmtpServer();
      const connectorPort = await freePort();
      const connectorUrl = `http://127.0.0.1:${connectorPort}`;
      // The resolver is not configured: it defaults to /join-links/resolve next to CONNECTOR_JWKS_URL.
      video = await startVideoService({ jwksUrl: `${connectorUrl}/.well-known/jwks.json`, databaseUrl: videoDb.url });
      c = await startConnector({
        databaseUrl: connectorDb.url,
        env: {
          ...API_ENV,
          JOIN_LINKS: 'short',
          PORT: String(connectorPort),
          PUBLIC_URL: connectorUrl,
          VIDEO_PUBLIC_URL: video.baseUrl,
          SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        },
      });
    });
    after(async () => {
      await c?.close();
      await video?.close();
      await smtp?.close();
      await videoDb?.drop();
      await connectorDb?.drop();
    });

    async function book(minutesFromNow = 5, minutes = 30) {
      const to = address();
      const payload = makeGenericPayload(
        { appointment: { citizen: { name: 'Erika Mustermann', email: to, locale: 'de' } } },
        minutesFromNow,
      );
      if (minutes !== 30)
        payload.appointment.end = new Date(Date.parse(payload.appointment.start) + minutes * 60_000).toISOString();
      const res = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      return { to, payload, answer: res.body };
    }

    it('the link in the real mail is short, on one line, and opens the citizen seat end to end; the clerk link the clerk seat', async () => {
      const { to, answer } = await book();
      expect(answer.links.citizen).to.match(SHORT);
      expect(answer.links.clerk).to.match(SHORT);
      expect(answer.links.citizen).to.equal(`${video.baseUrl}/join#${idOf(answer.links.citizen)}`);

      const received = await smtp.waitFor((m) => m.to.includes(to));
      const mail = parseMail(received.raw);
      const text = mail.leaves.find((l) => l.contentType.startsWith('text/plain'))!.body;
      const html = mail.leaves.find((l) => l.contentType.startsWith('text/html'))!.body;
      const ics = unfoldIcs(mail.leaves.find((l) => l.contentType.startsWith('text/calendar'))!.body);
      const line = text.split(/\r?\n/).find((l) => l.includes('/join#'))!;
      expect(line.trim()).to.equal(answer.links.citizen); // the whole link, alone on its line
      expect(line.length).to.be.below(78);
      expect(html).to.include(answer.links.citizen);
      expect(ics).to.include(answer.links.citizen);
      expect(text).to.not.match(/join#ey/);

      const citizen = await postSession(video.baseUrl, idOf(line.trim()));
      expect(citizen.status, JSON.stringify(citizen.body)).to.equal(201);
      expect(citizen.body.role).to.equal('citizen');
      expect(citizen.body.room).to.equal(answer.roomId);
      // A second device with the same link gets the same seat (participant), never a second citizen.
      const again = await postSession(video.baseUrl, idOf(answer.links.citizen));
      expect(again.status).to.equal(201);
      expect((again.body.participant as { id: string }).id).to.equal((citizen.body.participant as { id: string }).id);

      const clerk = await postSession(video.baseUrl, idOf(answer.links.clerk));
      expect(clerk.status).to.equal(201);
      expect(clerk.body.role).to.equal('clerk');

      // The REST API answers the same short links (re-derived, not new ones).
      const read = await api(c.baseUrl, `/api/appointments/${answer.appointmentId}`);
      expect(read.status).to.equal(200);
      expect(read.body.links.citizen).to.equal(answer.links.citizen);
      expect(read.body.links.clerk).to.equal(answer.links.clerk);
    });

    it('a rescheduled link is refused as revoked at once and the new one works; a cancelled one is revoked too', async () => {
      const { payload, answer } = await book();
      const moved = { ...payload, type: 'appointment.rescheduled' as const };
      moved.appointment = {
        ...payload.appointment,
        start: new Date(Date.parse(payload.appointment.start) + 5 * 60_000).toISOString(),
        end: new Date(Date.parse(payload.appointment.end) + 5 * 60_000).toISOString(),
      };
      const res = await postGenericWebhook(c.baseUrl, c.webhookSecret, moved);
      expect(res.status).to.equal(200);
      expect(idOf(res.body.links.citizen)).to.not.equal(idOf(answer.links.citizen));

      const old = await postSession(video.baseUrl, idOf(answer.links.citizen));
      expect(old.status).to.equal(401);
      expect(old.body.error).to.equal('revoked');
      const oldClerk = await postSession(video.baseUrl, idOf(answer.links.clerk));
      expect(oldClerk.body.error).to.equal('revoked');
      expect((await postSession(video.baseUrl, idOf(res.body.links.citizen))).status).to.equal(201);

      const cancelled = await postGenericWebhook(c.baseUrl, c.webhookSecret, {
        type: 'appointment.cancelled',
        appointment: { id: payload.appointment.id },
      });
      expect(cancelled.status).to.equal(200);
      const after = await postSession(video.baseUrl, idOf(res.body.links.citizen));
      expect(after.status).to.equal(401);
      expect(after.body.error).to.equal('revoked');
    });

    it('an unknown or malformed id is refused as invalid; an expired link as expired; an early one as not_yet_valid', async () => {
      for (const id of [randomBytes(16).toString('base64url'), 'A'.repeat(22), 'short']) {
        const res = await postSession(video.baseUrl, id);
        expect(res.status, id).to.equal(401);
        expect(res.body.error).to.equal('invalid');
      }
      const over = await book(-4 * 60); // ended 3.5 h ago: past the 60 minutes of grace
      const expired = await postSession(video.baseUrl, idOf(over.answer.links.citizen));
      expect(expired.status).to.equal(401);
      expect(expired.body.error).to.equal('expired');

      const tomorrow = await book(24 * 60);
      const early = await postSession(video.baseUrl, idOf(tomorrow.answer.links.citizen));
      expect(early.status).to.equal(401);
      expect(early.body.error).to.equal('not_yet_valid');
      expect(Date.parse(String(early.body.opensAt))).to.equal(
        Date.parse(tomorrow.payload.appointment.start) - 15 * 60_000,
      );
    });

    it('the connector answers what an id stands for only in a POST body, never cached; the token it gives opens a full link', async () => {
      const { answer } = await book();
      const res = await fetch(`${c.baseUrl}/join-links/resolve`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ linkId: idOf(answer.links.citizen) }),
      });
      expect(res.status).to.equal(200);
      expect(res.headers.get('cache-control')).to.equal('no-store');
      const { token } = (await res.json()) as { token: string };
      expect(token.split('.')).to.have.length(3);
      // Full-token links (booking systems already hold them) keep working.
      const full = await postSession(video.baseUrl, token);
      expect(full.status).to.equal(201);
      expect(full.body.role).to.equal('citizen');
      expect((await fetch(`${c.baseUrl}/join-links/resolve/${idOf(answer.links.citizen)}`)).status).to.equal(404);
    });
  });
}

describe('short join links when the connector cannot be asked', function () {
  this.timeout(30_000);
  it('answers 503 with Retry-After (the page tries again by itself), never a refusal', async () => {
    const deadPort = await freePort();
    const video = await startVideoService({ jwksUrl: `http://127.0.0.1:${deadPort}/.well-known/jwks.json` });
    try {
      const res = await postSession(video.baseUrl, randomBytes(16).toString('base64url'));
      expect(res.status).to.equal(503);
      expect(res.body.error).to.equal('unavailable');
    } finally {
      await video.close();
    }
  });
});

describe('short join links never reach a log', function () {
  this.timeout(30_000);
  it("neither the link id nor a token appears in the connector's or the video service's log (debug level)", async () => {
    const lines: string[] = [];
    const capture = { write: (line: string) => void lines.push(line) };
    const dataDir = await mkdtemp(path.join(tmpdir(), 'va-short-logs-'));
    const connectorPort = await freePort();
    const connectorUrl = `http://127.0.0.1:${connectorPort}`;
    const video = await startVideoService({
      jwksUrl: `${connectorUrl}/.well-known/jwks.json`,
      env: { LOG_LEVEL: 'debug' },
      serviceOptions: { logDestination: capture },
    });
    const secret = newSecret();
    const connector = await Connector.create(
      loadConfig({
        PORT: String(connectorPort),
        HOST: '127.0.0.1',
        PUBLIC_URL: connectorUrl,
        DATA_DIR: dataDir,
        VIDEO_PUBLIC_URL: video.baseUrl,
        GENERIC_WEBHOOK_SECRET: secret,
        LOG_LEVEL: 'debug',
      }),
      { logger: pino({ level: 'debug' }, capture) },
    );
    try {
      await connector.listen();
      const payload = makeGenericPayload();
      const booked = await postGenericWebhook(connectorUrl, secret, payload);
      const id = idOf(booked.body.links.citizen);
      expect((await postSession(video.baseUrl, id)).status).to.equal(201);
      await postGenericWebhook(connectorUrl, secret, {
        type: 'appointment.cancelled',
        appointment: { id: payload.appointment.id },
      });
      expect((await postSession(video.baseUrl, id)).body.error).to.equal('revoked');
      await new Promise((r) => setTimeout(r, 200));
      const log = lines.join('');
      expect(log).to.include('session opened'); // the logs were captured at all
      expect(log).to.not.include(id);
      expect(log).to.not.match(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/);
    } finally {
      await connector.close();
      await video.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
