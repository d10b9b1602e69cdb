/**
 * The per-address limit on new sessions, as a person meets it: an office where everyone shares one public
 * address opens many links at nine o'clock. The page that is turned away must say that it will try again by
 * itself (not that the service is unreachable, which sends people to check their internet), keep the link,
 * and open the room once the service lets it. The limit is the real one of the video service (one new session
 * per one-minute window); the test moves the service's clock and the page's clock (Playwright's fake timers)
 * past the window instead of waiting a real minute, so it takes seconds however loaded the machine is.
 */
import { expect } from 'chai';
import type { TestBrowser } from '../support/browser.ts';
import { launchRoomBrowser, screenshot, startRoomService, type RoomService, freshRoom } from './support/room-ui.ts';

/** The service's default rate-limit window. */
const WINDOW_MS = 60_000;

describe('room UI: too many new sessions from one address', function () {
  this.timeout(90_000);
  let service: RoomService;
  let first: TestBrowser;
  let second: TestBrowser;
  /** How far the service's clock has been moved ahead of the wall clock. */
  let serviceAhead = 0;

  before(async () => {
    service = await startRoomService(
      { SESSION_RATE_LIMIT_PER_MINUTE: '1' },
      { now: () => new Date(Date.now() + serviceAhead) },
    );
    [first, second] = [await launchRoomBrowser(), await launchRoomBrowser()];
  });
  after(async () => {
    await first?.close();
    await second?.close();
    await service?.close();
  });

  it('says the page will try again by itself, keeps the link, and opens the room when the service lets it', async () => {
    const room = freshRoom(service);
    // The clerk's page uses up the one session of the window (a clerk goes straight into the call, issue 13).
    await first.page.goto(service.joinUrl(room.clerk));
    await first.page.getByTestId('call-view').waitFor({ timeout: 15_000 });

    // Each session request as the page's own (fake) clock sees it, and what the service asked for.
    await second.page.clock.install();
    await second.page.addInitScript(() => {
      const attempts: number[] = [];
      (window as unknown as { sessionAttempts: number[] }).sessionAttempts = attempts;
      const original = window.fetch.bind(window);
      window.fetch = (input, init) => {
        const url = new URL(
          typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
          location.href,
        );
        if (url.pathname === '/api/session' && (init?.method ?? 'GET').toUpperCase() === 'POST')
          attempts.push(Date.now());
        return original(input, init);
      };
    });
    const retryAfter: string[] = [];
    second.page.on('response', (res) => {
      if (res.status() === 429 && new URL(res.url()).pathname === '/api/session')
        retryAfter.push(res.headers()['retry-after'] ?? '');
    });
    await second.page.goto(service.joinUrl(room.citizen));
    const message = second.page.getByTestId('error-message');
    await message.waitFor({ timeout: 15_000 });
    expect(await message.getAttribute('data-reason')).to.equal('busy');
    const text = await message.innerText();
    expect(text).to.match(/Einen Moment bitte/);
    expect(text).to.match(/von selbst erneut/);
    expect(text).not.to.match(/nicht erreichbar|Internetverbindung/);
    // The link's token has left the address bar all the same; the page keeps it in memory for the retry.
    expect(new URL(second.page.url()).hash).to.equal('');
    await screenshot(second.page, 'room-busy');
    expect(retryAfter).to.have.length(1);
    const askedMs = Number(retryAfter[0]) * 1000;
    expect(askedMs).to.be.within(1000, WINDOW_MS);

    // The window runs out on both sides at once; no click: the page comes back by itself.
    serviceAhead += WINDOW_MS;
    await second.page.clock.fastForward(WINDOW_MS);
    await second.page.getByTestId('device-check').waitFor({ timeout: 15_000 });
    expect(await second.page.getByTestId('error-message').count()).to.equal(0);
    // Two attempts: the one turned away and, after the wait the service asked for, the one let in — no hammering.
    const attempts = await second.page.evaluate(
      () => (window as unknown as { sessionAttempts: number[] }).sessionAttempts,
    );
    expect(attempts).to.have.length(2);
    // On the page's clock the retry waited at least what the service asked (and the page's 2 s floor).
    expect(attempts[1]! - attempts[0]!).to.be.at.least(Math.max(askedMs, 2_000));
  });
});
