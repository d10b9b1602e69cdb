import { expect } from 'chai';
import { createSigningKey, startVideoService, type StartedVideoService } from './support.ts';

describe('the video service’s front door and its 404s', function () {
  this.timeout(60_000);
  let video: StartedVideoService;
  before(async () => {
    video = await startVideoService({ keys: [createSigningKey()] });
  });
  after(() => video?.close());

  it('the root says what the server is and links to the verification page', async () => {
    const res = await fetch(`${video.baseUrl}/`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/html/);
    const html = await res.text();
    expect(html).to.include('href="/verify"');
    expect(html).to.include('Video-Termine').and.include('Video appointments');
    expect((await fetch(`${video.baseUrl}/verify`)).status).to.equal(200);
  });

  it('unknown paths: JSON for API clients, a page for browsers', async () => {
    const api = await fetch(`${video.baseUrl}/nowhere/at/all`);
    expect(api.status).to.equal(404);
    expect(await api.json()).to.deep.equal({ error: 'not_found', message: 'Not found' });
    const browser = await fetch(`${video.baseUrl}/nowhere/at/all`, {
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    expect(browser.status).to.equal(404);
    expect(browser.headers.get('content-type')).to.match(/^text\/html/);
    expect(await browser.text())
      .to.include('Seite nicht gefunden')
      .and.include('Page not found');
  });
});
