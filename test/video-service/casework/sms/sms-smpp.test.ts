/**
 * The SMPP v3.4 gateway (SMS_GATEWAY=smpp, ADR 0150) against a real SMSC on loopback (test-smsc.ts): bind
 * with the right and a wrong password, German in the GSM alphabet and Arabic/Russian in UCS-2 decoded back to
 * the exact text, a long text split with a concatenation UDH and reassembled, throttling and a refused number
 * as clear failures, a dropped connection bound again for the next SMS, enquire_link both ways, a silent
 * SMSC timing out, unbind on close — and nothing of the number, the text or the password in the log.
 */
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { SmsSendError } from '../../../../video-service/src/casework/sms/sms-error.ts';
import { decodePdu, encodePdu, STATUS } from '../../../../video-service/src/casework/sms/smpp/pdu.ts';
import {
  internationalNumber,
  SmppGateway,
  type SmppSettings,
} from '../../../../video-service/src/casework/sms/smpp/smpp-gateway.ts';
import { encodeText } from '../../../../video-service/src/casework/sms/text-encoding.ts';
import { tanSmsText } from '../../../../video-service/src/casework/signing/tan-sms-text.ts';
import { LANGUAGES } from '../../../../video-service/src/shared/languages.ts';
import { until } from '../support.ts';
import { TestSmsc } from './test-smsc.ts';
import { loopbackCertificate } from './tls-certificate.ts';

const ACCOUNT = { systemId: 'musterstadt', password: 'geh3im!' };
const PHONE = '+49 170 1234567';

describe('SMS gateway: SMPP v3.4', function () {
  this.timeout(20_000);
  let smsc: TestSmsc;
  let gateway: SmppGateway | undefined;
  const logs: string[] = [];

  const open = (overrides: Partial<SmppSettings> = {}): SmppGateway => {
    gateway = new SmppGateway(
      {
        host: '127.0.0.1',
        port: smsc.port,
        tls: false,
        caFile: undefined,
        systemId: ACCOUNT.systemId,
        password: ACCOUNT.password,
        systemType: 'VA',
        source: 'Musterstadt',
        countryCode: '49',
        connectTimeoutMs: 2000,
        responseTimeoutMs: 1000,
        enquireLinkMs: 0,
        ...overrides,
      },
      pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) }),
    );
    return gateway;
  };
  const failureOf = async (promise: Promise<unknown>): Promise<SmsSendError> => {
    try {
      await promise;
    } catch (error) {
      expect(error).to.be.instanceOf(SmsSendError);
      return error as SmsSendError;
    }
    throw new Error('sent');
  };

  beforeEach(async () => {
    smsc = await new TestSmsc(ACCOUNT).listen();
    logs.length = 0;
  });
  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
    await smsc.close();
  });

  it('binds as transmitter and sends a German TAN in the GSM alphabet, to the number in international format', async () => {
    const text = tanSmsText('123456', { de: 'Führungszeugnis', en: 'Certificate of good conduct' }, 'de');
    const { id } = await open().send({ to: PHONE, text, reference: 'room-1' });
    expect(id).to.equal('msg-1');
    const [bind] = smsc.of('bind_transmitter');
    expect(bind!.body).to.deep.include({
      systemId: 'musterstadt',
      password: 'geh3im!',
      systemType: 'VA',
      interfaceVersion: 0x34,
    });
    expect(smsc.received).to.have.length(1);
    expect(smsc.received[0]).to.deep.equal({
      messageId: 'msg-1',
      to: '491701234567',
      destTon: 1,
      destNpi: 1,
      from: 'Musterstadt',
      sourceTon: 5,
      sourceNpi: 0,
      dataCoding: 0,
      parts: 1,
      text: 'Ihre TAN für "Führungszeugnis": 123456. Gültig 5 Minuten. Geben Sie sie niemandem weiter.',
    });
    const log = logs.join('\n');
    for (const secret of ['123456', '1701234567', 'geh3im', 'Führungszeugnis']) expect(log).not.to.include(secret);
    expect(log).to.include('msg-1');
  });

  it('refuses a wrong password as a failed bind and submits nothing', async () => {
    const failure = await failureOf(
      open({ password: 'falsch' }).send({ to: PHONE, text: 'Test', reference: 'room-1' }),
    );
    expect(failure.reason).to.equal('bind_failed');
    expect(failure.status).to.equal(STATUS.ESME_RINVPASWD);
    expect(smsc.of('submit_sm')).to.have.length(0);
    expect(logs.join('\n')).not.to.include('falsch');
  });

  it('sends Arabic and Russian in UCS-2, decoded on the SMSC to the exact text', async () => {
    const g = open();
    const title = { de: 'Meldebescheinigung', en: 'Certificate of registration', ar: 'شهادة التسجيل', ru: 'Справка' };
    const arabic = tanSmsText('654321', title, 'ar');
    const russian = tanSmsText('111222', title, 'ru-RU');
    await g.send({ to: '0170 1234567', text: arabic, reference: 'room-1' });
    await g.send({ to: '0049 170 7654321', text: russian, reference: 'room-1' });
    expect(smsc.received.map((r) => [r.dataCoding, r.parts, r.text, r.to])).to.deep.equal([
      [8, 1, arabic, '491701234567'],
      [8, 1, russian, '491707654321'],
    ]);
    expect(arabic).to.include('654321').and.to.include('صالح');
    expect(russian).to.include('111222').and.to.include('Справка');
    expect(smsc.of('bind_transmitter'), 'one session for both').to.have.length(1);
  });

  it('splits a long text with a concatenation header; the SMSC reassembles the exact text', async () => {
    const g = open();
    const german = `${'Sehr geehrte Bürgerin, sehr geehrter Bürger, [Termin] {Amt} € '.repeat(6)}Ende.`;
    const cyrillic = `${'Довідка з місця проживання — '.repeat(5)}кінець.`;
    await g.send({ to: PHONE, text: german, reference: 'room-1' });
    await g.send({ to: PHONE, text: cyrillic, reference: 'room-1' });
    const [first, second] = smsc.received;
    expect(first).to.include({ text: german, dataCoding: 0 });
    expect(first!.parts).to.equal(encodeText(german).parts.length).and.to.be.greaterThan(2);
    expect(second).to.include({ text: cyrillic, dataCoding: 8 });
    expect(second!.parts).to.equal(3);
    const submits = smsc.of('submit_sm');
    expect(submits.every((s) => s.body.esmClass === 0x40)).to.equal(true);
    // Every part within one SMS: 6 octets UDH + 153 septets, or 6 + 134 octets of UCS-2.
    expect(Math.max(...submits.map((s) => s.body.shortMessage.length))).to.be.at.most(159);
    const tooLong = await failureOf(g.send({ to: PHONE, text: 'x'.repeat(2000), reference: 'room-1' }));
    expect(tooLong.reason).to.equal('too_long');
    expect(smsc.of('submit_sm')).to.have.length(submits.length);
  });

  it('keeps every TAN text within one SMS in all six languages, UCS-2 where the script needs it', () => {
    const long = {
      de: 'Antrag auf Erteilung einer erweiterten Meldebescheinigung mit allen früheren Wohnungen und Nebenwohnungen seit 1990',
      en: 'Long',
    };
    for (const language of LANGUAGES) {
      for (const title of [{ de: 'Führungszeugnis', en: 'Certificate' }, long]) {
        const text = tanSmsText('123456', title, language);
        const encoded = encodeText(text);
        expect(encoded.parts, `${language}: ${text}`).to.have.length(1);
        expect(encoded.dataCoding, language).to.equal(['de', 'en'].includes(language) ? 0 : 8);
        expect(text).to.include('123456');
      }
    }
    expect(tanSmsText('123456', long, 'de')).to.equal(
      'Ihre TAN: 123456. Gültig 5 Minuten. Geben Sie sie niemandem weiter.',
    );
    expect(tanSmsText('123456', { de: 'Pass', en: 'Passport' }, 'fr')).to.include('Ihre TAN für "Pass"');
  });

  it('reports throttling and a refused number as clear failures; the next SMS goes through', async () => {
    const g = open();
    smsc.refuseNext.push(STATUS.ESME_RTHROTTLED, STATUS.ESME_RINVDSTADR);
    const throttled = await failureOf(g.send({ to: PHONE, text: 'eins', reference: 'room-1' }));
    expect(throttled).to.include({ reason: 'throttled', status: 0x58 });
    const refused = await failureOf(g.send({ to: PHONE, text: 'zwei', reference: 'room-1' }));
    expect(refused).to.include({ reason: 'invalid_destination', status: 0x0b });
    await g.send({ to: PHONE, text: 'drei', reference: 'room-1' });
    expect(smsc.received.map((r) => r.text)).to.deep.equal(['drei']);
    const notNumber = await failureOf(g.send({ to: '12345', text: 'vier', reference: 'room-1' }));
    expect(notNumber.reason).to.equal('invalid_destination');
    expect(smsc.of('submit_sm')).to.have.length(3);
  });

  it('binds again after a dropped connection and the next SMS works', async () => {
    const g = open();
    await g.send({ to: PHONE, text: 'vorher', reference: 'room-1' });
    smsc.dropAll();
    await until('the connection is gone', async () => smsc.connections === 0);
    await g.send({ to: PHONE, text: 'nachher', reference: 'room-1' });
    expect(smsc.of('bind_transmitter')).to.have.length(2);
    expect(smsc.received.map((r) => r.text)).to.deep.equal(['vorher', 'nachher']);
  });

  it('keeps the link alive with enquire_link and answers the SMSC’s own', async () => {
    const g = open({ enquireLinkMs: 150 });
    await g.send({ to: PHONE, text: 'hallo', reference: 'room-1' });
    await until('two enquire_link from the client', async () => smsc.of('enquire_link').length >= 2);
    smsc.enquireLink();
    await until('the enquire_link_resp', async () => smsc.of('enquire_link_resp').length === 1);
    expect(smsc.of('enquire_link_resp')[0]!.status).to.equal(0);
  });

  it('fails with a timeout when the SMSC does not answer, and unbinds on close', async () => {
    const g = open();
    await g.send({ to: PHONE, text: 'eins', reference: 'room-1' });
    smsc.silent = true;
    const timeout = await failureOf(g.send({ to: PHONE, text: 'zwei', reference: 'room-1' }));
    expect(timeout.reason).to.equal('timeout');
    smsc.silent = false;
    await g.close();
    gateway = undefined;
    expect(smsc.of('unbind')).to.have.length(1);
    const unreachable = await failureOf(
      open({ port: 1, connectTimeoutMs: 500 }).send({ to: PHONE, text: 'x', reference: 'room-1' }),
    );
    expect(unreachable.reason).to.equal('unreachable');
  });

  it('speaks TLS with ssmpp:// and refuses an SMSC whose certificate it does not trust', async () => {
    const certificate = loopbackCertificate();
    const secure = await new TestSmsc(ACCOUNT, certificate).listen();
    const dir = await mkdtemp(path.join(tmpdir(), 'va-smpp-ca-'));
    try {
      await writeFile(path.join(dir, 'ca.pem'), certificate.cert);
      const untrusted = await failureOf(
        open({ port: secure.port, tls: true }).send({ to: PHONE, text: 'x', reference: 'room-1' }),
      );
      expect(untrusted.reason).to.equal('unreachable');
      expect(secure.of('bind_transmitter'), 'no password over an untrusted link').to.have.length(0);
      await gateway!.close();
      await open({ port: secure.port, tls: true, caFile: path.join(dir, 'ca.pem') }).send({
        to: PHONE,
        text: 'über TLS',
        reference: 'room-1',
      });
      expect(secure.received.map((r) => r.text)).to.deep.equal(['über TLS']);
      await gateway!.close();
      gateway = undefined;
      expect(secure.of('unbind')).to.have.length(1);
    } finally {
      await secure.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('writes the PDUs as the specification lays them out', () => {
    const bind = encodePdu({
      command: 'bind_transmitter',
      status: 0,
      sequence: 1,
      body: {
        systemId: 'ab',
        password: 'pw',
        systemType: '',
        interfaceVersion: 0x34,
        addrTon: 0,
        addrNpi: 0,
        addressRange: '',
      },
    });
    // length 27, command_id 0x00000002, status 0, sequence 1, "ab\0" "pw\0" "\0" 0x34 0 0 "\0"
    expect(bind.toString('hex')).to.equal(
      '0000001b000000020000000000000001' + '616200' + '707700' + '00' + '34' + '00' + '00' + '00',
    );
    const submitResp = Buffer.from('80000004000000000000000700' + '', 'hex');
    expect(() => decodePdu(submitResp)).to.throw(/command_length/);
    const refused = decodePdu(Buffer.from('000000108000000400000058' + '00000007', 'hex'));
    expect(refused).to.deep.include({ command: 'submit_sm_resp', status: 0x58, sequence: 7 });
    expect(internationalNumber('+49 (170) 123-4567', '49')).to.equal('491701234567');
    expect(internationalNumber('030 1234567', '49')).to.equal('49301234567');
    expect(internationalNumber('1234', '49')).to.equal(null);
  });
});
