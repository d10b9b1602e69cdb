/**
 * The open signing survives a dropped connection (issue 11, item 13): the clerk reads "… unterschreibt gerade"
 * while the citizen has a way to sign open. When the citizen's connection drops, the server closes the signing
 * for the clerk (test/video-service/casework/signing.test.ts); when the page is back, it announces the
 * still-open signing again by itself (casework/panel/case-client.ts `open()`) — the citizen clicks nothing.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { TestBrowser } from '../support/browser.ts';
import { fillRemaining, freeze, openTab } from './support/casework-ui.ts';
import {
  caseCall,
  installSocketRecorder,
  screenshot,
  startRoomService,
  waitFor,
  type CaseCall,
  type RoomService,
} from './support/room-ui.ts';

const SIGNING = /unterschreibt gerade/;
const WAITING = /Wartet auf die Unterschrift/;

/** The clerk's signing line as it reads now. */
const clerkSigningStatus = (clerk: Page): Promise<string> => clerk.getByTestId('clerk-signing-status').innerText();

/** Waits until the clerk's signing line matches `text`. */
async function clerkReads(clerk: Page, what: string, text: RegExp): Promise<string> {
  return waitFor(`the clerk to read ${what}`, async () => {
    const status = await clerkSigningStatus(clerk);
    return text.test(status) ? status : undefined;
  });
}

describe('casework: an open signing is announced again after the citizen reconnects', function () {
  this.timeout(180_000);
  let service: RoomService;
  let citizen: TestBrowser;
  let clerk: TestBrowser;
  let call: CaseCall | undefined;

  before(async () => {
    service = await startRoomService();
    call = await caseCall(service, {
      services: ['meldebescheinigung'],
      beforeJoin: (c) => installSocketRecorder(c.page),
    });
    ({ citizen, clerk } = call);
  });
  after(async () => {
    await call?.close();
    await service?.close();
  });

  it('the clerk\'s "is signing" goes with the dropped connection and comes back by itself', async () => {
    await openTab(clerk.page, 'form');
    await openTab(citizen.page, 'form');
    await citizen.page.locator('[data-testid="case-form"]').waitFor();
    await fillRemaining(citizen.page, clerk.page);
    await freeze(clerk.page, citizen.page);
    await openTab(clerk.page, 'documents');
    await clerkReads(clerk.page, 'the waiting signature', WAITING);

    await openTab(citizen.page, 'documents');
    const signing = citizen.page.getByTestId('signing');
    await signing.waitFor({ timeout: 10_000 });
    await signing.getByTestId('sign-method-draw').click();
    await clerkReads(clerk.page, '"is signing"', SIGNING);
    await screenshot(clerk.page, 'casework-sign-reconnect-clerk-signing');

    // The transport dies under the citizen's page (a network switch): every open WebSocket is closed.
    const cut = await citizen.page.evaluate(() => {
      const open = (window as unknown as { __vaSockets: WebSocket[] }).__vaSockets.filter(
        (socket) => socket.readyState === WebSocket.OPEN,
      );
      for (const socket of open) socket.close();
      return open.length;
    });
    expect(cut, 'an open signalling WebSocket was cut').to.be.greaterThan(0);
    await clerkReads(clerk.page, 'the signing closed with the connection', WAITING);

    // socket.io reconnects on its own; the page re-joins and announces the signing that is still open there.
    await clerkReads(clerk.page, '"is signing" again after the reconnect', SIGNING);
    expect(await signing.getByTestId('sign-method-draw').getAttribute('aria-pressed'), 'still open').to.equal('true');
    const sockets = await citizen.page.evaluate(
      () =>
        (window as unknown as { __vaSockets: WebSocket[] }).__vaSockets.filter(
          (socket) => socket.readyState === WebSocket.OPEN,
        ).length,
    );
    expect(sockets, 'the citizen is connected again').to.be.greaterThan(0);
  });
});
