/**
 * Issue 11, item 12, in two real Chromium browsers: with an SMS gateway configured (the development outbox
 * here) and a phone number in the form, the citizen is offered the SMS-TAN beside the Hidden-TAN, is told
 * where it went (masked), types the TAN from the message and the document is sealed. The message is read from
 * the gateway's outbox, as a phone would receive it; the number never shows on the screen.
 */
import { expect } from 'chai';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TestBrowser } from '../support/browser.ts';
import { seriousViolations } from './support/axe.ts';
import { fieldInput, fillRemaining, freeze, openTab, pickForm } from './support/casework-ui.ts';
import { caseCall, screenshot, startRoomService, waitFor, type CaseCall, type RoomService } from './support/room-ui.ts';

describe('casework: signing with an SMS-TAN', function () {
  this.timeout(180_000);
  let service: RoomService;
  let citizen: TestBrowser;
  let clerk: TestBrowser;
  let call: CaseCall | undefined;

  before(async () => {
    service = await startRoomService({ SMS_GATEWAY: 'dev-outbox' });
    call = await caseCall(service, { services: ['fuehrungszeugnis'] });
    ({ citizen, clerk } = call);
  });
  after(async () => {
    await call?.close();
    await service?.close();
  });

  it('offers the SMS-TAN to the form’s number, sends it there and seals with the TAN from the message', async () => {
    await pickForm(citizen.page, 'fuehrungszeugnis');
    await pickForm(clerk.page, 'fuehrungszeugnis');
    const phone = fieldInput(citizen.page, 'telefon');
    await phone.fill('+49 170 1234567');
    await phone.blur();
    await fillRemaining(citizen.page, clerk.page);
    await freeze(clerk.page, citizen.page);
    await openTab(citizen.page, 'documents');
    const signing = citizen.page.getByTestId('signing');
    await signing.waitFor({ timeout: 10_000 });
    await signing.getByTestId('sign-method-tan').click();
    const offer = citizen.page.getByTestId('tan-request-sms');
    await offer.waitFor({ timeout: 10_000 });
    expect(await offer.innerText()).to.include('TAN per SMS an +49 ••• ••• 67');
    await offer.click();
    const sent = citizen.page.getByTestId('tan-sent');
    await sent.waitFor({ timeout: 10_000 });
    expect(await sent.innerText()).to.include('+49 ••• ••• 67');
    expect(await citizen.page.getByTestId('tan-reveal').count(), 'nothing to reveal: the TAN is on the phone').to.equal(
      0,
    );

    const outbox = path.join(service.video.dataDir, 'casework', 'sms-outbox', call!.room);
    const files = await waitFor(
      'the SMS in the gateway’s outbox',
      async () => {
        const names = await readdir(outbox).catch(() => [] as string[]);
        return names.length > 0 ? names.sort() : undefined;
      },
      10_000,
    );
    const message = JSON.parse(await readFile(path.join(outbox, files.at(-1)!), 'utf8')) as {
      to: string;
      text: string;
    };
    expect(message.to).to.equal('+491701234567');
    const tan = /(\d{6})/.exec(message.text)![1]!;
    expect(
      await citizen.page.evaluate((t) => document.body.innerText.includes(t), tan),
      'the TAN is not on the screen',
    ).to.equal(false);
    expect(await seriousViolations(citizen.page, 'SMS-TAN sent')).to.deep.equal([]);
    await screenshot(citizen.page, 'casework-sms-tan');

    await citizen.page.getByTestId('tan-input').fill(tan);
    await citizen.page.getByTestId('tan-confirm').click();
    const row = citizen.page.locator('[data-testid="document"]', { hasText: 'Führungszeugnis' }).first();
    await waitFor(
      'the document sealed',
      async () => ((await row.getAttribute('data-status')) === 'sealed' ? true : undefined),
      20_000,
    );
  });
});
