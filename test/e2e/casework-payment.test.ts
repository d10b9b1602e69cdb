/**
 * Fees paid in the room (issue 12), in two real Chromium with the sandbox provider: the clerk requests the
 * fee of a Meldebescheinigung; the citizen (a phone) pays on the test pay page in a NEW window while remote
 * video keeps being decoded on both sides; a double click opens one window and makes one payment; declined
 * → retry; a reload in the middle of a payment resumes (the pay page can be opened again); both see "paid";
 * the receipt downloads from the panel and verifies; in a second room the citizen abandons and switches to
 * an invoice, whose fee notice downloads. axe on the fees panel of both; screenshots
 * `.test-output/screenshots/fees-*.png` (clerk 1280×800, citizen 390×844).
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import type { VerifyResult } from '../../video-service/src/contract/casework.ts';
import type { TestBrowser } from '../support/browser.ts';
import { joinClaims, signJoinToken } from '../video-service/support.ts';
import { seriousViolations } from './support/axe.ts';
import { framesWithin, installMediaProbe, mediaReceived } from './support/media-probes.ts';
import { admit, citizenWaits, clerkJoins, launchRoomBrowser, screenshot, startRoomService, waitFor, type RoomService } from './support/room-ui.ts';

const REMOTE_VIDEO = '[data-testid="remote-video"]';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function openFees(page: Page): Promise<void> {
  if ((await page.getByTestId('case-panel').count()) === 0) await page.getByTestId('case-toggle').click();
  await page.getByTestId('case-tab-fees').click();
  await page.getByTestId('case-panel-fees').waitFor({ state: 'visible', timeout: 15_000 });
  await page.getByTestId('fees').waitFor({ timeout: 15_000 });
}

const stateOf = (page: Page) => page.getByTestId('payment-status').getAttribute('data-state', { timeout: 1000 }).catch(() => null);
const seesState = (page: Page, who: string, state: string) => waitFor(`${who} sees ${state}`, async () => ((await stateOf(page)) === state ? true : undefined), 15_000);

describe('fees paid in the room: request, pay in a new window, result on both sides', function () {
  this.timeout(300_000);
  let service: RoomService;
  let citizen: TestBrowser;
  let clerk: TestBrowser;

  async function enterRoom(services: string[]): Promise<string> {
    const room = `appt-${randomUUID()}`;
    const base = joinClaims({ room });
    const appt = { ...base.appt, title: 'Meldebescheinigung', services };
    const citizenClaims = joinClaims({ room, sub: `citizen-${room}`, name: 'Erika Mustermann', appt });
    const clerkClaims = joinClaims({ room, sub: `clerk-${room}`, role: 'clerk', name: 'Max Beispiel', appt });
    await clerkJoins(clerk.page, service.joinUrl(signJoinToken(service.key, clerkClaims)));
    await citizenWaits(citizen.page, service.joinUrl(signJoinToken(service.key, citizenClaims)));
    await admit(clerk.page, citizenClaims.sub, citizen.page);
    await openFees(clerk.page);
    await openFees(citizen.page);
    return room;
  }

  /** The next window the citizen's browser opens (the pay page). */
  const nextWindow = () => citizen.context.waitForEvent('page', { timeout: 15_000 });

  async function decide(payPage: Page, action: 'Bezahlen' | 'Ablehnen' | 'Abbrechen'): Promise<void> {
    await payPage.waitForURL(/\/pay\/sandbox\//, { timeout: 15_000 });
    await payPage.getByText('TEST – keine echte Zahlung').waitFor();
    await payPage.getByRole('button', { name: new RegExp(`^${action}`) }).click();
    await payPage.waitForURL(/\/payments\/return/, { timeout: 15_000 }).catch(async (error: unknown) => {
      await screenshot(payPage, 'fees-debug-paypage');
      throw new Error(`pay page stuck at ${payPage.url()}: ${String(error)}`);
    });
    await payPage.close();
  }

  async function verify(bytes: Buffer): Promise<VerifyResult> {
    const res = await fetch(`${service.video.baseUrl}/api/documents/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: bytes as unknown as BodyInit });
    return (await res.json()) as VerifyResult;
  }

  async function download(page: Page, testId: string): Promise<Buffer> {
    const [file] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.getByTestId(testId).click()]);
    return readFile((await file.path())!);
  }

  before(async () => {
    // The pay page's address is built from PUBLIC_URL, so the service listens on a port known beforehand.
    const port = await freePort();
    service = await startRoomService({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, PAYMENT_PROVIDERS: 'sandbox,invoice', PAYMENT_INVOICE_IBAN: 'DE02120300000000202051' });
    [citizen, clerk] = [await launchRoomBrowser({ phone: true, viewport: { width: 390, height: 844 } }), await launchRoomBrowser()];
    for (const b of [citizen, clerk]) await installMediaProbe(b.page, { frames: [REMOTE_VIDEO] });
  });
  after(async () => {
    await citizen?.close();
    await clerk?.close();
    await service?.close();
  });

  it('declined, retried, reloaded mid-payment, paid: one window per click, video goes on, the receipt verifies', async () => {
    await enterRoom(['meldebescheinigung']);
    expect(await clerk.page.getByTestId('fee-item').getAttribute('data-amount')).to.equal('500');
    expect(await citizen.page.getByTestId('payment-pay').count(), 'nothing to pay before the clerk asks').to.equal(0);
    await clerk.page.getByTestId('payment-request').click();
    await seesState(citizen.page, 'the citizen', 'open');
    await seesState(clerk.page, 'the clerk', 'open');
    await screenshot(clerk.page, 'fees-clerk-requested');
    await screenshot(citizen.page, 'fees-citizen-requested');
    expect(await seriousViolations(clerk.page, 'fees panel (clerk)'), 'axe-core clerk').to.deep.equal([]);
    expect(await seriousViolations(citizen.page, 'fees panel (citizen, phone)'), 'axe-core citizen').to.deep.equal([]);

    // A double click: one window, one payment.
    const windows: Page[] = [];
    const count = (p: Page) => windows.push(p);
    citizen.context.on('page', count);
    const first = nextWindow();
    await citizen.page.getByTestId('payment-pay').dblclick();
    const payPage = await first;
    await seesState(citizen.page, 'the citizen', 'pending');
    await seesState(clerk.page, 'the clerk', 'pending');
    citizen.context.off('page', count);
    expect(windows, 'one pay window for a double click').to.have.length(1);
    // The call goes on while the pay page is open: remote video frames keep being decoded on both sides.
    for (const [page, who] of [[clerk.page, 'clerk'], [citizen.page, 'citizen']] as const) {
      const before = (await mediaReceived(page)).videoFramesDecoded;
      await waitFor(`${who}: frames decoded while paying`, async () => ((await mediaReceived(page)).videoFramesDecoded > before ? true : undefined), 10_000);
    }
    expect(await framesWithin(clerk.page, REMOTE_VIDEO, 1000), 'the clerk still sees the citizen').to.be.greaterThan(0);
    await screenshot(citizen.page, 'fees-citizen-pending');
    await decide(payPage, 'Ablehnen');
    await seesState(citizen.page, 'the citizen', 'failed');
    await seesState(clerk.page, 'the clerk', 'failed');
    await screenshot(citizen.page, 'fees-citizen-failed');

    // Retry, then reload the room in the middle of the payment: the panel resumes at "pending".
    const second = nextWindow();
    await citizen.page.getByTestId('payment-pay').click();
    const abandoned = await second;
    await seesState(citizen.page, 'the citizen', 'pending');
    await abandoned.close();
    await citizen.page.reload();
    await citizen.page.getByTestId('call-view').waitFor({ timeout: 20_000 });
    await openFees(citizen.page);
    await seesState(citizen.page, 'the citizen after the reload', 'pending');
    const third = nextWindow();
    await citizen.page.getByTestId('payment-reopen').click();
    await decide(await third, 'Bezahlen');
    await seesState(citizen.page, 'the citizen', 'paid');
    await seesState(clerk.page, 'the clerk', 'paid');
    await screenshot(clerk.page, 'fees-clerk-paid');
    await screenshot(citizen.page, 'fees-citizen-paid');

    // The receipt: in the fees panel and among the documents; it verifies.
    await citizen.page.getByTestId('payment-document').waitFor({ timeout: 15_000 });
    const receipt = await download(citizen.page, 'payment-document');
    expect(receipt.subarray(0, 5).toString()).to.equal('%PDF-');
    expect(await verify(receipt)).to.include({ valid: true, reason: 'untouched' });
    await clerk.page.getByTestId('case-tab-documents').click();
    await waitFor('the receipt among the clerk\'s documents', async () =>
      /Zahlungsbestätigung/.test(await clerk.page.getByTestId('case-panel-documents').innerText()) ? true : undefined);
    expect(await seriousViolations(citizen.page, 'fees panel paid (citizen)'), 'axe-core').to.deep.equal([]);
  });

  it('abandoned, then switched to an invoice: the fee notice downloads', async () => {
    await enterRoom(['meldebescheinigung']);
    await clerk.page.getByTestId('payment-request').click();
    await seesState(citizen.page, 'the citizen', 'open');
    const opened = nextWindow();
    await citizen.page.getByTestId('payment-pay').click();
    await decide(await opened, 'Abbrechen');
    await seesState(citizen.page, 'the citizen', 'cancelled');
    await seesState(clerk.page, 'the clerk', 'cancelled');
    await citizen.page.getByTestId('payment-invoice').click();
    await seesState(citizen.page, 'the citizen', 'invoiced');
    await seesState(clerk.page, 'the clerk', 'invoiced');
    await screenshot(citizen.page, 'fees-citizen-invoiced');
    const notice = await download(citizen.page, 'payment-document');
    expect(await verify(notice)).to.include({ valid: true });
  });
});
