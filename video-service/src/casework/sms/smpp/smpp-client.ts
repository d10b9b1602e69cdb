/**
 * One SMPP v3.4 transmitter session to the provider's SMSC (ADR 0150). It binds on first use
 * (bind_transmitter), keeps the link alive with enquire_link, answers the SMSC's enquire_link, deliver_sm
 * and unbind, and after a dropped connection binds again on the next submit. Every request waits at most
 * `responseTimeoutMs` for its response; a missing enquire_link_resp counts as a dropped connection.
 * `close` unbinds. Nothing of a message (number, text) and never the password reaches the log.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { Logger } from 'pino';
import {
  decodePdu,
  encodePdu,
  INTERFACE_VERSION,
  PduFramer,
  type Bodies,
  type Pdu,
  type ShortMessage,
  STATUS,
} from './pdu.ts';

export interface SmppClientOptions {
  host: string;
  port: number;
  tls: boolean;
  /** CA certificates (PEM) trusted instead of the system's; undefined: the system's. */
  ca: Buffer | undefined;
  systemId: string;
  password: string;
  systemType: string;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  enquireLinkMs: number;
  log: Logger;
}

/** Why a request failed: an SMPP command_status, or the connection (not reachable, dropped, timed out). */
export class SmppFailure extends Error {
  readonly kind: 'status' | 'connect' | 'dropped' | 'timeout';
  readonly status: number | undefined;
  constructor(kind: SmppFailure['kind'], status: number | undefined, message: string) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.name = 'SmppFailure';
  }
}

type Request = 'bind_transmitter' | 'submit_sm' | 'enquire_link' | 'unbind';
type ResponseOf<R extends Request> = Bodies[`${R}_resp`];

interface Pending {
  command: Request;
  resolve: (pdu: Pdu) => void;
  reject: (error: SmppFailure) => void;
  timer: NodeJS.Timeout;
}

/** One TCP (or TLS) connection: framing, sequence numbers, pending requests. */
class Link {
  readonly #socket: net.Socket;
  readonly #framer = new PduFramer();
  readonly #pending = new Map<number, Pending>();
  #sequence = 0;
  #closed = false;
  readonly closed: Promise<void>;
  readonly options: SmppClientOptions;

  constructor(socket: net.Socket, options: SmppClientOptions) {
    this.#socket = socket;
    this.options = options;
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.#closed = true;
        for (const [sequence, p] of this.#pending) {
          clearTimeout(p.timer);
          p.reject(new SmppFailure('dropped', undefined, `connection closed before the ${p.command}_resp`));
          this.#pending.delete(sequence);
        }
        resolve();
      }),
    );
    socket.on('error', (error: NodeJS.ErrnoException) =>
      options.log.warn({ code: error.code }, 'SMPP | connection error'),
    );
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const frame of this.#framer.push(chunk)) this.#receive(frame);
      } catch (error) {
        options.log.warn(
          { problem: (error as Error).message },
          'SMPP | unreadable data from the SMSC; dropping the connection',
        );
        socket.destroy();
      }
    });
  }

  get isOpen(): boolean {
    return !this.#closed;
  }

  #send(pdu: Pdu): void {
    if (!this.#closed) this.#socket.write(encodePdu(pdu));
  }

  #receive(frame: Buffer): void {
    let pdu: Pdu;
    try {
      pdu = decodePdu(frame);
    } catch (error) {
      // An unknown command or a broken body: generic_nack, as the specification asks (4.3).
      const sequence = frame.readUInt32BE(12);
      const unknown = (error as { unknownCommand?: number }).unknownCommand !== undefined;
      this.#send({
        command: 'generic_nack',
        status: unknown ? STATUS.ESME_RINVCMDID : STATUS.ESME_RINVCMDLEN,
        sequence,
        body: {},
      });
      return;
    }
    switch (pdu.command) {
      case 'enquire_link':
        this.#send({ command: 'enquire_link_resp', status: 0, sequence: pdu.sequence, body: {} });
        return;
      case 'deliver_sm':
        // A transmitter receives none, but some SMSCs send receipts anyway: acknowledge, keep nothing.
        this.#send({ command: 'deliver_sm_resp', status: 0, sequence: pdu.sequence, body: { messageId: '' } });
        return;
      case 'unbind':
        this.options.log.info('SMPP | the SMSC unbinds');
        this.#send({ command: 'unbind_resp', status: 0, sequence: pdu.sequence, body: {} });
        this.#socket.end();
        return;
      case 'generic_nack':
      default: {
        const pending = this.#pending.get(pdu.sequence);
        if (!pending) return;
        this.#pending.delete(pdu.sequence);
        clearTimeout(pending.timer);
        if (pdu.command !== 'generic_nack' && pdu.command !== `${pending.command}_resp`) {
          pending.reject(
            new SmppFailure('status', STATUS.ESME_RSYSERR, `unexpected ${pdu.command} for ${pending.command}`),
          );
        } else if (pdu.status !== STATUS.ESME_ROK || pdu.command === 'generic_nack') {
          pending.reject(
            new SmppFailure(
              'status',
              pdu.status,
              `${pending.command} refused with status 0x${pdu.status.toString(16)}`,
            ),
          );
        } else pending.resolve(pdu);
      }
    }
  }

  request<R extends Request>(command: R, body: Bodies[R]): Promise<ResponseOf<R>> {
    if (this.#closed) return Promise.reject(new SmppFailure('dropped', undefined, 'connection closed'));
    this.#sequence = this.#sequence >= 0x7fffffff ? 1 : this.#sequence + 1;
    const sequence = this.#sequence;
    return new Promise<ResponseOf<R>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(sequence);
        reject(new SmppFailure('timeout', undefined, `no ${command}_resp within ${this.options.responseTimeoutMs} ms`));
      }, this.options.responseTimeoutMs);
      this.#pending.set(sequence, { command, resolve: (pdu) => resolve(pdu.body as ResponseOf<R>), reject, timer });
      this.#send({ command, status: 0, sequence, body } as Pdu);
    });
  }

  destroy(): void {
    this.#socket.destroy();
  }

  end(): void {
    this.#socket.end();
  }
}

function connect(o: SmppClientOptions): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = o.tls
      ? tls.connect({
          host: o.host,
          port: o.port,
          ...(net.isIP(o.host) ? {} : { servername: o.host }),
          ...(o.ca ? { ca: o.ca } : {}),
        })
      : net.connect({ host: o.host, port: o.port });
    const fail = (error: NodeJS.ErrnoException | SmppFailure) => {
      socket.destroy();
      reject(
        error instanceof SmppFailure
          ? error
          : new SmppFailure('connect', undefined, `cannot reach the SMSC (${error.code ?? error.message})`),
      );
    };
    const timer = setTimeout(
      () => fail(new SmppFailure('timeout', undefined, `no connection within ${o.connectTimeoutMs} ms`)),
      o.connectTimeoutMs,
    );
    socket.once('error', fail);
    socket.once(o.tls ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      socket.off('error', fail);
      socket.setNoDelay(true);
      resolve(socket);
    });
  });
}

export class SmppClient {
  readonly #o: SmppClientOptions;
  #link: Promise<Link> | null = null;
  #keepAlive: NodeJS.Timeout | null = null;
  #closing = false;

  constructor(options: SmppClientOptions) {
    this.#o = options;
  }

  /** The bound link, binding first when there is none (or it dropped). Concurrent callers share one bind. */
  #bound(): Promise<Link> {
    if (this.#closing) return Promise.reject(new SmppFailure('dropped', undefined, 'the SMPP client is closed'));
    const link = this.#link;
    if (link) {
      return link.then(
        (l) => (l.isOpen ? l : this.#rebind(link)),
        () => this.#rebind(link),
      );
    }
    return this.#rebind(null);
  }

  #rebind(stale: Promise<Link> | null): Promise<Link> {
    if (this.#link !== stale && this.#link) return this.#bound();
    const binding = this.#bind();
    this.#link = binding;
    binding.catch(() => {
      if (this.#link === binding) this.#link = null;
    });
    return binding;
  }

  async #bind(): Promise<Link> {
    const o = this.#o;
    const link = new Link(await connect(o), o);
    try {
      await link.request('bind_transmitter', {
        systemId: o.systemId,
        password: o.password,
        systemType: o.systemType,
        interfaceVersion: INTERFACE_VERSION,
        addrTon: 0,
        addrNpi: 0,
        addressRange: '',
      });
    } catch (error) {
      link.destroy();
      const status = error instanceof SmppFailure ? error.status : undefined;
      o.log.warn({ status, kind: (error as SmppFailure).kind }, 'SMPP | bind_transmitter failed');
      throw error;
    }
    o.log.info({ host: o.host, port: o.port, tls: o.tls }, 'SMPP | bound as transmitter');
    void link.closed.then(() => {
      if (!this.#closing) o.log.warn('SMPP | connection dropped; binding again on the next message');
    });
    this.#startKeepAlive();
    return link;
  }

  #startKeepAlive(): void {
    if (this.#keepAlive || this.#o.enquireLinkMs <= 0) return;
    this.#keepAlive = setInterval(() => {
      const link = this.#link;
      if (!link) return;
      void link.then(
        (l) => {
          if (!l.isOpen) return;
          // No answer in time: the link is dead though TCP has not noticed yet; drop it, the next send binds.
          l.request('enquire_link', {}).catch((error: SmppFailure) => {
            if (error.kind === 'timeout') l.destroy();
          });
        },
        () => undefined,
      );
    }, this.#o.enquireLinkMs);
    this.#keepAlive.unref();
  }

  /**
   * Submits one short message; returns the SMSC's message_id. Not retried here: after a dropped connection
   * nobody knows whether the SMSC took it, and a second copy must not be sent behind the caller's back.
   */
  async submit(message: ShortMessage): Promise<string> {
    const link = await this.#bound();
    const { messageId } = await link.request('submit_sm', message);
    return messageId;
  }

  /** Unbinds (waiting at most the response timeout) and closes the connection. */
  async close(): Promise<void> {
    this.#closing = true;
    if (this.#keepAlive) clearInterval(this.#keepAlive);
    const link = await this.#link?.catch(() => null);
    this.#link = null;
    if (!link?.isOpen) return;
    try {
      await link.request('unbind', {});
      link.end();
    } catch {
      link.destroy();
    }
    await link.closed;
  }
}
