/**
 * The SMS-TAN over SMPP (SMS_GATEWAY=smpp, ADR 0150) in two real Chromium browsers, against a real SMSC on
 * loopback: while the SMSC throttles, the citizen reads that the SMS could not be sent and what to do instead
 * (at 360 px, axe-checked); the next try arrives on the "phone" (the SMSC's record) and seals the document.
 */
import { expect } from 'chai';
import { STATUS } from '../../video-service/src/casework/sms/smpp/pdu.ts';
import type { TestBrowser } from '../support/browser.ts';
import { TestSmsc } from '../video-service/casework/sms/test-smsc.ts';
import { seriousViolations } from './support/axe.ts';
import { fieldInput, fillRemaining, freeze, openTab, pickForm } from './support/casework-ui.ts';
import { caseCall, screenshot, startRoomService, waitFor, type CaseCall, type RoomService } from './support/room-ui.ts';

describe('casework: SMS-TAN over SMPP', function () {
  this.timeout(180_000);
  let smsc: TestSmsc;
  let service: RoomService;
  let citizen: TestBrowser;
  let clerk: TestBrowser;
  let call: CaseCall | undefined;

  before(async () => {
    smsc = await new TestSmsc({ systemId: 'musterstadt', password: 'geh3im!' }).listen();
    service = await startRoomService({
      SMS_GATEWAY: 'smpp',
      SMS_SMPP_URL: smsc.url,
      SMS_SMPP_SYSTEM_ID: 'musterstadt',
      SMS_SMPP_PASSWORD: 'geh3im!',
      SMS_SMPP_SOURCE: 'Musterstadt',
    });
    call = await caseCall(service, { services: ['fuehrungszeugnis'] });
    ({ citizen, clerk } = call);
  });
  after(async () => {
    await call?.close();
    await service?.close();
    await smsc?.close();
  });

  it('says the SMS could not be sent while the SMSC throttles; the next try arrives and seals', async () => {
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

    smsc.refuseNext.push(STATUS.ESME_RTHROTTLED);
    await offer.click();
    const error = citizen.page.getByTestId('tan-error');
    await error.waitFor({ timeout: 10_000 });
    expect(await error.getAttribute('data-code')).to.equal('sms_failed');
    expect(await error.innerText()).to.include('Die SMS konnte nicht gesendet werden');
    expect(await citizen.page.getByTestId('tan-sent').count(), 'not told it was sent').to.equal(0);
    expect(smsc.received).to.have.length(0);
    expect(await seriousViolations(citizen.page, 'SMS not sent')).to.deep.equal([]);
    await citizen.page.setViewportSize({ width: 360, height: 740 });
    await error.scrollIntoViewIfNeeded();
    await screenshot(citizen.page, 'casework-sms-smpp-failed');

    await offer.click();
    await citizen.page.getByTestId('tan-sent').waitFor({ timeout: 10_000 });
    const sms = await waitFor('the SMS at the SMSC', async () => smsc.received[0], 10_000);
    expect(sms).to.include({ to: '491701234567', dataCoding: 0, parts: 1 });
    const tan = /(\d{6})/.exec(sms.text)![1]!;
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
