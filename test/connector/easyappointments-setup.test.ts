import { expect } from 'chai';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import {
  eaRow,
  fillFake,
  localIn,
  postEasyAppointments,
  startFakeEasyAppointments,
  type FakeEasyAppointments,
} from './easyappointments-fake.ts';
import {
  openDatabaseProbe,
  startConnector,
  waitForMail,
  type DatabaseProbe,
  type StartedConnector,
} from './support.ts';

const SECRET = 'ea_9f8e7d6c5b4a39281706f5e4d3c2b1a0_webhook';
const API_KEY = 'ea-api-key-0123456789';
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as any;
let nextId = 5000;
const newId = () => nextId++;

for (const { kind, create } of DATABASES) {
  describe(`Easy!Appointments webhook, other API set-ups (${kind})`, function () {
    this.timeout(30_000);
    let db: TestDatabase;
    let probe: DatabaseProbe;
    let fake: FakeEasyAppointments;
    const started: StartedConnector[] = [];
    const basic = `Basic ${Buffer.from('admin:geheim 123').toString('base64')}`;

    before(async () => {
      db = await create();
      probe = await openDatabaseProbe(db.url);
      fake = await startFakeEasyAppointments(basic);
      fillFake(fake);
    });
    after(async () => {
      for (const c of started) await c.close();
      await probe?.close();
      await fake?.close();
      await db?.drop();
    });
    const start = async (env: Record<string, string>) => {
      const c = await startConnector({
        databaseUrl: db.url,
        webhookSecret: null,
        env: { EASYAPPOINTMENTS_WEBHOOK_SECRET: SECRET, ...env },
      });
      started.push(c);
      return c;
    };

    it('without EASYAPPOINTMENTS_API_URL stores the appointment without the citizen address, sends no mail, answers the links', async () => {
      const c = await start({});
      const id = newId();
      const res = await postEasyAppointments(c.baseUrl, SECRET, {
        action: 'appointment_save',
        payload: eaRow(id, localIn(3, '10:00'), localIn(3, '10:30')),
      });
      expect(res.status).to.equal(200);
      expect(Object.keys(res.body.links).sort()).to.deep.equal(['cancel', 'citizen', 'clerk', 'ics']);
      const [row] = await probe.rows('appointments', { external_id: String(id) });
      expect(json(row!.citizen)).to.deep.equal({ name: 'Kundin/Kunde Nr. 17', email: '' });
      expect(row!.title).to.equal('Video-Termin');
      expect(json(row!.services)).to.deep.equal([]);
      expect(await probe.count('mail_outbox', { appointment_id: res.body.appointmentId })).to.equal(0);
      await c.close();
    });

    it('looks the customer up with Basic authentication (admin login)', async () => {
      const c = await start({
        EASYAPPOINTMENTS_API_URL: `${fake.url}/index.php/api/v1`,
        EASYAPPOINTMENTS_API_USER: 'admin',
        EASYAPPOINTMENTS_API_PASSWORD: 'geheim 123',
        ALLOW_PRIVATE_TARGETS: 'true',
      });
      const id = newId();
      const res = await postEasyAppointments(c.baseUrl, SECRET, {
        action: 'appointment_save',
        payload: eaRow(id, localIn(3, '10:00'), localIn(3, '10:30')),
      });
      expect(res.status).to.equal(200);
      const [row] = await probe.rows('appointments', { external_id: String(id) });
      expect(json(row!.citizen).email).to.equal('erika@example.org');
      expect(fake.requests.at(-1)!.authorization).to.equal(basic);
      await waitForMail(c.baseUrl, (m) => m.text.includes(res.body.links.citizen));
      await c.close();
    });

    it('does not call a loopback API unless ALLOW_PRIVATE_TARGETS=true, and stores the appointment without the address', async () => {
      const c = await start({
        EASYAPPOINTMENTS_API_URL: fake.url,
        EASYAPPOINTMENTS_API_USER: 'admin',
        EASYAPPOINTMENTS_API_PASSWORD: 'geheim 123',
      });
      const callsBefore = fake.requests.length;
      const id = newId();
      const res = await postEasyAppointments(c.baseUrl, SECRET, {
        action: 'appointment_save',
        payload: eaRow(id, localIn(3, '10:00'), localIn(3, '10:30')),
      });
      expect(res.status).to.equal(200);
      expect(fake.requests.length).to.equal(callsBefore);
      const [row] = await probe.rows('appointments', { external_id: String(id) });
      expect(json(row!.citizen).email).to.equal('');
      await c.close();
    });
  });
}

describe('Easy!Appointments webhook without EASYAPPOINTMENTS_WEBHOOK_SECRET', function () {
  this.timeout(30_000);
  let c: StartedConnector;
  before(async () => {
    c = await startConnector({ webhookSecret: null });
  });
  after(() => c?.close());

  it('answers 503 not_configured for any path secret', async () => {
    const res = await postEasyAppointments(c.baseUrl, SECRET, {
      action: 'appointment_save',
      payload: eaRow(1, localIn(3, '10:00'), localIn(3, '10:30')),
    });
    expect(res.status).to.equal(503);
    expect(res.body.error).to.equal('not_configured');
  });
});

describe('Easy!Appointments configuration', () => {
  it('reads the EASYAPPOINTMENTS_* keys and refuses bad values naming the key', async () => {
    const { loadConfig } = await import('../../connector/src/config.ts');
    const ok = loadConfig({
      EASYAPPOINTMENTS_WEBHOOK_SECRET: SECRET,
      EASYAPPOINTMENTS_API_URL: 'https://termine.example.org/',
      EASYAPPOINTMENTS_API_KEY: API_KEY,
      EASYAPPOINTMENTS_SERVICE_MAP: '{"3":["anmeldung"]}',
    });
    expect(ok.easyAppointmentsWebhookSecret).to.equal(SECRET);
    expect(ok.easyAppointmentsApiUrl).to.equal('https://termine.example.org');
    expect(ok.easyAppointmentsApiKey).to.equal(API_KEY);
    expect(ok.easyAppointmentsServiceMap).to.deep.equal({ 3: ['anmeldung'] });
    expect(loadConfig({}).easyAppointmentsServiceMap).to.equal(undefined);
    expect(() => loadConfig({ EASYAPPOINTMENTS_WEBHOOK_SECRET: 'too-short' })).to.throw(
      /EASYAPPOINTMENTS_WEBHOOK_SECRET/,
    );
    expect(() => loadConfig({ EASYAPPOINTMENTS_WEBHOOK_SECRET: `${SECRET}/../x` })).to.throw(
      /EASYAPPOINTMENTS_WEBHOOK_SECRET/,
    );
    expect(() => loadConfig({ EASYAPPOINTMENTS_API_URL: 'ftp://termine.example.org' })).to.throw(
      /EASYAPPOINTMENTS_API_URL/,
    );
    expect(() => loadConfig({ EASYAPPOINTMENTS_SERVICE_MAP: '[1,2]' })).to.throw(/EASYAPPOINTMENTS_SERVICE_MAP/);
  });
});
