/**
 * A real SMPP v3.4 SMSC on loopback for the tests (the provider's side): it checks system_id and password on
 * bind_transmitter, answers submit_sm with a message_id, records every PDU it receives, reassembles
 * concatenated messages (UDH IEI 0x00) and decodes their text. Knobs: refuse the next submits with a status,
 * answer nothing (timeouts), drop every connection, send its own enquire_link.
 */
import net from 'node:net';
import tls from 'node:tls';
import {
  decodePdu,
  encodePdu,
  PduFramer,
  STATUS,
  type Pdu,
  type ShortMessage,
} from '../../../../video-service/src/casework/sms/smpp/pdu.ts';
import { decodeText } from '../../../../video-service/src/casework/sms/text-encoding.ts';

export interface ReceivedSms {
  messageId: string;
  to: string;
  destTon: number;
  destNpi: number;
  from: string;
  sourceTon: number;
  sourceNpi: number;
  dataCoding: number;
  /** How many submit_sm made it (1 without UDH). */
  parts: number;
  text: string;
}

export class TestSmsc {
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  readonly #partial = new Map<number, Array<{ message: ShortMessage; id: string } | undefined>>();
  /** Every PDU received, in order (the client's requests and responses). */
  readonly pdus: Pdu[] = [];
  readonly received: ReceivedSms[] = [];
  /** Statuses for the next submit_sm, one each (ESME_RTHROTTLED, …). */
  readonly refuseNext: number[] = [];
  /** While true, requests get no response at all. */
  silent = false;
  #nextId = 1;
  #sequence = 0x1000;
  port = 0;

  readonly account: { systemId: string; password: string };

  readonly #tls: boolean;

  /** With `certificate`: an ssmpp:// (TLS) SMSC. */
  constructor(account: { systemId: string; password: string }, certificate?: { key: string; cert: string }) {
    this.account = account;
    this.#tls = Boolean(certificate);
    this.#server = certificate
      ? tls.createServer(certificate, (socket) => this.#accept(socket))
      : net.createServer((socket) => this.#accept(socket));
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.address() as net.AddressInfo).port;
    return this;
  }

  get url(): string {
    return `${this.#tls ? 'ssmpp' : 'smpp'}://127.0.0.1:${this.port}`;
  }

  /** The PDUs received of one command. */
  of<C extends Pdu['command']>(command: C): Array<Extract<Pdu, { command: C }>> {
    return this.pdus.filter((p): p is Extract<Pdu, { command: C }> => p.command === command);
  }

  get connections(): number {
    return this.#sockets.size;
  }

  /** Drops every connection without unbind (a provider restart, a NAT timeout). */
  dropAll(): void {
    for (const socket of this.#sockets) socket.destroy();
  }

  /** Sends enquire_link on every connection (the SMSC checking on the ESME). */
  enquireLink(): void {
    for (const socket of this.#sockets)
      socket.write(encodePdu({ command: 'enquire_link', status: 0, sequence: ++this.#sequence, body: {} }));
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(socket: net.Socket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('error', () => undefined);
    const framer = new PduFramer();
    let bound = false;
    socket.on('data', (chunk: Buffer) => {
      for (const frame of framer.push(chunk)) {
        const pdu = decodePdu(frame);
        this.pdus.push(pdu);
        if (this.silent || pdu.command.endsWith('_resp')) continue;
        const reply = (answer: Pdu) => socket.write(encodePdu(answer));
        switch (pdu.command) {
          case 'bind_transmitter': {
            const ok = pdu.body.systemId === this.account.systemId && pdu.body.password === this.account.password;
            bound = ok;
            reply({
              command: 'bind_transmitter_resp',
              status: ok ? STATUS.ESME_ROK : STATUS.ESME_RINVPASWD,
              sequence: pdu.sequence,
              body: { systemId: 'TestSMSC' },
            });
            if (!ok) socket.end();
            break;
          }
          case 'submit_sm': {
            const status = bound ? (this.refuseNext.shift() ?? STATUS.ESME_ROK) : STATUS.ESME_RINVBNDSTS;
            const messageId = `msg-${this.#nextId++}`;
            reply({ command: 'submit_sm_resp', status, sequence: pdu.sequence, body: { messageId } });
            if (status === STATUS.ESME_ROK) this.#store(pdu.body, messageId);
            break;
          }
          case 'enquire_link':
            reply({ command: 'enquire_link_resp', status: 0, sequence: pdu.sequence, body: {} });
            break;
          case 'unbind':
            reply({ command: 'unbind_resp', status: 0, sequence: pdu.sequence, body: {} });
            socket.end();
            break;
          default:
            reply({ command: 'generic_nack', status: STATUS.ESME_RINVCMDID, sequence: pdu.sequence, body: {} });
        }
      }
    });
  }

  #store(message: ShortMessage, messageId: string): void {
    const base = {
      to: message.destinationAddr,
      destTon: message.destAddrTon,
      destNpi: message.destAddrNpi,
      from: message.sourceAddr,
      sourceTon: message.sourceAddrTon,
      sourceNpi: message.sourceAddrNpi,
      dataCoding: message.dataCoding,
    };
    if (!(message.esmClass & 0x40)) {
      this.received.push({ ...base, messageId, parts: 1, text: decodeText(message.shortMessage, message.dataCoding) });
      return;
    }
    // UDH: length, IEI 0x00 (concatenation, 8-bit reference), IE length 3, reference, total, sequence.
    const udh = message.shortMessage;
    if (udh[0] !== 0x05 || udh[1] !== 0x00 || udh[2] !== 0x03) throw new Error('unexpected UDH');
    const [reference, total, index] = [udh[3]!, udh[4]!, udh[5]!];
    const parts = this.#partial.get(reference) ?? new Array(total).fill(undefined);
    parts[index - 1] = { message, id: messageId };
    this.#partial.set(reference, parts);
    if (parts.every(Boolean)) {
      this.#partial.delete(reference);
      const text = parts.map((p) => decodeText(p!.message.shortMessage.subarray(6), message.dataCoding)).join('');
      this.received.push({ ...base, messageId: parts[0]!.id, parts: total, text });
    }
  }
}
