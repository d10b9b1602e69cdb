import { expect } from 'chai';
import { DemoBookingServer } from '../../connector/src/demo/booking-server.ts';
import { loadDemoConfig } from '../../connector/src/demo/config.ts';
import { toWallTime } from '../../connector/src/domain/zoned-time.ts';
import {
  openDatabaseProbe,
  startConnector,
  waitForMail,
  type DatabaseProbe,
  type StartedConnector,
} from './support.ts';

describe('demo booking page', function () {
  this.timeout(30_000);
  let c: StartedConnector;
  let demo: DemoBookingServer;
  let demoUrl: string;
  let probe: DatabaseProbe;

  before(async () => {
    c = await startConnector();
    demo = new DemoBookingServer(
      loadDemoConfig({
        DEMO_PORT: '0',
        DEMO_HOST: '127.0.0.1',
        CONNECTOR_URL: c.baseUrl,
        GENERIC_WEBHOOK_SECRET: c.webhookSecret,
        LOG_LEVEL: 'silent',
      }),
    );
    demoUrl = await demo.listen();
    probe = await openDatabaseProbe(c.databaseUrl);
  });
  after(async () => {
    await probe?.close();
    await demo?.close();
    await demo?.close();
    await c?.close();
  });

  const inTenMinutes = () => toWallTime(new Date(Date.now() + 10 * 60_000), 'Europe/Berlin');

  it('shows an accessible form with the services from the catalogue', async () => {
    const res = await fetch(`${demoUrl}/`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-security-policy')).to.include("script-src 'self'");
    const html = await res.text();
    expect(html).to.include('<html lang="de">');
    expect(html).to.include('<label for="email">');
    expect(html).to.include('value="fuehrungszeugnis"');
    expect(html).to.include('<legend>Anliegen');
    const english = await (await fetch(`${demoUrl}/?lang=en`)).text();
    expect(english).to.include('<html lang="en">');
    expect(english).to.include('Certificate of good conduct');
  });

  it('posting the form books an appointment at the connector and shows its links', async () => {
    const [date, time] = inTenMinutes().split('T') as [string, string];
    const form = new URLSearchParams({
      lang: 'de',
      name: 'Demo Bürgerin',
      email: 'demo@example.org',
      date,
      time: time.slice(0, 5),
      duration: '45',
      locale: 'en',
    });
    form.append('services', 'anmeldung');
    form.append('services', 'meldebescheinigung');
    const before = await probe.count('appointments');
    const res = await fetch(`${demoUrl}/book`, { method: 'POST', body: form });
    expect(res.status).to.equal(200);
    const html = await res.text();
    const citizenLink = /href="([^"]+\/join#[^"]+)" id="link-citizen"/.exec(html)?.[1];
    expect(citizenLink).to.match(/\/join#ey/);
    expect(html).to.include(`href="${c.baseUrl}/dev/mailbox"`);

    expect(await probe.count('appointments')).to.equal(before + 1);
    const [row] = await probe.rows('appointments', { source: 'generic' });
    expect(String(row!.external_id)).to.match(/^demo-/);
    const start = new Date(row!.start_at as string).getTime();
    const end = new Date(row!.end_at as string).getTime();
    expect(end - start).to.equal(45 * 60_000);
    expect(toWallTime(new Date(start), 'Europe/Berlin').slice(0, 16)).to.equal(`${date}T${time.slice(0, 5)}`);

    const mail = await waitForMail(c.baseUrl, (m) => m.to[0] === 'demo@example.org');
    expect(mail.subject).to.match(/^Your video appointment/);
    expect(mail.text).to.include(citizenLink!);
  });

  it('re-shows the form with an error summary and books nothing when fields are missing', async () => {
    const before = await probe.count('appointments');
    const res = await fetch(`${demoUrl}/book`, {
      method: 'POST',
      body: new URLSearchParams({ lang: 'en', name: '', email: 'nope', date: '', time: '' }),
    });
    expect(res.status).to.equal(422);
    const html = await res.text();
    expect(html).to.include('role="alert"');
    expect(html).to.include('Please enter a valid e-mail address.');
    expect(html).to.include('aria-invalid="true"');
    expect(await probe.count('appointments')).to.equal(before);
  });

  it('reports a refused webhook (wrong secret) instead of pretending success', async () => {
    const wrong = new DemoBookingServer(
      loadDemoConfig({
        DEMO_PORT: '0',
        DEMO_HOST: '127.0.0.1',
        CONNECTOR_URL: c.baseUrl,
        GENERIC_WEBHOOK_SECRET: `whsec_${Buffer.alloc(32, 7).toString('base64')}`,
        LOG_LEVEL: 'silent',
      }),
    );
    const url = await wrong.listen();
    try {
      const [date, time] = inTenMinutes().split('T') as [string, string];
      const form = new URLSearchParams({
        name: 'X',
        email: 'x@example.org',
        services: 'anmeldung',
        date,
        time: time.slice(0, 5),
        duration: '30',
      });
      const res = await fetch(`${url}/book`, { method: 'POST', body: form });
      expect(res.status).to.equal(502);
      expect(await res.text()).to.include('401 bad_signature');
    } finally {
      await wrong.close();
    }
  });
});
