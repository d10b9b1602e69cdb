/**
 * The SMS-TAN through the service's signing flow with SMS_GATEWAY=smpp, on SQLite and MariaDB, against a real
 * SMSC on loopback (test-smsc.ts): the citizen's TAN arrives as an SMS in their language and seals the
 * document; a double tap sends one SMS (one TAN), a request soon after gets the same TAN, a later one a new
 * SMS; a throttled SMSC gives `sms_failed` with nothing changed (the Hidden-TAN before stays valid, the
 * failed TAN counts nothing); after a dropped connection the next request binds again; shutdown unbinds.
 */
import { expect } from 'chai';
import { STATUS } from '../../../../video-service/src/casework/sms/smpp/pdu.ts';
import { DATABASES } from '../../../support/databases.ts';
import { frozenDocument } from '../fill.ts';
import {
  ask,
  caseScene,
  closeScene,
  must,
  startCaseworkService,
  until,
  type CaseworkService,
  type CaseScene,
} from '../support.ts';
import { TestSmsc } from './test-smsc.ts';

const ACCOUNT = { systemId: 'musterstadt', password: 'geh3im!' };
const tanOf = (text: string) => /(\d{6})/.exec(text)![1]!;

for (const { kind, create } of DATABASES) {
  describe(`SMS-TAN over SMPP in the signing flow (${kind})`, function () {
    this.timeout(90_000);
    let smsc: TestSmsc;
    let svc: CaseworkService;
    let drop: () => Promise<void>;
    let scene: CaseScene | undefined;
    const logs: string[] = [];

    before(async () => {
      smsc = await new TestSmsc(ACCOUNT).listen();
      const database = await create();
      drop = () => database.drop();
      svc = await startCaseworkService({
        database,
        logs,
        env: {
          SMS_GATEWAY: 'smpp',
          SMS_SMPP_URL: smsc.url,
          SMS_SMPP_SYSTEM_ID: ACCOUNT.systemId,
          SMS_SMPP_PASSWORD: ACCOUNT.password,
          SMS_SMPP_SOURCE: 'Musterstadt',
          SMS_SMPP_RESPONSE_TIMEOUT_MS: '2000',
        },
      });
    });
    after(async () => {
      await svc?.close();
      await drop?.();
      await smsc?.close();
    });
    afterEach(() => {
      closeScene(scene);
      // A test that failed midway must not leave refusals for the next.
      smsc.refuseNext.length = 0;
    });

    it('sends the TAN by SMPP in the citizen’s language and seals with it; nothing of it in the log', async () => {
      scene = await caseScene(svc, ['fuehrungszeugnis'], { locale: 'ru' });
      const document = await frozenDocument(scene, 'fuehrungszeugnis', { telefon: '0170 1234567' });
      expect(scene.citizenCase.signing.tanChannels).to.include('sms');
      const issued = await must(scene.citizen.socket, 'sign:requestTan', { documentId: document.id, channel: 'sms' });
      expect(issued.tan).to.equal(undefined);
      expect(issued.sentTo).to.be.a('string');
      const sms = smsc.received.at(-1)!;
      expect(sms).to.include({ to: '491701234567', from: 'Musterstadt', dataCoding: 8, parts: 1 });
      // With the document's title where it fits one SMS (70 UCS-2 characters), else the short text.
      expect(sms.text).to.match(/^(?:TAN для ".+"|Ваш TAN): \d{6}\. Действ[^.]+\. Никому (?:его )?не сообщайте\.$/);
      const sealed = await must(scene.citizen.socket, 'sign:confirmTan', {
        documentId: document.id,
        tan: tanOf(sms.text),
      });
      expect(sealed).to.include({ status: 'sealed', signatureMethod: 'tan' });
      const log = logs.join('\n');
      expect(log).not.to.include(tanOf(sms.text));
      expect(log).not.to.include('1701234567');
      expect(log).not.to.include(ACCOUNT.password);
      expect(log).to.include(sms.messageId);
    });

    it('sends one SMS for a double tap, the same TAN soon after, a new one after 30 s', async () => {
      scene = await caseScene(svc, ['fuehrungszeugnis']);
      const document = await frozenDocument(scene, 'fuehrungszeugnis', { telefon: '+49 170 1234567' });
      const before = smsc.received.length;
      const taps = await Promise.all(
        [1, 2, 3].map(() =>
          must(scene!.citizen.socket, 'sign:requestTan', { documentId: document.id, channel: 'sms' }),
        ),
      );
      expect(new Set(taps.map((t) => t.tanId)).size).to.equal(1);
      const soon = await must(scene.citizen.socket, 'sign:requestTan', { documentId: document.id, channel: 'sms' });
      expect(soon.tanId).to.equal(taps[0]!.tanId);
      expect(smsc.received.length - before).to.equal(1);
      const first = tanOf(smsc.received.at(-1)!.text);

      svc.clock.shift(31_000);
      const later = await must(scene.citizen.socket, 'sign:requestTan', { documentId: document.id, channel: 'sms' });
      expect(later.tanId).not.to.equal(soon.tanId);
      expect(smsc.received.length - before).to.equal(2);
      const second = tanOf(smsc.received.at(-1)!.text);
      if (first !== second) {
        const old = await ask(scene.citizen.socket, 'sign:confirmTan', { documentId: document.id, tan: first });
        expect(old.ok, 'the replaced TAN no longer signs').to.equal(false);
      }
      const sealed = await must(scene.citizen.socket, 'sign:confirmTan', { documentId: document.id, tan: second });
      expect(sealed.status).to.equal('sealed');
    });

    it('answers sms_failed when the SMSC throttles, and nothing changed: the Hidden-TAN before still signs', async () => {
      scene = await caseScene(svc, ['fuehrungszeugnis']);
      const document = await frozenDocument(scene, 'fuehrungszeugnis', { telefon: '+49 170 1234567' });
      const hidden = await must(scene.citizen.socket, 'sign:requestTan', {
        documentId: document.id,
        channel: 'hidden',
      });
      const before = smsc.received.length;
      // Five refusals: had they counted, the document would have used up its five TANs.
      for (let i = 0; i < 5; i += 1) {
        smsc.refuseNext.push(STATUS.ESME_RTHROTTLED);
        const refused = await ask(scene.citizen.socket, 'sign:requestTan', { documentId: document.id, channel: 'sms' });
        expect(refused.ok).to.equal(false);
        expect(refused.ok ? null : refused.error).to.include({ code: 'invalid_state', reason: 'sms_failed' });
      }
      expect(smsc.received.length).to.equal(before);
      const sealed = await must(scene.citizen.socket, 'sign:confirmTan', { documentId: document.id, tan: hidden.tan });
      expect(sealed.status).to.equal('sealed');
      expect(logs.join('\n')).to.include('"reason":"throttled"');
    });

    it('binds again after the SMSC dropped the connection; the next SMS-TAN arrives', async () => {
      scene = await caseScene(svc, ['fuehrungszeugnis']);
      const document = await frozenDocument(scene, 'fuehrungszeugnis', { telefon: '+49 170 1234567' });
      const binds = smsc.of('bind_transmitter').length;
      smsc.dropAll();
      await until('the connection is gone', async () => smsc.connections === 0);
      await must(scene.citizen.socket, 'sign:requestTan', { documentId: document.id, channel: 'sms' });
      expect(smsc.of('bind_transmitter').length).to.equal(binds + 1);
      const sealed = await must(scene.citizen.socket, 'sign:confirmTan', {
        documentId: document.id,
        tan: tanOf(smsc.received.at(-1)!.text),
      });
      expect(sealed.status).to.equal('sealed');
    });

    it('unbinds when the service stops', async () => {
      await svc.close();
      expect(smsc.of('unbind')).to.have.length(1);
    });
  });
}
