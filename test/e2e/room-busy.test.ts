/**
 * The per-address limit on new sessions, as a person meets it: an office where everyone shares one public
 * address opens many links at nine o'clock. The page that is turned away must say that it will try again by
 * itself (not that the service is unreachable, which sends people to check their internet), keep the link,
 * and open the room once the service lets it. The limit here is the real one of the video service, set to one
 * new session per five-second window (SESSION_RATE_LIMIT_WINDOW_SECONDS), so the test waits seconds, not a minute.
 */
import { expect } from 'chai';
import type { TestBrowser } from '../support/browser.ts';
import { launchRoomBrowser, screenshot, startRoomService, type RoomService, freshRoom } from './support/room-ui.ts';

/** The rate-limit window of this test's service. */
const WINDOW_S = 5;

describe('room UI: too many new sessions from one address', function () {
  this.timeout(90_000);
  let service: RoomService;
  let first: TestBrowser;
  let second: TestBrowser;

  before(async () => {
    service = await startRoomService({ SESSION_RATE_LIMIT_PER_MINUTE: '1', SESSION_RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_S) });
    [first, second] = [await launchRoomBrowser(), await launchRoomBrowser()];
  });
  after(async () => {
    await first?.close();
    await second?.close();
    await service?.close();
  });

  it('says the page will try again by itself, keeps the link, and opens the room when the service lets it', async () => {
    const room = freshRoom(service);
    await first.page.goto(service.joinUrl(room.clerk));
    await first.page.getByTestId('device-check').waitFor({ timeout: 15_000 });

    const attempts: number[] = [];
    second.page.on('request', (req) => {
      if (req.method() === 'POST' && new URL(req.url()).pathname === '/api/session') attempts.push(Date.now());
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

    // No click: the page comes back by itself after the service's Retry-After (the rest of its window).
    await second.page.getByTestId('device-check').waitFor({ timeout: 60_000 });
    expect(await second.page.getByTestId('error-message').count()).to.equal(0);
    // Two attempts: the one turned away and, after the wait the service asked for, the one let in — no hammering.
    expect(attempts).to.have.length(2);
    // The retry waited for what the service asked (Retry-After, at least the page's 2 s floor), not less:
    // a lower bound only, so a loaded machine cannot make it flake.
    expect(attempts[1]! - attempts[0]!).to.be.at.least(2_000);
  });
});
