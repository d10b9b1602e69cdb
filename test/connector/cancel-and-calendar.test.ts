import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { expect } from 'chai';
import { createMariaDatabase } from '../support/databases.ts';
import { unfoldIcs } from './mime.ts';
import {
  makeGenericPayload,
  openDatabaseProbe,
  postGenericWebhook,
  startConnector,
  waitForMail,
  type DatabaseProbe,
  type StartedConnector,
} from './support.ts';

describe('citizen links: .ics download and cancel page', function () {
  this.timeout(30_000);
  let c: StartedConnector;
  let probe: DatabaseProbe;
  /** Links point at PUBLIC_URL (localhost); requests go to the listening address. */
  const local = (link: string) => link.replace(/^http:\/\/localhost:\d+/, c.baseUrl);
  const cancelToken = (link: string) => link.slice(link.indexOf('#') + 1);
  const postJson = (path: string, body: unknown) =>
    fetch(`${c.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  before(async () => {
    c = await startConnector();
    probe = await openDatabaseProbe(c.databaseUrl);
  });
  after(async () => {
    await probe?.close();
    await c?.close();
  });

  it('serves the .ics with METHOD:PUBLISH, VTIMEZONE, stable UID, SEQUENCE and the join link', async () => {
    const payload = makeGenericPayload({
      appointment: { start: '2031-03-03T09:00:00+01:00', end: '2031-03-03T09:30:00+01:00' },
    });
    const { body } = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
    const res = await fetch(local(body.links.ics));
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/calendar/);
    expect(res.headers.get('cache-control')).to.equal('no-store');
    const ics = unfoldIcs(await res.text());
    expect(ics).to.include('METHOD:PUBLISH');
    expect(ics).to.include('BEGIN:VTIMEZONE');
    expect(ics).to.include('TZID:Europe/Berlin');
    expect(ics).to.include('DTSTART;TZID=Europe/Berlin:20310303T090000');
    expect(ics).to.include('DTEND;TZID=Europe/Berlin:20310303T093000');
    expect(ics).to.match(/DTSTAMP:\d{8}T\d{6}Z/);
    expect(ics).to.include(`UID:${body.appointmentId}@localhost`);
    expect(ics).to.include('SEQUENCE:0');
    expect(ics).to.include('STATUS:CONFIRMED');
    const joinLink = /URL;VALUE=URI:(\S+)/.exec(ics)?.[1];
    expect(joinLink).to.match(/\/join#ey/);
    expect(ics).to.include(`LOCATION:${joinLink}`);
    expect(ics).to.include(`CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=Video:${joinLink}`);
  });

  it('answers 404 for a wrong or missing .ics key', async () => {
    const { body } = await postGenericWebhook(c.baseUrl, c.webhookSecret, makeGenericPayload());
    const url = new URL(local(body.links.ics));
    url.searchParams.set('key', 'x'.repeat(43));
    expect((await fetch(url)).status).to.equal(404);
    url.searchParams.delete('key');
    expect((await fetch(url)).status).to.equal(404);
  });

  it('serves the cancel page without inline script and with the security headers', async () => {
    const res = await fetch(`${c.baseUrl}/cancel`);
    expect(res.status).to.equal(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).to.include("script-src 'self'");
    expect(csp).to.not.include('unsafe-inline');
    expect(res.headers.get('referrer-policy')).to.equal('no-referrer');
    expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
    const html = await res.text();
    expect(html).to.include('<html lang="de">');
    expect(html).to.include('<script src="/assets/cancel.js" defer></script>');
    expect(html).to.not.match(/<script>(?!<\/script>)/);
    expect(html).to.include('lang="en"');
    const script = await fetch(`${c.baseUrl}/assets/cancel.js`);
    expect(script.status).to.equal(200);
    expect(script.headers.get('content-type')).to.match(/javascript/);
  });

  it('previews and then cancels with the token from the cancel link; a second cancel changes nothing', async () => {
    const payload = makeGenericPayload({}, 120);
    const { body } = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
    const token = cancelToken(body.links.cancel);

    const preview = await postJson('/api/cancel/preview', { token });
    expect(preview.status).to.equal(200);
    expect(await preview.json()).to.deep.include({
      appointmentId: body.appointmentId,
      title: payload.appointment.title,
      status: 'scheduled',
      cancellable: true,
      timezone: 'Europe/Berlin',
    });

    const cancelled = await postJson('/api/cancel', { token });
    expect(cancelled.status).to.equal(200);
    expect((await cancelled.json()).status).to.equal('cancelled');
    const [row] = await probe.rows('appointments', { id: body.appointmentId });
    expect(row!.status).to.equal('cancelled');
    const mail = await waitForMail(c.baseUrl, (m) => m.subject.includes('abgesagt'));
    expect(mail.attachments[0]!.contentType).to.include('method=CANCEL');

    const again = await postJson('/api/cancel', { token });
    expect(again.status).to.equal(200);
    expect(await probe.count('mail_outbox', { appointment_id: body.appointmentId })).to.equal(2);
    const afterPreview = await (await postJson('/api/cancel/preview', { token })).json();
    expect(afterPreview).to.include({ status: 'cancelled', cancellable: false });
  });

  it('refuses a forged, a superseded and a missing cancel token', async () => {
    const payload = makeGenericPayload({}, 120);
    const { body } = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
    const token = cancelToken(body.links.cancel);
    const forged = `${token.slice(0, -4)}AAAA`;
    const bad = await postJson('/api/cancel', { token: forged });
    expect(bad.status).to.equal(401);
    expect((await bad.json()).error).to.equal('invalid_link');

    await postGenericWebhook(c.baseUrl, c.webhookSecret, { ...payload, type: 'appointment.rescheduled' });
    const superseded = await postJson('/api/cancel', { token });
    expect(superseded.status).to.equal(401);
    expect((await superseded.json()).error).to.equal('link_superseded');
    const [row] = await probe.rows('appointments', { id: body.appointmentId });
    expect(row!.status).to.equal('scheduled');

    const missing = await postJson('/api/cancel', {});
    expect(missing.status).to.equal(422);
    const wrongType = await fetch(`${c.baseUrl}/api/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: token,
    });
    expect(wrongType.status).to.equal(415);
  });
});

describe('connector HTTP basics', function () {
  this.timeout(20_000);
  let c: StartedConnector;
  before(async () => {
    c = await startConnector();
  });
  after(() => c?.close());

  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${c.baseUrl}/healthz`);
    expect(health.status).to.equal(200);
    expect(await health.json()).to.deep.equal({ status: 'ok' });
    const ready = await fetch(`${c.baseUrl}/readyz`);
    expect(ready.status).to.equal(200);
    expect(await ready.json()).to.deep.equal({ status: 'ready', database: 'ok' });
  });

  it('answers unknown routes with a JSON 404 carrying the security headers', async () => {
    const res = await fetch(`${c.baseUrl}/no/such/thing`);
    expect(res.status).to.equal(404);
    expect(await res.json()).to.deep.equal({ error: 'not_found', message: 'no such route' });
    expect(res.headers.get('content-security-policy')).to.include("default-src 'none'");
    expect(res.headers.get('referrer-policy')).to.equal('no-referrer');
    expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(res.headers.get('x-powered-by')).to.equal(null);
  });

  it('reports not ready (503) when the database cannot be reached, and ready again when it can', async function () {
    // MariaDB behind a TCP relay the test can cut: the connector sees its database disappear.
    const db = await createMariaDatabase();
    const sockets = new Set<Socket>();
    let open = true;
    const relay = createServer((client) => {
      if (!open) return client.destroy();
      const upstream = connect(3306, '127.0.0.1');
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
    const relayPort = (relay.address() as AddressInfo).port;
    const viaRelay = db.url.replace(/@[^/]+\//, `@127.0.0.1:${relayPort}/`);
    const other = await startConnector({ databaseUrl: viaRelay });
    try {
      expect((await fetch(`${other.baseUrl}/readyz`)).status).to.equal(200);
      open = false;
      for (const s of sockets) s.destroy();
      const down = await fetch(`${other.baseUrl}/readyz`);
      expect(down.status).to.equal(503);
      expect(await down.json()).to.deep.equal({ status: 'unavailable', database: 'unreachable' });
      expect((await fetch(`${other.baseUrl}/healthz`)).status).to.equal(200);
      open = true;
      let again = 0;
      for (let i = 0; i < 20 && again !== 200; i++) {
        again = (await fetch(`${other.baseUrl}/readyz`)).status;
        if (again !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(again).to.equal(200);
    } finally {
      open = true;
      await other.close();
      relay.close();
      for (const s of sockets) s.destroy();
      await db.drop();
    }
  });
});
