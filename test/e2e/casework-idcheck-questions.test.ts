/**
 * Issue 11, item 11, in two real Chromium browsers: the ID check's security questions come from booking
 * facts the citizen does not see in the room (the clerk's token, `appt.verify`) and from questions the clerk
 * picks; the clerk sees each with its expected answer; nothing of them — question, expected value, the facts
 * — ever reaches the citizen's browser (page text and every WebSocket frame it received are searched).
 */
import { expect } from 'chai';
import type { TestBrowser } from '../support/browser.ts';
import { seriousViolations } from './support/axe.ts';
import {
  caseCall,
  screenshot,
  seesVideoOf,
  startRoomService,
  waitFor,
  type CaseCall,
  type RoomService,
} from './support/room-ui.ts';

const FACTS = { birthDate: '1980-02-29', postcode: '69117', street: 'Hauptstraße 97' };
/** Strings that must never be in the citizen's browser. */
const SECRETS = [
  '29.02.1980',
  '1980-02-29',
  '69117',
  'Hauptstraße 97',
  'Wie lautet Ihr Geburtsdatum',
  'Wie lautet die Postleitzahl',
  'In welcher Straße',
  'Wo sind Sie geboren',
];

describe('casework ID check: security questions only the clerk sees (issue 11, item 11)', function () {
  this.timeout(180_000);
  let service: RoomService;
  let citizen: TestBrowser;
  let clerk: TestBrowser;
  let call: CaseCall | undefined;
  const citizenFrames: string[] = [];

  before(async () => {
    service = await startRoomService();
    call = await caseCall(service, {
      services: ['meldebescheinigung'],
      verify: FACTS,
      beforeJoin: (c) =>
        c.page.on('websocket', (socket) =>
          socket.on(
            'framereceived',
            ({ payload }) => void citizenFrames.push(typeof payload === 'string' ? payload : payload.toString('utf8')),
          ),
        ),
    });
    ({ citizen, clerk } = call);
    await seesVideoOf(clerk.page, 'clerk', call!.citizenId);
    for (const page of [clerk.page, citizen.page]) {
      await page.getByTestId('case-panel').waitFor({ timeout: 15_000 });
      await page.getByTestId('case-tab-idcheck').click();
    }
  });
  after(async () => {
    await call?.close();
    await service?.close();
  });

  it('asks from the booking facts and a picked question, with expected answers for the clerk only', async () => {
    await clerk.page.getByTestId('idcheck-start').click();
    const questions = clerk.page.getByTestId('idcheck-question');
    await waitFor(
      'the booking-fact questions',
      async () => ((await questions.count()) === 3 ? true : undefined),
      10_000,
    );
    const shown = (await questions.allInnerTexts()).join('\n');
    expect(shown)
      .to.include('Geburtsdatum')
      .and.include('29.02.1980')
      .and.include('69117')
      .and.include('Hauptstraße 97');
    expect(shown, 'nothing of the appointment the citizen sees').not.to.match(/Uhr|Meldebescheinigung/);

    const select = clerk.page.getByTestId('idcheck-ask-select');
    const options = await select.locator('option').allInnerTexts();
    expect(options).to.include('Wo sind Sie geboren?');
    await select.selectOption({ label: 'Wo sind Sie geboren?' });
    await clerk.page.getByTestId('idcheck-ask').click();
    await waitFor('the picked question added', async () => ((await questions.count()) === 4 ? true : undefined), 5000);
    expect(await questions.nth(3).innerText()).to.include('Wo sind Sie geboren?');
    expect(await select.locator('option').allInnerTexts(), 'asked once, then no longer offered').not.to.include(
      'Wo sind Sie geboren?',
    );
    await questions.nth(0).getByTestId('idcheck-correct').click();
    await waitFor(
      'the answer stored',
      async () =>
        (await questions.nth(0).getByTestId('idcheck-correct').getAttribute('aria-pressed')) === 'true'
          ? true
          : undefined,
      5000,
    );
    expect(await seriousViolations(clerk.page, 'clerk ID check with questions')).to.deep.equal([]);
    await screenshot(clerk.page, 'casework-idcheck-questions-clerk');
  });

  it('leaves no question, fact or answer in the citizen’s browser', async () => {
    await waitFor(
      'the citizen on the check',
      async () =>
        (await citizen.page.getByTestId('idcheck').getAttribute('data-status')) === 'in_progress' ? true : undefined,
      5000,
    );
    const page = await citizen.page.content();
    const storage = await citizen.page.evaluate(
      () => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }),
    );
    expect(citizenFrames.length, 'the citizen received the check over the socket').to.be.greaterThan(0);
    const frames = citizenFrames.join('\n');
    for (const secret of SECRETS) {
      expect(page, `page: ${secret}`).not.to.include(secret);
      expect(frames, `socket: ${secret}`).not.to.include(secret);
      expect(storage, `storage: ${secret}`).not.to.include(secret);
    }
    expect(frames, 'no questions or answers at all').not.to.match(/"questions"|"expected"|"pickableQuestions"/);
  });
});
