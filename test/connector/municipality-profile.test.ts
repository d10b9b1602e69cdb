/**
 * Issue 11, item 18: the municipality profile, configured once (MUNICIPALITY_PROFILE), signs and sends the
 * citizen's mail — the sender, the signature, the contact block with imprint and privacy statement, and the
 * fee of each service in the mail (the fee the room charges) — and gives it the city's face: the header bar in
 * its colour with its coat of arms as an inline (cid:) image, the same on the connector's pages. Over real
 * SMTP; German and Turkish; a broken profile stops the start with the field that is wrong; without a file the
 * development city shows.
 */
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../connector/src/config.ts';
import { encodePng } from '../../video-service/scripts/draw-development-logo.ts';
import { startSmtpServer } from './mail-smtp-server.ts';
import { parseMail } from './mime.ts';
import { makeGenericPayload, postGenericWebhook, startConnector, type StartedConnector } from './support.ts';

const PROFILE = {
  name: 'Stadt Heidelberg – Bürgeramt Mitte',
  address: { street: 'Bergheimer Straße 69', postcode: '69115', city: 'Heidelberg' },
  phone: '+49 6221 58-13820',
  email: 'buergeramt@heidelberg.example',
  openingHours: { de: 'Mo–Fr 8–16 Uhr', tr: 'Pzt–Cum 08:00–16:00' },
  imprintUrl: 'https://www.heidelberg.example/impressum',
  privacyUrl: 'https://www.heidelberg.example/datenschutz',
  mailFrom: '"Bürgeramt Heidelberg" <buergeramt@heidelberg.example>',
  logo: 'wappen.png',
  logoAlt: { de: 'Wappen der Stadt Heidelberg', tr: 'Heidelberg şehrinin arması' },
  colours: { primary: '#7a1f2b', accent: '#e8b400' },
};
/** A red 40×50 "coat of arms". */
const LOGO = encodePng(40, 50, () => [164, 0, 15, 255]);

async function until<T>(get: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting for the mail');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the municipality profile in the citizen’s mail', function () {
  this.timeout(30_000);
  let dir: string;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let c: StartedConnector;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'va-profile-'));
    await writeFile(path.join(dir, 'profile.json'), JSON.stringify(PROFILE));
    await writeFile(path.join(dir, 'wappen.png'), LOGO);
    smtp = await startSmtpServer();
    c = await startConnector({
      env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MUNICIPALITY_PROFILE: path.join(dir, 'profile.json') },
    });
  });
  after(async () => {
    await c?.close();
    await smtp?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('comes from the office, is signed by it, names the fee and says how to reach it (German)', async () => {
    const payload = makeGenericPayload({
      appointment: {
        services: ['meldebescheinigung', 'anmeldung'],
        citizen: { name: 'Erika Mustermann', email: 'erika.p@example.org' },
      },
    });
    expect((await postGenericWebhook(c.baseUrl, c.webhookSecret, payload)).status).to.equal(200);
    const mail = await until(() => smtp.received.find((m) => m.to.includes('erika.p@example.org')));
    expect(mail.from, 'the profile’s sender').to.equal('buergeramt@heidelberg.example');
    const parsed = parseMail(mail.raw);
    expect(parsed.headers.from, 'the display name, MIME-encoded').to.include('=?UTF-8?Q?B=C3=BCrgeramt_Heidelberg?=');
    const text = parsed.leaves.find((l) => l.contentType.startsWith('text/plain'))!.body.replace(/\r\n/g, '\n');
    expect(text).to.include('Mit freundlichen Grüßen\nStadt Heidelberg – Bürgeramt Mitte');
    expect(text).not.to.include('Ihr Bürgeramt');
    expect(text).to.match(/Meldebescheinigung[^]*Gebühr: 5,00\s€/);
    expect(text.split('Gebühr:').length - 1, 'a fee only where there is one').to.equal(1);
    for (const line of [
      'Kontakt: Bergheimer Straße 69, 69115 Heidelberg',
      'Telefon: +49 6221 58-13820',
      'Öffnungszeiten: Mo–Fr 8–16 Uhr',
      'Impressum: https://www.heidelberg.example/impressum',
      'Datenschutzerklärung: https://www.heidelberg.example/datenschutz',
    ]) {
      expect(text).to.include(line);
    }
    const html = parsed.leaves.find((l) => l.contentType.startsWith('text/html'))!.body;
    expect(html).to.include('href="https://www.heidelberg.example/impressum"').and.include('href="tel:+4962215813820"');
  });

  it('opens the HTML part with the office’s bar in its colour and its coat of arms inline (cid:), the text part without', async () => {
    const payload = makeGenericPayload({
      appointment: { services: ['anmeldung'], citizen: { name: 'Lena Logo', email: 'lena.logo@example.org' } },
    });
    expect((await postGenericWebhook(c.baseUrl, c.webhookSecret, payload)).status).to.equal(200);
    const mail = await until(() => smtp.received.find((m) => m.to.includes('lena.logo@example.org')));
    const parsed = parseMail(mail.raw);
    expect(parsed.headers['content-type'], 'text and HTML with its image, the invitation beside').to.match(
      /^multipart\/mixed/,
    );
    expect(mail.raw).to.match(/Content-Type: multipart\/related/);
    const html = parsed.leaves.find((l) => l.contentType.startsWith('text/html'))!.body;
    const cid = /<img src="cid:([^"]+)" alt="Wappen der Stadt Heidelberg" width="38" height="48"/.exec(html)?.[1];
    expect(cid, 'the logo, with its alt text, 48 px high').to.be.a('string');
    expect(html).to.match(/<table role="presentation"[^>]*style="background:#7a1f2b;border-bottom:4px solid #e8b400/);
    expect(html, 'the join button in the office’s colour').to.include('background:#7a1f2b;color:#ffffff');
    const image = parsed.leaves.find((l) => l.contentType.startsWith('image/png'))!;
    expect(image.headers['content-id']).to.equal(`<${cid}>`);
    expect(image.headers['content-disposition']).to.match(/^inline/);
    expect(image.bytes.equals(LOGO), 'the profile’s PNG, byte for byte').to.equal(true);
    const text = parsed.leaves.find((l) => l.contentType.startsWith('text/plain'))!.body;
    expect(text).not.to.include('cid:');
    expect(text).not.to.include('Wappen');
  });

  it('speaks Turkish to a Turkish citizen, with the opening hours in Turkish', async () => {
    const payload = makeGenericPayload({
      appointment: {
        services: ['fuehrungszeugnis'],
        citizen: { name: 'Ayşe Yılmaz', email: 'ayse@example.org', locale: 'tr' },
      },
    });
    expect((await postGenericWebhook(c.baseUrl, c.webhookSecret, payload)).status).to.equal(200);
    const mail = await until(() => smtp.received.find((m) => m.to.includes('ayse@example.org')));
    const text = parseMail(mail.raw).leaves.find((l) => l.contentType.startsWith('text/plain'))!.body;
    expect(text)
      .to.include('Stadt Heidelberg – Bürgeramt Mitte')
      .and.include('Çalışma saatleri: Pzt–Cum 08:00–16:00')
      .and.include('İletişim: Bergheimer Straße 69');
    expect(text).to.match(/Ücret: €?\s?13,00/);
  });

  it('names the office with its contact, imprint and privacy statement on the citizen’s pages', async () => {
    for (const path of ['/', '/cancel']) {
      const res = await fetch(`${c.baseUrl}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status, path).to.equal(200);
      const html = await res.text();
      expect(html, path)
        .to.include('<footer class="va-footer">')
        .and.include('Stadt Heidelberg – Bürgeramt Mitte')
        .and.include('Bergheimer Straße 69, 69115 Heidelberg');
      expect(html, path)
        .to.include('href="https://www.heidelberg.example/impressum"')
        .and.include('href="https://www.heidelberg.example/datenschutz"');
      const logo =
        /<header class="va-brand-bar"><img class="va-brand-logo" src="([^"]+)" alt="Wappen der Stadt Heidelberg"/.exec(
          html,
        )?.[1];
      expect(logo, `${path}: the office’s bar with its logo`).to.match(/^\/brand\/logo-[0-9a-f]{16}\.png$/);
      const png = await fetch(`${c.baseUrl}${logo}`);
      expect([png.status, png.headers.get('content-type'), png.headers.get('cache-control')]).to.deep.equal([
        200,
        'image/png',
        'public, max-age=31536000, immutable',
      ]);
      expect(Buffer.from(await png.arrayBuffer()).equals(LOGO)).to.equal(true);
      const css = /<link rel="stylesheet" href="(\/brand\/brand-[0-9a-f]{16}\.css)">/.exec(html)?.[1];
      expect(await (await fetch(`${c.baseUrl}${css}`)).text())
        .to.include('--va-brand: #7a1f2b;')
        .and.include('--va-brand-accent: #e8b400;');
    }
    expect((await fetch(`${c.baseUrl}/brand/logo-0000000000000000.png`)).status, 'another hash').to.equal(404);
  });

  it('stops the start on a broken profile, naming the field; without a file the development city signs', async () => {
    await writeFile(
      path.join(dir, 'broken.json'),
      JSON.stringify({ ...PROFILE, address: { ...PROFILE.address, postcode: '!' } }),
    );
    expect(() => loadConfig({ MUNICIPALITY_PROFILE: path.join(dir, 'broken.json') })).to.throw(
      /MUNICIPALITY_PROFILE.*address\.postcode/,
    );
    expect(() => loadConfig({ MUNICIPALITY_PROFILE: path.join(dir, 'missing.json') })).to.throw(
      /MUNICIPALITY_PROFILE.*cannot read/,
    );
    const config = loadConfig({});
    expect(config.municipality.name).to.equal('Stadt Musterstadt – Bürgeramt');
    expect(config.mailFrom).to.equal('"Stadt Musterstadt – Bürgeramt" <no-reply@localhost>');
    expect(loadConfig({ MAIL_FROM: '"X" <x@example.org>' }).mailFrom, 'MAIL_FROM wins').to.equal('"X" <x@example.org>');
  });
});
