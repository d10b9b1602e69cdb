/**
 * The citizen's way back to their documents (issue 11, item 6), the connector's part: when the video service
 * reports a finished case (`case.finished`, Standard Webhooks), or someone in the room asks for the link
 * again (`case.documents_link_requested`), the citizen gets a mail over real SMTP with the link to their
 * documents page and how long it works — in their language, without a calendar file, once per delivery.
 * A link to another host is refused and mails nothing.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { newSecret, sign } from '../support/standard-webhooks.ts';
import { startSmtpServer } from './mail-smtp-server.ts';
import { parseMail } from './mime.ts';
import { makeGenericPayload, postGenericWebhook, startConnector, type StartedConnector } from './support.ts';
import { outboxesDrained } from './outbox-drained.ts';

const VIDEO = 'http://video.test';

async function until<T>(get: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const { kind, create } of DATABASES) {
  describe(`the documents mail after the case (${kind})`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let c: StartedConnector;
    const eventsSecret = newSecret();

    before(async () => {
      db = await create();
      smtp = await startSmtpServer();
      c = await startConnector({
        databaseUrl: db.url,
        env: {
          SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
          VIDEO_EVENTS_WEBHOOK_SECRET: eventsSecret,
          VIDEO_PUBLIC_URL: VIDEO,
        },
      });
    });
    after(async () => {
      await c?.close();
      await smtp?.close();
      await db?.drop();
    });

    async function postEvent(body: unknown, id = `msg_${randomUUID()}`) {
      const text = JSON.stringify(body);
      const signed = sign(eventsSecret, text, { id });
      const res = await fetch(`${c.baseUrl}/webhooks/video-service`, {
        method: 'POST',
        headers: { ...signed.headers, 'content-type': 'application/json' },
        body: text,
      });
      return { status: res.status, body: await res.json() };
    }

    /** Books an appointment and waits for its confirmation, so later mails to the address are the ones under test. */
    async function booked(email: string, locale = 'de') {
      const payload = makeGenericPayload({
        appointment: { services: ['meldebescheinigung'], citizen: { name: 'Erika Mustermann', email, locale } },
      });
      const created = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
      expect(created.status).to.equal(200);
      await until(() => smtp.received.find((m) => m.to.includes(email)));
      return created.body as { roomId: string; appointmentId: string };
    }
    const mailsTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));

    it('a finished case mails the citizen the documents page link, once per delivery, without a calendar file', async () => {
      const email = `doc-${randomUUID().slice(0, 8)}@example.org`;
      const { roomId } = await booked(email);
      const link = {
        url: `${VIDEO}/documents#cap-${randomUUID()}`,
        expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      };
      const event = {
        type: 'case.finished',
        timestamp: new Date().toISOString(),
        data: {
          room: roomId,
          appointmentId: 'x',
          finishedAt: new Date().toISOString(),
          documents: [],
          handoff: { url: `${VIDEO}/api/casework/handoff`, token: 't', expiresAt: link.expiresAt },
          citizenDocuments: link,
        },
      };
      const id = `msg_${randomUUID()}`;
      expect((await postEvent(event, id)).body).to.deep.include({ received: true, duplicate: false, mailed: true });
      expect((await postEvent(event, id)).body, 'the same delivery again').to.deep.include({
        duplicate: true,
        mailed: false,
      });

      const mail = await until(() => (mailsTo(email).length >= 2 ? mailsTo(email)[1] : undefined));
      const parsed = parseMail(mail.raw);
      const text = parsed.leaves.find((l) => l.contentType.startsWith('text/plain'))!.body;
      expect(text).to.include(link.url);
      expect(text).to.match(/Ihr Anliegen aus dem Video-Termin am .* ist abgeschlossen/);
      expect(text).to.match(/Der Link gilt bis /);
      expect(text, 'no join link, no cancel link in this mail').not.to.match(/So nehmen Sie teil|Termin absagen/);
      const html = parsed.leaves.find((l) => l.contentType.startsWith('text/html'))!.body;
      expect(html).to.include(`href="${link.url}"`);
      expect(
        parsed.leaves.some((l) => l.contentType.startsWith('text/calendar')),
        'no .ics',
      ).to.equal(false);
      await outboxesDrained(c.databaseUrl, ['mail_outbox']);
      expect(mailsTo(email)).to.have.length(2);
    });

    it("asked for again from the room, the link is mailed again, in the citizen's language", async () => {
      const email = `again-${randomUUID().slice(0, 8)}@example.org`;
      const { roomId } = await booked(email, 'tr');
      const link = {
        url: `${VIDEO}/documents#cap-${randomUUID()}`,
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      };
      const answer = await postEvent({
        type: 'case.documents_link_requested',
        data: { room: roomId, appointmentId: 'x', citizenDocuments: link, requestedAt: new Date().toISOString() },
      });
      expect(answer.body).to.deep.include({ mailed: true });
      const mail = await until(() => (mailsTo(email).length >= 2 ? mailsTo(email)[1] : undefined));
      const text = parseMail(mail.raw).leaves.find((l) => l.contentType.startsWith('text/plain'))!.body;
      expect(text).to.include(link.url);
      expect(text).to.include('Belgeleriniz');
    });

    it('refuses a link to another host (422) and mails nothing; an event without a link mails nothing', async () => {
      const email = `foreign-${randomUUID().slice(0, 8)}@example.org`;
      const { roomId } = await booked(email);
      const foreign = await postEvent({
        type: 'case.finished',
        data: {
          room: roomId,
          citizenDocuments: {
            url: 'https://evil.example/documents#x',
            expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
          },
        },
      });
      expect(foreign.status).to.equal(422);
      const none = await postEvent({ type: 'case.finished', data: { room: roomId, citizenDocuments: null } });
      expect(none.body).to.deep.include({ received: true, mailed: false });
      await outboxesDrained(c.databaseUrl, ['mail_outbox']);
      expect(mailsTo(email)).to.have.length(1);
    });
  });
}
