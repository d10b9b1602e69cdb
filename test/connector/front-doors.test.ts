import { expect } from 'chai';
import { startConnector, type StartedConnector } from './support.ts';

describe('the connector’s front door and its 404s', function () {
  this.timeout(60_000);
  let c: StartedConnector;

  before(async () => {
    c = await startConnector();
  });
  after(async () => {
    await c?.close();
  });

  it('the connector’s root is a page that leads to the workplace and tells citizens where their link is', async () => {
    const res = await fetch(`${c.baseUrl}/`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/html/);
    const html = await res.text();
    expect(html).to.include('href="/clerk"');
    expect(html).to.include('Bestätigungsmail').and.include('confirmation e-mail');
    expect(html.indexOf('Zum Arbeitsplatz')).to.be.lessThan(html.indexOf('Go to the workplace'));
  });

  it('answers unknown paths with JSON for API clients and with a page for browsers', async () => {
    const api = await fetch(`${c.baseUrl}/nowhere/at/all`);
    expect(api.status).to.equal(404);
    expect((await api.json()).error).to.equal('not_found');
    const json = await fetch(`${c.baseUrl}/nowhere/at/all`, { headers: { accept: 'application/json' } });
    expect((await json.json()).error).to.equal('not_found');
    const browser = await fetch(`${c.baseUrl}/nowhere/at/all`, {
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    expect(browser.status).to.equal(404);
    expect(browser.headers.get('content-type')).to.match(/^text\/html/);
    expect(await browser.text())
      .to.include('Seite nicht gefunden')
      .and.include('Page not found');
  });

  it('without CLERK_OIDC_ISSUER the sign-in answers a page saying it is not configured, and /clerk sends there', async () => {
    const login = await fetch(`${c.baseUrl}/clerk/login?returnTo=/clerk`, { redirect: 'manual' });
    expect(login.status).to.equal(503);
    expect(login.headers.get('content-type')).to.match(/^text\/html/);
    const html = await login.text();
    expect(html).to.include('nicht eingerichtet').and.include('not configured');
    const workplace = await fetch(`${c.baseUrl}/clerk`, { redirect: 'manual' });
    expect(workplace.status).to.equal(303);
    expect(workplace.headers.get('location')).to.equal('/clerk/login?returnTo=/clerk');
  });
});
