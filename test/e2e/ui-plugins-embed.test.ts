import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';

const bundle = path.resolve(import.meta.dirname, '../../ui-plugins/dist/va-embed.js');

describe('ui-plugins embed script in a scheduler page', function () {
  this.timeout(30_000);
  let server: Server;
  let base: string;
  let browser: TestBrowser;

  before(async () => {
    const script = await readFile(bundle, 'utf8');
    server = createServer((req, res) => {
      if (req.url === '/va-embed.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
        return;
      }
      const lang = req.url?.includes('en') ? 'en' : 'de';
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          `<!doctype html><html lang="${lang}"><body><p>10:00 Anmeldung</p>` +
            `<va-video-link href="http://127.0.0.1:1/join#tok"></va-video-link><script src="/va-embed.js"></script></body></html>`,
        );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('renders an accessible German link that opens the room without a referrer', async () => {
    await browser.page.goto(`${base}/de`);
    const link = browser.page.getByRole('link', { name: /Video-Termin öffnen/ });
    expect(await link.getAttribute('href')).to.equal('http://127.0.0.1:1/join#tok');
    expect(await link.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(await link.getAttribute('target')).to.equal('_blank');
  });

  it('speaks English on an English page', async () => {
    await browser.page.goto(`${base}/en`);
    expect(await browser.page.getByRole('link', { name: /Open video appointment/ }).count()).to.equal(1);
  });
});
