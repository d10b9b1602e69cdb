/**
 * A small, typed codec for the SMPP v3.4 PDUs the adapter needs (ADR 0150): bind_transmitter, submit_sm,
 * deliver_sm (receipts an SMSC may send anyway), enquire_link, unbind, their responses and generic_nack.
 * Every PDU is a 16-octet header (length, command_id, command_status, sequence_number, big-endian) and a
 * body of C-octet strings and integers in the order of the specification (section 4). The test SMSC decodes
 * with the same functions, so the tests also check bytes written out by hand from the specification's layout.
 */

export const COMMAND = {
  generic_nack: 0x80000000,
  bind_transmitter: 0x00000002,
  bind_transmitter_resp: 0x80000002,
  submit_sm: 0x00000004,
  submit_sm_resp: 0x80000004,
  deliver_sm: 0x00000005,
  deliver_sm_resp: 0x80000005,
  unbind: 0x00000006,
  unbind_resp: 0x80000006,
  enquire_link: 0x00000015,
  enquire_link_resp: 0x80000015,
} as const;
export type CommandName = keyof typeof COMMAND;
const NAME_OF = new Map<number, CommandName>(Object.entries(COMMAND).map(([n, id]) => [id, n as CommandName]));

/** The command_status values the adapter tells apart (spec 5.1.3); any other is reported by number. */
export const STATUS = {
  ESME_ROK: 0x00,
  ESME_RINVMSGLEN: 0x01,
  ESME_RINVCMDLEN: 0x02,
  ESME_RINVCMDID: 0x03,
  ESME_RINVBNDSTS: 0x04,
  ESME_RALYBND: 0x05,
  ESME_RSYSERR: 0x08,
  ESME_RINVSRCADR: 0x0a,
  ESME_RINVDSTADR: 0x0b,
  ESME_RBINDFAIL: 0x0d,
  ESME_RINVPASWD: 0x0e,
  ESME_RINVSYSID: 0x0f,
  ESME_RMSGQFUL: 0x14,
  ESME_RINVDSTTON: 0x50,
  ESME_RINVDSTNPI: 0x51,
  ESME_RTHROTTLED: 0x58,
} as const;

export const HEADER_LENGTH = 16;
/** Larger PDUs are refused: the biggest the adapter sends or expects is a few hundred octets. */
export const MAX_PDU_LENGTH = 64 * 1024;
export const INTERFACE_VERSION = 0x34;

export interface BindTransmitter {
  systemId: string;
  password: string;
  systemType: string;
  interfaceVersion: number;
  addrTon: number;
  addrNpi: number;
  addressRange: string;
}

export interface ShortMessage {
  serviceType: string;
  sourceAddrTon: number;
  sourceAddrNpi: number;
  sourceAddr: string;
  destAddrTon: number;
  destAddrNpi: number;
  destinationAddr: string;
  esmClass: number;
  protocolId: number;
  priorityFlag: number;
  scheduleDeliveryTime: string;
  validityPeriod: string;
  registeredDelivery: number;
  replaceIfPresentFlag: number;
  dataCoding: number;
  smDefaultMsgId: number;
  /** Octets as sent (with the UDH when esm_class has UDHI, 0x40). */
  shortMessage: Buffer;
}

/** The body of each PDU by command. */
export interface Bodies {
  generic_nack: Record<string, never>;
  bind_transmitter: BindTransmitter;
  bind_transmitter_resp: { systemId: string };
  submit_sm: ShortMessage;
  submit_sm_resp: { messageId: string };
  deliver_sm: ShortMessage;
  deliver_sm_resp: { messageId: string };
  unbind: Record<string, never>;
  unbind_resp: Record<string, never>;
  enquire_link: Record<string, never>;
  enquire_link_resp: Record<string, never>;
}

export type Pdu = {
  [C in CommandName]: { command: C; status: number; sequence: number; body: Bodies[C] };
}[CommandName];

export class PduError extends Error {}

// ---- writing ----

class Writer {
  readonly #chunks: Buffer[] = [];
  cstring(value: string, max: number, field: string): this {
    const bytes = Buffer.from(value, 'latin1');
    if (bytes.length >= max || /[^\x20-\x7e]/.test(value))
      throw new PduError(`${field} is not a C-octet string of < ${max} ASCII characters`);
    this.#chunks.push(bytes, Buffer.of(0));
    return this;
  }
  int8(value: number): this {
    this.#chunks.push(Buffer.of(value & 0xff));
    return this;
  }
  octets(value: Buffer): this {
    this.#chunks.push(value);
    return this;
  }
  done(): Buffer {
    return Buffer.concat(this.#chunks);
  }
}

function writeShortMessage(m: ShortMessage): Buffer {
  if (m.shortMessage.length > 254) throw new PduError('short_message is longer than 254 octets');
  return new Writer()
    .cstring(m.serviceType, 6, 'service_type')
    .int8(m.sourceAddrTon)
    .int8(m.sourceAddrNpi)
    .cstring(m.sourceAddr, 21, 'source_addr')
    .int8(m.destAddrTon)
    .int8(m.destAddrNpi)
    .cstring(m.destinationAddr, 21, 'destination_addr')
    .int8(m.esmClass)
    .int8(m.protocolId)
    .int8(m.priorityFlag)
    .cstring(m.scheduleDeliveryTime, 17, 'schedule_delivery_time')
    .cstring(m.validityPeriod, 17, 'validity_period')
    .int8(m.registeredDelivery)
    .int8(m.replaceIfPresentFlag)
    .int8(m.dataCoding)
    .int8(m.smDefaultMsgId)
    .int8(m.shortMessage.length)
    .octets(m.shortMessage)
    .done();
}

function writeBody(pdu: Pdu): Buffer {
  switch (pdu.command) {
    case 'bind_transmitter': {
      const b = pdu.body;
      return new Writer()
        .cstring(b.systemId, 16, 'system_id')
        .cstring(b.password, 9, 'password')
        .cstring(b.systemType, 13, 'system_type')
        .int8(b.interfaceVersion)
        .int8(b.addrTon)
        .int8(b.addrNpi)
        .cstring(b.addressRange, 41, 'address_range')
        .done();
    }
    case 'bind_transmitter_resp':
      return new Writer().cstring(pdu.body.systemId, 16, 'system_id').done();
    case 'submit_sm':
    case 'deliver_sm':
      return writeShortMessage(pdu.body);
    case 'submit_sm_resp':
    case 'deliver_sm_resp':
      return new Writer().cstring(pdu.body.messageId, 65, 'message_id').done();
    default:
      return Buffer.alloc(0);
  }
}

/** The PDU's octets. A response with an error status carries no body (spec 4.1.2, 4.4.2). */
export function encodePdu(pdu: Pdu): Buffer {
  const body = pdu.status !== 0 && pdu.command.endsWith('_resp') ? Buffer.alloc(0) : writeBody(pdu);
  const header = Buffer.alloc(HEADER_LENGTH);
  header.writeUInt32BE(HEADER_LENGTH + body.length, 0);
  header.writeUInt32BE(COMMAND[pdu.command], 4);
  header.writeUInt32BE(pdu.status, 8);
  header.writeUInt32BE(pdu.sequence, 12);
  return Buffer.concat([header, body]);
}

// ---- reading ----

class Reader {
  #at = 0;
  readonly bytes: Buffer;
  constructor(bytes: Buffer) {
    this.bytes = bytes;
  }
  get rest(): number {
    return this.bytes.length - this.#at;
  }
  cstring(max: number, field: string): string {
    const end = this.bytes.indexOf(0, this.#at);
    if (end < 0 || end - this.#at >= max) throw new PduError(`${field} is not a terminated C-octet string`);
    const value = this.bytes.toString('latin1', this.#at, end);
    this.#at = end + 1;
    return value;
  }
  int8(field: string): number {
    if (this.rest < 1) throw new PduError(`${field} is missing`);
    return this.bytes[this.#at++]!;
  }
  octets(length: number, field: string): Buffer {
    if (this.rest < length) throw new PduError(`${field} is shorter than its length`);
    const value = this.bytes.subarray(this.#at, this.#at + length);
    this.#at += length;
    return Buffer.from(value);
  }
}

function readShortMessage(r: Reader): ShortMessage {
  const m = {
    serviceType: r.cstring(6, 'service_type'),
    sourceAddrTon: r.int8('source_addr_ton'),
    sourceAddrNpi: r.int8('source_addr_npi'),
    sourceAddr: r.cstring(21, 'source_addr'),
    destAddrTon: r.int8('dest_addr_ton'),
    destAddrNpi: r.int8('dest_addr_npi'),
    destinationAddr: r.cstring(21, 'destination_addr'),
    esmClass: r.int8('esm_class'),
    protocolId: r.int8('protocol_id'),
    priorityFlag: r.int8('priority_flag'),
    scheduleDeliveryTime: r.cstring(17, 'schedule_delivery_time'),
    validityPeriod: r.cstring(17, 'validity_period'),
    registeredDelivery: r.int8('registered_delivery'),
    replaceIfPresentFlag: r.int8('replace_if_present_flag'),
    dataCoding: r.int8('data_coding'),
    smDefaultMsgId: r.int8('sm_default_msg_id'),
  };
  const length = r.int8('sm_length');
  // Optional TLVs may follow (message_payload, receipted_message_id, …): not needed here, skipped.
  return { ...m, shortMessage: r.octets(length, 'short_message') };
}

function readBody(command: CommandName, status: number, r: Reader): Bodies[CommandName] {
  if (status !== 0 && command.endsWith('_resp'))
    return command === 'bind_transmitter_resp' ? { systemId: '' } : { messageId: '' };
  switch (command) {
    case 'bind_transmitter':
      return {
        systemId: r.cstring(16, 'system_id'),
        password: r.cstring(9, 'password'),
        systemType: r.cstring(13, 'system_type'),
        interfaceVersion: r.int8('interface_version'),
        addrTon: r.int8('addr_ton'),
        addrNpi: r.int8('addr_npi'),
        addressRange: r.cstring(41, 'address_range'),
      };
    case 'bind_transmitter_resp':
      // An optional sc_interface_version TLV may follow; it does not change what is sent, so it is not read.
      return { systemId: r.rest > 0 ? r.cstring(16, 'system_id') : '' };
    case 'submit_sm':
    case 'deliver_sm':
      return readShortMessage(r);
    case 'submit_sm_resp':
    case 'deliver_sm_resp':
      return { messageId: r.rest > 0 ? r.cstring(65, 'message_id') : '' };
    default:
      return {};
  }
}

/**
 * One PDU from its octets (header included). An unknown command_id throws a `PduError` with
 * `unknownCommand` set, so the receiver can answer generic_nack with ESME_RINVCMDID.
 */
export function decodePdu(bytes: Buffer): Pdu {
  if (bytes.length < HEADER_LENGTH || bytes.readUInt32BE(0) !== bytes.length)
    throw new PduError('command_length does not match');
  const id = bytes.readUInt32BE(4);
  const status = bytes.readUInt32BE(8);
  const sequence = bytes.readUInt32BE(12);
  const command = NAME_OF.get(id);
  if (!command)
    throw Object.assign(new PduError(`unknown command_id 0x${id.toString(16)}`), { unknownCommand: id, sequence });
  const body = readBody(command, status, new Reader(bytes.subarray(HEADER_LENGTH)));
  return { command, status, sequence, body } as Pdu;
}

/**
 * Cuts a byte stream into PDUs: `push` each chunk from the socket, get the complete PDUs' octets back.
 * Throws on a command_length outside 16 … MAX_PDU_LENGTH (the peer speaks no SMPP: drop the connection).
 */
export class PduFramer {
  #buffer: Buffer = Buffer.alloc(0);
  push(chunk: Buffer): Buffer[] {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const frames: Buffer[] = [];
    while (this.#buffer.length >= 4) {
      const length = this.#buffer.readUInt32BE(0);
      if (length < HEADER_LENGTH || length > MAX_PDU_LENGTH)
        throw new PduError(`command_length ${length} is out of range`);
      if (this.#buffer.length < length) break;
      frames.push(this.#buffer.subarray(0, length));
      this.#buffer = this.#buffer.subarray(length);
    }
    return frames;
  }
}

/** The command's name for a log line. */
export const commandName = (id: number): string => NAME_OF.get(id) ?? `0x${id.toString(16)}`;
