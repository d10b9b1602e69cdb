/**
 * Casework in the room between two real Chromium instances (citizen and clerk, peer-to-peer, fake
 * devices): the agenda on both sides, the ID check guided on the citizen's side with a still grabbed and
 * zoomed on the clerk's side (never uploaded), both typing into the same form and seeing each other, a
 * reload mid-form losing nothing, freezing, signing by drawing and by Hidden-TAN, downloading the sealed
 * PDF and verifying it, and a file uploaded on one side appearing on the other. Screenshots go to
 * .test-output/screenshots/casework-*.png.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page, Request } from 'playwright-core';
import type { TestBrowser } from '../support/browser.ts';
import { joinClaims, signJoinToken } from '../video-service/support.ts';
import { pngImage } from '../video-service/casework/signatures.ts';
import {
  admit,
  citizenWaits,
  clerkJoins,
  launchRoomBrowser,
  overflowsSideways,
  screenshot,
  seesVideoOf,
  startRoomService,
  unlabelledControls,
  waitFor,
  type RoomService,
} from './support/room-ui.ts';
import { fieldInput, fillRemaining, openTab, pickForm } from './support/casework-ui.ts';

const SERVICES = ['meldebescheinigung', 'lebensbescheinigung'];

/**
 * Lets the test hold back what the server sends to this page (`window.__vaHold = true`) and deliver it
 * later in order (`window.__vaRelease()`): two people writing the same field "at the same moment".
 * Before the page loads.
 */
async function installIncomingHold(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __vaHold: boolean; __vaRelease: () => void };
    const queue: Array<() => void> = [];
    w.__vaHold = false;
    w.__vaRelease = () => {
      w.__vaHold = false;
      for (const deliver of queue.splice(0)) deliver();
    };
    const Original = window.WebSocket;
    window.WebSocket = class extends Original {
      override set onmessage(handler: ((event: MessageEvent) => void) | null) {
        super.onmessage =
          handler &&
          ((event: MessageEvent) =>
            w.__vaHold ? queue.push(() => handler.call(this, event)) : handler.call(this, event));
      }
      override get onmessage(): ((event: MessageEvent) => void) | null {
        return super.onmessage;
      }
    } as typeof WebSocket;
  });
}

/** Tokens of a fresh room whose appointment books `services`. */
function caseworkTokens(service: RoomService): { citizen: string; clerk: string; citizenId: string; clerkId: string } {
  const room = `appt-${randomUUID()}`;
  const base = joinClaims({ room });
  const appt = { ...base.appt, title: 'Meldebescheinigung und Lebensbescheinigung', services: SERVICES };
  const citizen = joinClaims({ room, sub: `citizen-${room}`, name: 'Erika Mustermann', appt });
  const clerk = joinClaims({ room, sub: `clerk-${room}`, role: 'clerk', name: 'Max Beispiel', appt });
  return {
    citizen: signJoinToken(service.key, citizen),
    clerk: signJoinToken(service.key, clerk),
    citizenId: citizen.sub,
    clerkId: clerk.sub,
  };
}

const input = fieldInput;

async function valueOf(page: Page, path: string): Promise<string> {
  return input(page, path).inputValue();
}

/** Waits until `page` shows `expected` in the field at `path`. */
async function shows(page: Page, path: string, expected: string, who: string): Promise<void> {
  await waitFor(
    `${who} to see ${path} = ${expected}`,
    async () => ((await valueOf(page, path)) === expected ? true : undefined),
    10_000,
  );
}

async function documentStatus(page: Page, service: string): Promise<string | null> {
  const titles = { meldebescheinigung: 'Meldebescheinigung', lebensbescheinigung: 'Lebensbescheinigung' } as Record<
    string,
    string
  >;
  const row = page.locator('[data-testid="document"]', { hasText: titles[service]! });
  return (await row.count()) > 0 ? row.first().getAttribute('data-status') : null;
}

describe('casework in the room: the whole journey between citizen and clerk', function () {
  this.timeout(240_000);
  let service: RoomService;
  let citizen: TestBrowser;
  let clerk: TestBrowser;
  let ids: ReturnType<typeof caseworkTokens>;
  const clerkRequests: Request[] = [];

  before(async () => {
    service = await startRoomService();
    ids = caseworkTokens(service);
    [citizen, clerk] = [await launchRoomBrowser(), await launchRoomBrowser()];
    clerk.page.on('request', (request) => clerkRequests.push(request));
    await installIncomingHold(clerk.page);
    await clerkJoins(clerk.page, service.joinUrl(ids.clerk));
    await citizenWaits(citizen.page, service.joinUrl(ids.citizen));
    await admit(clerk.page, ids.citizenId, citizen.page);
  });
  after(async () => {
    await citizen?.close();
    await clerk?.close();
    await service?.close();
  });

  it('shows the booked services as the same agenda to both; the clerk ticks an item and the citizen sees it', async () => {
    for (const [page, who] of [
      [citizen.page, 'citizen'],
      [clerk.page, 'clerk'],
    ] as const) {
      await page.getByTestId('case-panel').waitFor({ timeout: 15_000 });
      await page.getByTestId('agenda').waitFor({ timeout: 15_000 });
      const services = await page
        .getByTestId('agenda-service')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-service')));
      expect(services, `${who}: agenda services`).to.deep.equal(SERVICES);
    }
    expect(await citizen.page.getByTestId('agenda-done').count(), 'the citizen cannot tick').to.equal(0);
    const item = clerk.page.locator('[data-testid="agenda-item"]', { hasText: 'Bitte bereithalten' }).first();
    const itemId = await item.getAttribute('data-item');
    await item.getByTestId('agenda-done').click();
    await waitFor('the citizen to see the item done', async () =>
      (await citizen.page.locator(`[data-testid="agenda-item"][data-item="${itemId}"]`).getAttribute('data-state')) ===
      'done'
        ? true
        : undefined,
    );
    expect(await unlabelledControls(citizen.page), 'every control has a name').to.deep.equal([]);
  });

  it('guides the citizen through the ID check while the clerk grabs a still that is never uploaded', async () => {
    await seesVideoOf(clerk.page, 'clerk', ids.citizenId);
    await openTab(clerk.page, 'idcheck');
    await openTab(citizen.page, 'idcheck');
    await clerk.page.getByTestId('idcheck-type').selectOption('personalausweis');
    await clerk.page.getByTestId('idcheck-start').click();
    const guidance = citizen.page.getByTestId('idcheck-guidance');
    await guidance.waitFor({ timeout: 10_000 });
    expect(await guidance.innerText()).to.match(/Vorderseite/);
    await clerk.page.locator('[data-testid="idcheck-step"][data-step="back"]').click();
    await waitFor('the citizen to be asked for the back', async () =>
      /Rückseite/.test(await guidance.innerText()) ? true : undefined,
    );
    await clerk.page.locator('[data-testid="idcheck-step"][data-step="tilt"]').click();
    await waitFor('the citizen to be asked to tilt', async () =>
      (await citizen.page.getByTestId('idcheck').getAttribute('data-step')) === 'tilt' ? true : undefined,
    );

    const before = clerkRequests.length;
    await clerk.page.getByTestId('idcheck-capture').click();
    const still = await clerk.page.getByTestId('idcheck-still').evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let lit = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! + data[i + 1]! + data[i + 2]! > 30) lit += 1;
      return { width: canvas.width, height: canvas.height, lit };
    });
    const video = await clerk.page
      .locator(`[data-testid="remote-video"][data-participant="${ids.citizenId}"]`)
      .evaluate((v: HTMLVideoElement) => ({ width: v.videoWidth, height: v.videoHeight }));
    expect(still.width, 'full resolution of the remote video').to.equal(video.width);
    expect(still.height).to.equal(video.height);
    expect(still.lit, 'non-blank pixels').to.be.greaterThan((still.width * still.height) / 10);
    await clerk.page.getByTestId('idcheck-zoom').fill('2');
    await clerk.page.getByTestId('idcheck-capture').scrollIntoViewIfNeeded();
    await screenshot(clerk.page, 'casework-idcheck-still');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = clerkRequests.slice(before);
    expect(
      after
        .filter((r) => r.method() !== 'GET' || r.url().includes('/api/casework/files'))
        .map((r) => `${r.method()} ${r.url()}`),
      'nothing uploaded',
    ).to.deep.equal([]);

    await clerk.page.locator('[data-testid="idcheck-step"][data-step="review"]').click();
    for (const box of await clerk.page.getByTestId('idcheck-item').all()) await box.check();
    for (const answer of await clerk.page.getByTestId('idcheck-correct').all()) await answer.click();
    await waitFor('all four ticks stored', async () =>
      (await clerk.page.locator('[data-testid="idcheck-item"][data-stored="true"]').count()) === 4 ? true : undefined,
    );
    await clerk.page.getByTestId('idcheck-last4').fill('t47x');
    expect(await unlabelledControls(clerk.page), 'every ID-check control has a name').to.deep.equal([]);
    await screenshot(clerk.page, 'casework-idcheck-clerk');
    await clerk.page.getByTestId('idcheck-verified').click();
    await waitFor('the check verified', async () =>
      (await clerk.page.getByTestId('idcheck').getAttribute('data-status')) === 'verified' ? true : undefined,
    );
    expect(await clerk.page.getByTestId('idcheck-result').innerText()).to.include('T47X');
    await waitFor('the citizen told', async () =>
      (await citizen.page.getByTestId('idcheck').getAttribute('data-status')) === 'verified' ? true : undefined,
    );
  });

  it('lets both type into the same form: each sees the other’s value and who is editing', async () => {
    await pickForm(citizen.page, 'meldebescheinigung');
    await pickForm(clerk.page, 'meldebescheinigung');
    expect(await valueOf(citizen.page, 'familienname'), 'prefilled from the booking').to.equal('Mustermann');

    await input(citizen.page, 'anschrift.street').click();
    await input(citizen.page, 'anschrift.street').pressSequentially('Hauptstraße', { delay: 20 });
    await clerk.page
      .locator(`[data-testid="field-presence"][data-participant="${ids.citizenId}"]`)
      .waitFor({ timeout: 10_000 });
    await shows(clerk.page, 'anschrift.street', 'Hauptstraße', 'the clerk');

    await input(clerk.page, 'anschrift.city').click();
    await input(clerk.page, 'anschrift.city').pressSequentially('Saarbrücken', { delay: 20 });
    await citizen.page
      .locator(`[data-testid="field-presence"][data-participant="${ids.clerkId}"]`)
      .waitFor({ timeout: 10_000 });
    await shows(citizen.page, 'anschrift.city', 'Saarbrücken', 'the citizen');
    await clerk.page.locator('[data-testid="form-field"][data-path="anschrift"]').scrollIntoViewIfNeeded();
    await screenshot(clerk.page, 'casework-form-coediting');
    expect(await unlabelledControls(clerk.page), 'every form control has a name').to.deep.equal([]);
    await input(clerk.page, 'anschrift.city').blur();

    await input(citizen.page, 'anschrift.postcode').fill('661');
    await input(citizen.page, 'anschrift.postcode').blur();
    const issue = citizen.page.locator('[data-testid="field-issue"][data-code="invalid_postcode"]');
    await issue.waitFor({ timeout: 10_000 });
    const describedBy = await input(citizen.page, 'anschrift.postcode').getAttribute('aria-describedby');
    expect(describedBy, 'the message is linked to the field').to.equal(await issue.getAttribute('id'));
    expect(await input(citizen.page, 'vermerk_behoerde').isDisabled(), 'office notes are not the citizen’s').to.equal(
      true,
    );
  });

  it('resolves two writes of one field the same way on both sides, and says whose entry was replaced', async () => {
    await clerk.page.evaluate(() => {
      (window as unknown as { __vaHold: boolean }).__vaHold = true;
    });
    await input(citizen.page, 'anschrift.addition').fill('Hinterhaus');
    await input(citizen.page, 'anschrift.addition').blur();
    await new Promise((resolve) => setTimeout(resolve, 800));
    await input(clerk.page, 'anschrift.addition').fill('Seitenflügel');
    await input(clerk.page, 'anschrift.addition').blur();
    await new Promise((resolve) => setTimeout(resolve, 800));
    await clerk.page.evaluate(() => (window as unknown as { __vaRelease: () => void }).__vaRelease());

    await shows(citizen.page, 'anschrift.addition', 'Seitenflügel', 'the citizen');
    await shows(clerk.page, 'anschrift.addition', 'Seitenflügel', 'the clerk');
    const citizenNotice = citizen.page.locator('[data-path="anschrift"] [data-testid="field-conflict"]');
    const clerkNotice = clerk.page.locator('[data-path="anschrift"] [data-testid="field-conflict"]');
    await citizenNotice.waitFor({ timeout: 10_000 });
    await clerkNotice.waitFor({ timeout: 10_000 });
    expect(await citizenNotice.innerText()).to.equal(
      'Ihr Eintrag „Hinterhaus“ wurde durch den Eintrag von Max Beispiel ersetzt.',
    );
    expect(await clerkNotice.innerText()).to.equal(
      'Der Eintrag „Hinterhaus“ von Erika Mustermann wurde durch Ihren ersetzt.',
    );
    await clerkNotice.scrollIntoViewIfNeeded();
    await screenshot(clerk.page, 'casework-form-conflict');
  });

  it('keeps every value after the citizen reloads mid-form', async () => {
    await input(citizen.page, 'anschrift.postcode').fill('66111');
    await input(citizen.page, 'geburtsdatum').fill('1980-02-29');
    await input(citizen.page, 'anschrift.houseNumber').fill('12a');
    await shows(clerk.page, 'geburtsdatum', '1980-02-29', 'the clerk');
    await shows(clerk.page, 'anschrift.houseNumber', '12a', 'the clerk');
    await shows(clerk.page, 'anschrift.postcode', '66111', 'the clerk');

    await citizen.page.reload();
    await citizen.page.getByTestId('call-view').waitFor({ timeout: 20_000 });
    await citizen.page.getByTestId('case-panel').waitFor({ timeout: 15_000 });
    await pickForm(citizen.page, 'meldebescheinigung');
    const expected = {
      familienname: 'Mustermann',
      geburtsdatum: '1980-02-29',
      'anschrift.street': 'Hauptstraße',
      'anschrift.houseNumber': '12a',
      'anschrift.postcode': '66111',
      'anschrift.city': 'Saarbrücken',
    };
    for (const [path, value] of Object.entries(expected))
      expect(await valueOf(citizen.page, path), path).to.equal(value);
  });

  it('freezes the completed form; the citizen reviews it and signs by drawing; both see it sealed', async () => {
    await clerk.page.getByTestId('form-freeze').click();
    const focused = await waitFor('the first missing entry focused', async () =>
      clerk.page
        .evaluate(() =>
          document.activeElement?.getAttribute('aria-invalid') === 'true'
            ? document.activeElement.getAttribute('data-path')
            : null,
        )
        .then((path) => path ?? undefined),
    );
    expect(focused, 'a field still missing').to.be.a('string');
    expect(
      await clerk.page.locator('[data-testid="case-form"]').getAttribute('data-status'),
      'not frozen while incomplete',
    ).to.equal('open');
    await fillRemaining(citizen.page, clerk.page);
    await clerk.page.getByTestId('form-freeze').click();
    await waitFor('the form frozen for the citizen', async () =>
      (await citizen.page.locator('[data-testid="case-form"]').getAttribute('data-status')) === 'frozen'
        ? true
        : undefined,
    );
    expect(await input(citizen.page, 'anschrift.street').isDisabled(), 'no edits after freezing').to.equal(true);

    // The clerk waits for the signature; they read "is signing" only once the citizen opens the signing.
    await openTab(clerk.page, 'documents');
    const clerkStatus = clerk.page.getByTestId('clerk-signing-status');
    await clerkStatus.waitFor({ timeout: 10_000 });
    expect(await clerkStatus.innerText()).to.include('Wartet auf die Unterschrift');
    // What is asked next is in view on the form tab, and leads straight to the signing (issue 11, item 13).
    const prompt = citizen.page.getByTestId('sign-prompt');
    await prompt.waitFor({ timeout: 10_000 });
    expect(await prompt.innerText()).to.include('Jetzt unterschreiben');
    await screenshot(citizen.page, 'casework-sign-prompt');
    await prompt.getByTestId('sign-prompt-go').click();
    const signing = citizen.page.getByTestId('signing');
    await signing.waitFor({ timeout: 10_000 });
    await waitFor('the first way to sign focused', async () =>
      (await citizen.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === 'sign-method-draw'
        ? true
        : undefined,
    );
    expect(await prompt.count(), 'no prompt on the documents tab itself').to.equal(0);
    const reviewUrl = await signing.getByTestId('sign-review').getAttribute('href');
    const review = await citizen.page.evaluate(async (url) => {
      const response = await fetch(url!);
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { status: response.status, head: String.fromCharCode(...bytes.slice(0, 5)) };
    }, reviewUrl);
    expect(review).to.deep.equal({ status: 200, head: '%PDF-' });

    expect(await clerkStatus.innerText(), 'reviewing is not signing yet').to.include('Wartet auf die Unterschrift');
    await signing.getByTestId('sign-method-draw').click();
    const pad = citizen.page.getByTestId('signature-pad');
    await waitFor('the signature pad loaded', async () =>
      (await pad.getAttribute('data-ready')) === 'true' ? true : undefined,
    );
    await waitFor('the clerk reads that the citizen is signing', async () =>
      (await clerkStatus.innerText()).includes('unterschreibt gerade') ? true : undefined,
    );
    const box = (await pad.boundingBox())!;
    await citizen.page.mouse.move(box.x + 20, box.y + box.height * 0.7);
    await citizen.page.mouse.down();
    for (let i = 1; i <= 12; i += 1)
      await citizen.page.mouse.move(box.x + 20 + i * 18, box.y + box.height * (0.7 - 0.4 * Math.sin(i / 2)), {
        steps: 3,
      });
    await citizen.page.mouse.up();
    await screenshot(citizen.page, 'casework-signing-pad');
    await citizen.page.getByTestId('signature-submit').click();
    await waitFor(
      'the citizen to see the document sealed',
      async () => ((await documentStatus(citizen.page, 'meldebescheinigung')) === 'sealed' ? true : undefined),
      20_000,
    );
    await openTab(clerk.page, 'documents');
    await waitFor('the clerk to see it sealed', async () =>
      (await documentStatus(clerk.page, 'meldebescheinigung')) === 'sealed' ? true : undefined,
    );
  });

  it('signs a second form by Hidden-TAN: revealed only on request, a wrong TAN is explained, the right one seals', async () => {
    await pickForm(citizen.page, 'lebensbescheinigung');
    await pickForm(clerk.page, 'lebensbescheinigung');
    await fillRemaining(citizen.page, clerk.page);
    await clerk.page.getByTestId('form-freeze').click();
    await openTab(citizen.page, 'documents');
    const signing = citizen.page.getByTestId('signing');
    await signing.waitFor({ timeout: 10_000 });
    await signing.getByTestId('sign-method-tan').click();
    await citizen.page.getByTestId('tan-request').click();
    const reveal = citizen.page.getByTestId('tan-reveal');
    await reveal.waitFor();
    expect(await citizen.page.getByTestId('tan-value').count(), 'not in the page until revealed').to.equal(0);
    expect(await citizen.page.getByTestId('tan-input').count(), 'typed on the next step, not here').to.equal(0);
    // Explained: what the number is.
    const explain = citizen.page.getByTestId('tan-explain');
    await explain.locator('summary').click();
    expect(await explain.innerText())
      .to.include('Was ist diese Nummer?')
      .and.include('einmalige Nummer');
    await reveal.click();
    expect(await reveal.getAttribute('aria-pressed')).to.equal('true');
    const tan = (await citizen.page.getByTestId('tan-value').innerText()).replace(/\D/g, '');
    expect(tan).to.match(/^\d{6}$/);
    await screenshot(citizen.page, 'casework-tan-revealed');
    // The reveal toggles back; the next step shows the input and never the number.
    await reveal.click();
    expect(await citizen.page.getByTestId('tan-value').count(), 'hidden again').to.equal(0);
    await citizen.page.getByTestId('tan-next').click();
    await citizen.page.getByTestId('tan-input').waitFor();
    expect(await citizen.page.getByTestId('tan-value').count(), 'not shown where it is typed').to.equal(0);
    expect(
      await citizen.page.evaluate((t) => document.body.innerText.includes(t), tan),
      'the number nowhere on the screen',
    ).to.equal(false);
    const wrong = tan === '000000' ? '111111' : '000000';
    await citizen.page.getByTestId('tan-input').fill(wrong);
    await citizen.page.getByTestId('tan-confirm').click();
    const error = citizen.page.getByTestId('tan-error');
    await error.waitFor({ timeout: 10_000 });
    expect(await error.getAttribute('data-code')).to.equal('tan_wrong');
    expect(await error.innerText()).to.include('Noch 2 Versuche');
    await citizen.page.getByTestId('tan-input').fill(tan);
    await citizen.page.getByTestId('tan-confirm').click();
    await waitFor(
      'the TAN-signed document sealed',
      async () => ((await documentStatus(citizen.page, 'lebensbescheinigung')) === 'sealed' ? true : undefined),
      20_000,
    );
    await waitFor('the clerk to see it sealed', async () =>
      (await documentStatus(clerk.page, 'lebensbescheinigung')) === 'sealed' ? true : undefined,
    );
  });

  it('downloads the sealed PDF in the browser, and the verification service confirms it untouched', async () => {
    const row = citizen.page.locator('[data-testid="document"]', { hasText: 'Meldebescheinigung' });
    const [download] = await Promise.all([
      citizen.page.waitForEvent('download'),
      row.getByTestId('document-download').click(),
    ]);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    expect(pdf.length, 'a real document').to.be.greaterThan(5000);
    const response = await fetch(`${service.video.baseUrl}/api/documents/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: pdf,
    });
    const result = (await response.json()) as { valid: boolean; reason: string };
    expect(result).to.include({ valid: true, reason: 'untouched' });
  });

  it('exchanges files: an upload on one side appears on the other; a disguised file is refused in words', async () => {
    await openTab(clerk.page, 'documents');
    await citizen.page
      .getByTestId('file-upload')
      .setInputFiles({ name: 'Mietvertrag.png', mimeType: 'image/png', buffer: pngImage(300, 120) });
    await citizen.page.locator('[data-testid="upload-message"][data-code="ok"]').waitFor({ timeout: 15_000 });
    await waitFor('the clerk to see the file', async () =>
      (await clerk.page.getByTestId('file').count()) === 1 ? true : undefined,
    );
    expect(await clerk.page.getByTestId('file').innerText()).to.include('Mietvertrag.png');

    await clerk.page.getByTestId('file-upload').setInputFiles({
      name: 'harmlos.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('<html><script>alert(1)</script></html>'),
    });
    const refusal = clerk.page.getByTestId('upload-message');
    await waitFor('the refusal', async () =>
      ((await refusal.getAttribute('data-code').catch(() => null)) ?? 'ok') !== 'ok' ? true : undefined,
    );
    expect(['type_not_allowed', 'active_content']).to.include(await refusal.getAttribute('data-code'));
    expect(await citizen.page.getByTestId('file').count(), 'nothing refused reaches the citizen').to.equal(1);
    await screenshot(citizen.page, 'casework-documents');
  });

  it('shows the whole panel in English when the citizen switches the language', async () => {
    await citizen.page.getByTestId('language-en').click();
    await waitFor('English tabs', async () =>
      (await citizen.page.getByTestId('case-tab-documents').innerText()) === 'Documents' ? true : undefined,
    );
    await openTab(citizen.page, 'agenda');
    expect(await citizen.page.getByTestId('agenda').innerText())
      .to.include('Agenda of the appointment')
      .and.include('Life certificate');
    await openTab(citizen.page, 'documents');
    expect(await citizen.page.getByTestId('case-panel-documents').innerText())
      .to.include('Download PDF')
      .and.not.include('herunterladen');
    await citizen.page.getByTestId('language-de').click();
    await waitFor('German again', async () =>
      (await citizen.page.getByTestId('case-tab-documents').innerText()) === 'Dokumente' ? true : undefined,
    );
  });

  it('shows the panel as a sheet on a 360 px phone, without sideways scrolling', async () => {
    await citizen.page.setViewportSize({ width: 360, height: 740 });
    const panel = citizen.page.getByTestId('case-panel');
    if ((await panel.count()) === 0) await citizen.page.getByTestId('case-toggle').click();
    await panel.waitFor();
    await openTab(citizen.page, 'form');
    expect(await overflowsSideways(citizen.page), 'no sideways scrolling').to.equal(false);
    const width = (await panel.boundingBox())!.width;
    expect(width).to.be.at.most(360);
    await screenshot(citizen.page, 'casework-phone');
    await citizen.page.getByTestId('case-close').click();
    await citizen.page.getByTestId('case-toggle').waitFor();
    expect(await panel.count(), 'closed on request').to.equal(0);
  });
});
