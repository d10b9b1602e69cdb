import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { startSmtpServer } from './mail-smtp-server.ts';
import { parseMail, unfoldIcs, type ParsedMail } from './mime.ts';
import {
  listMailbox,
  makeGenericPayload,
  postGenericWebhook,
  startConnector,
  waitForMail,
  type StartedConnector,
} from './support.ts';

async function waitFor<T>(get: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('citizen confirmation mail over SMTP', function () {
  this.timeout(30_000);
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let c: StartedConnector;

  before(async () => {
    smtp = await startSmtpServer();
    c = await startConnector({
      env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: '"Bürgeramt Test" <buergeramt@example.org>' },
    });
  });
  after(async () => {
    await c?.close();
    await smtp?.close();
  });

  it('arrives with the join link, the documents to have ready and an .ics invitation (METHOD:REQUEST)', async () => {
    const payload = makeGenericPayload({ appointment: { services: ['anmeldung', 'fuehrungszeugnis'] } });
    const res = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
    expect(res.status).to.equal(200);
    const mail = await waitFor(() => smtp.received.find((m) => m.to.includes('erika@example.org')));
    expect(mail.from).to.equal('buergeramt@example.org');
    const parsed: ParsedMail = parseMail(mail.raw);

    const text = parsed.leaves.find((l) => l.contentType.startsWith('text/plain'))!;
    expect(text.body).to.include(res.body.links.citizen);
    expect(text.body).to.include(res.body.links.cancel);
    expect(text.body).to.include('Wohnungsgeberbestätigung');
    expect(text.body).to.include('Führungszeugnis');
    expect(text.body).to.include('§ 201 StGB');
    expect(text.body).to.include('15 Minuten');

    const html = parsed.leaves.find((l) => l.contentType.startsWith('text/html'))!;
    expect(html.body).to.include(`href="${res.body.links.citizen}"`);
    expect(html.body).to.include('<html lang="de" dir="ltr">');

    const ics = parsed.leaves.find((l) => l.contentType.startsWith('text/calendar'))!;
    expect(ics.contentType).to.match(/method=REQUEST/i);
    expect(ics.filename).to.equal('termin.ics');
    const calendar = unfoldIcs(ics.body);
    expect(calendar).to.include('METHOD:REQUEST');
    expect(calendar).to.include('BEGIN:VTIMEZONE');
    expect(calendar).to.match(new RegExp(`UID:${res.body.appointmentId}@`));
    expect(calendar).to.include('SEQUENCE:0');
    expect(calendar).to.include(`URL;VALUE=URI:${res.body.links.citizen}`);
    expect(calendar).to.match(/ATTENDEE[^\r\n]*:MAILTO:erika@example\.org/i);
    expect(calendar).to.match(/ORGANIZER[^\r\n]*:mailto:buergeramt@example\.org/i);
  });

  it('is written in English when the citizen locale starts with "en"', async () => {
    const payload = makeGenericPayload({
      appointment: { citizen: { name: 'Jane Doe', email: 'jane@example.org', locale: 'en-GB' } },
    });
    const res = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
    expect(res.status).to.equal(200);
    const mail = await waitFor(() => smtp.received.find((m) => m.to.includes('jane@example.org')));
    const parsed = parseMail(mail.raw);
    expect(parsed.headers.subject).to.match(/video appointment/i);
    const text = parsed.leaves.find((l) => l.contentType.startsWith('text/plain'))!;
    expect(text.body).to.include('Dear Jane Doe');
    expect(text.body).to.include('Landlord');
    expect(parsed.leaves.find((l) => l.contentType.startsWith('text/calendar'))!.filename).to.equal('appointment.ics');
  });
});

describe('dev mailbox (no SMTP_URL)', function () {
  this.timeout(20_000);
  let c: StartedConnector;
  before(async () => {
    c = await startConnector();
  });
  after(() => c?.close());

  it('stores the confirmation and lists it at /dev/mailbox/messages, newest first', async () => {
    const first = await postGenericWebhook(c.baseUrl, c.webhookSecret, makeGenericPayload());
    const mail = await waitForMail(c.baseUrl, (m) => m.text.includes(first.body.links.citizen));
    expect(mail.to).to.deep.equal(['erika@example.org']);
    expect(mail.subject).to.match(/^Ihr Video-Termin am /);
    expect(mail.html).to.include(first.body.links.citizen.replace(/&/g, '&amp;'));
    expect(mail.attachments).to.deep.equal([
      { filename: 'termin.ics', contentType: 'text/calendar; charset=utf-8; method=REQUEST' },
    ]);
    expect(new Date(mail.date).getTime()).to.be.closeTo(Date.now(), 60_000);

    const second = await postGenericWebhook(
      c.baseUrl,
      c.webhookSecret,
      makeGenericPayload({ appointment: { citizen: { name: 'Zweite Person', email: 'zwei@example.org' } } }),
    );
    await waitForMail(c.baseUrl, (m) => m.text.includes(second.body.links.citizen));
    const items = await listMailbox(c.baseUrl);
    expect(items.map((m) => m.to[0])).to.deep.equal(['zwei@example.org', 'erika@example.org']);
  });

  it('shows the list and one message with clickable links in the browser', async () => {
    const res = await postGenericWebhook(c.baseUrl, c.webhookSecret, makeGenericPayload());
    const mail = await waitForMail(c.baseUrl, (m) => m.text.includes(res.body.links.citizen));
    const list = await fetch(`${c.baseUrl}/dev/mailbox`);
    expect(list.status).to.equal(200);
    expect(list.headers.get('content-type')).to.match(/text\/html/);
    expect(await list.text()).to.include(`href="/dev/mailbox/${mail.id}"`);
    const page = await (await fetch(`${c.baseUrl}/dev/mailbox/${mail.id}`)).text();
    expect(page).to.include(`<a href="${res.body.links.citizen}">`);
    const ics = await fetch(`${c.baseUrl}/dev/mailbox/${mail.id}/attachments/0`);
    expect(ics.headers.get('content-type')).to.match(/^text\/calendar/);
    expect(await ics.text()).to.include('METHOD:REQUEST');
  });

  it('shows the mail’s HTML with its inline coat of arms as a data: image (a browser cannot resolve cid:)', async () => {
    const res = await postGenericWebhook(c.baseUrl, c.webhookSecret, makeGenericPayload());
    const mail = await waitForMail(c.baseUrl, (m) => m.text.includes(res.body.links.citizen));
    expect(mail.html).to.match(/<img src="cid:logo-[0-9a-f]{16}@virtuelles-amt" alt="Wappen der Stadt Musterstadt"/);
    const html = await (await fetch(`${c.baseUrl}/dev/mailbox/${mail.id}/html`)).text();
    const data = /<img src="data:image\/png;base64,([^"]+)" alt="Wappen der Stadt Musterstadt"/.exec(html)?.[1];
    const logo = readFileSync(new URL('../../video-service/src/shared/development-logo.png', import.meta.url));
    expect(Buffer.from(data ?? '', 'base64').equals(logo), 'the development city’s PNG').to.equal(true);
    expect(mail.attachments, 'the logo is no attachment to download').to.have.length(1);
  });

  it('is not served when SMTP_URL is set', async () => {
    const smtp = await startSmtpServer();
    const withSmtp = await startConnector({ env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` } });
    try {
      const res = await fetch(`${withSmtp.baseUrl}/dev/mailbox/messages`);
      expect(res.status).to.equal(404);
    } finally {
      await withSmtp.close();
      await smtp.close();
    }
  });
});
