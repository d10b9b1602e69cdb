/**
 * The production SMS gateway (SMS_GATEWAY=smpp, ADR 0150): each message goes as one submit_sm — or, when
 * longer than one SMS, as parts with a concatenation UDH — over an SMPP v3.4 transmitter session to the
 * provider's SMSC. SMPP errors become an `SmsSendError` with a reason (throttled, invalid destination, bind
 * failed, timeout, …). Logged are the parts' message ids and the outcome, never the number or the text.
 */
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { SmsGateway, SmsMessage } from '../../ports.ts';
import { SmsSendError } from '../sms-error.ts';
import { STATUS, type ShortMessage } from './pdu.ts';
import { SmppClient, SmppFailure } from './smpp-client.ts';
import { encodeText } from '../text-encoding.ts';

export interface SmppSettings {
  host: string;
  port: number;
  tls: boolean;
  /** PEM CA file trusted for TLS instead of the system's CAs. */
  caFile: string | undefined;
  systemId: string;
  password: string;
  systemType: string;
  /** Alphanumeric sender ("Musterstadt") or an international number ("+4930…"). */
  source: string;
  /** Country calling code for national numbers in a form ("0170 …" → 49170…). */
  countryCode: string;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  enquireLinkMs: number;
}

/** Parts beyond this are refused: an SMS-TAN is one SMS; ten parts is a text that went wrong. */
const MAX_PARTS = 10;
const ESM_CLASS_UDHI = 0x40;
const TON_INTERNATIONAL = 1;
const TON_ALPHANUMERIC = 5;
const NPI_ISDN = 1;
const NPI_UNKNOWN = 0;

/** The number in international format without '+' (E.164 digits), or null when it cannot be one. */
export function internationalNumber(phone: string, countryCode: string): string | null {
  const digits = phone.replace(/[^0-9+]/g, '');
  const international = digits.startsWith('+')
    ? digits.slice(1)
    : digits.startsWith('00')
      ? digits.slice(2)
      : digits.startsWith('0')
        ? countryCode + digits.slice(1)
        : null;
  return international && /^[1-9]\d{6,14}$/.test(international) ? international : null;
}

/** TON/NPI of the sender: alphanumeric (5/0) or an international number (1/1, without '+'). */
function sourceAddress(source: string): Pick<ShortMessage, 'sourceAddr' | 'sourceAddrTon' | 'sourceAddrNpi'> {
  return source.startsWith('+')
    ? { sourceAddr: source.slice(1), sourceAddrTon: TON_INTERNATIONAL, sourceAddrNpi: NPI_ISDN }
    : { sourceAddr: source, sourceAddrTon: TON_ALPHANUMERIC, sourceAddrNpi: NPI_UNKNOWN };
}

/** The SMPP failure as the reason the TAN flow and the log understand. */
function failure(error: unknown): SmsSendError {
  if (!(error instanceof SmppFailure)) return new SmsSendError('rejected', 'SMS could not be sent');
  switch (error.kind) {
    case 'timeout':
      return new SmsSendError('timeout', error.message);
    case 'connect':
    case 'dropped':
      return new SmsSendError('unreachable', error.message);
    case 'status':
      break;
  }
  const status = error.status;
  if (status === STATUS.ESME_RTHROTTLED || status === STATUS.ESME_RMSGQFUL)
    return new SmsSendError('throttled', 'the SMSC asks to send more slowly', status);
  if (status === STATUS.ESME_RINVDSTADR || status === STATUS.ESME_RINVDSTTON || status === STATUS.ESME_RINVDSTNPI)
    return new SmsSendError('invalid_destination', 'the SMSC refuses the destination number', status);
  if (status === STATUS.ESME_RBINDFAIL || status === STATUS.ESME_RINVPASWD || status === STATUS.ESME_RINVSYSID)
    return new SmsSendError('bind_failed', 'the SMSC refuses the bind (system_id, password or system_type)', status);
  return new SmsSendError('rejected', error.message, status);
}

export class SmppGateway implements SmsGateway {
  readonly name = 'smpp';
  readonly #client: SmppClient;
  readonly #settings: SmppSettings;
  readonly #log: Logger;

  constructor(settings: SmppSettings, log: Logger) {
    this.#settings = settings;
    this.#log = log.child({ component: 'sms-smpp' });
    // Read once at start: an unreadable CA file stops the service there, not at the first TAN.
    const ca = settings.caFile ? readFileSync(settings.caFile) : undefined;
    this.#client = new SmppClient({ ...settings, ca, log: this.#log });
  }

  /** The short messages of one SMS: one, or the parts of a concatenated one (UDH IEI 0x00, 8-bit reference). */
  #shortMessages(to: string, text: string): ShortMessage[] {
    const { dataCoding, parts } = encodeText(text);
    if (parts.length > MAX_PARTS) throw new SmsSendError('too_long', `the text needs ${parts.length} SMS parts`);
    const reference = randomInt(0, 256);
    return parts.map((part, i) => ({
      serviceType: '',
      ...sourceAddress(this.#settings.source),
      destAddrTon: TON_INTERNATIONAL,
      destAddrNpi: NPI_ISDN,
      destinationAddr: to,
      esmClass: parts.length > 1 ? ESM_CLASS_UDHI : 0,
      protocolId: 0,
      priorityFlag: 0,
      scheduleDeliveryTime: '',
      validityPeriod: '',
      registeredDelivery: 0,
      replaceIfPresentFlag: 0,
      dataCoding,
      smDefaultMsgId: 0,
      shortMessage:
        parts.length > 1 ? Buffer.concat([Buffer.of(0x05, 0x00, 0x03, reference, parts.length, i + 1), part]) : part,
    }));
  }

  async send(message: SmsMessage): Promise<{ id: string }> {
    const to = internationalNumber(message.to, this.#settings.countryCode);
    if (!to) throw new SmsSendError('invalid_destination', 'the phone number is not an international number');
    const messages = this.#shortMessages(to, message.text);
    const ids: string[] = [];
    try {
      for (const part of messages) ids.push(await this.#client.submit(part));
    } catch (error) {
      const refused = failure(error);
      this.#log.warn(
        {
          reference: message.reference,
          reason: refused.reason,
          status: refused.status,
          partsSent: ids.length,
          parts: messages.length,
        },
        'SmppGateway.send() | SMS not sent',
      );
      throw refused;
    }
    this.#log.info(
      { reference: message.reference, messageIds: ids, parts: ids.length },
      'SmppGateway.send() | SMS submitted',
    );
    return { id: ids.join(',') };
  }

  /** Unbinds from the SMSC (service shutdown). */
  close(): Promise<void> {
    return this.#client.close();
  }
}
