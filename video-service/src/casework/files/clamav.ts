/**
 * ClamAV over TCP with clamd's INSTREAM command (clamd(8), "INSTREAM"): `zINSTREAM\0`, then chunks each
 * prefixed with their length as a 4-byte big-endian integer, ended by a zero-length chunk; clamd answers
 * `stream: OK\0` or `stream: <signature> FOUND\0` (or `... ERROR\0`). Any other answer, a timeout or a
 * refused connection is an error: uploads are then refused (fail closed).
 */
import { connect } from 'node:net';
import type { ScanResult, VirusScanner } from '../ports.ts';

const CHUNK = 64 * 1024;

export class ClamavScanner implements VirusScanner {
  readonly #host: string;
  readonly #port: number;
  readonly #timeoutMs: number;

  /** `url`: tcp://host:port (CLAMAV_URL). */
  constructor(url: string, timeoutMs = 30_000) {
    const u = new URL(url);
    this.#host = u.hostname;
    this.#port = Number(u.port || 3310);
    this.#timeoutMs = timeoutMs;
  }

  scan(bytes: Buffer): Promise<ScanResult> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: this.#host, port: this.#port });
      const replies: Buffer[] = [];
      let settled = false;
      const finish = (error: Error | null, result?: ScanResult) => {
        if (settled) return;
        settled = true;
        socket.destroy();
        if (error) reject(error);
        else resolve(result!);
      };
      socket.setTimeout(this.#timeoutMs, () => finish(new Error('clamd did not answer in time')));
      socket.on('error', (error) => finish(new Error(`clamd unreachable: ${error.message}`)));
      socket.on('data', (chunk) => {
        replies.push(chunk);
        const reply = Buffer.concat(replies);
        const end = reply.indexOf(0);
        if (end >= 0) finish(null, parseReply(reply.subarray(0, end).toString('utf8')));
      });
      socket.on('end', () => finish(new Error('clamd closed the connection without an answer')));
      socket.on('connect', () => {
        socket.write('zINSTREAM\0');
        for (let offset = 0; offset < bytes.length; offset += CHUNK) {
          const chunk = bytes.subarray(offset, offset + CHUNK);
          const size = Buffer.alloc(4);
          size.writeUInt32BE(chunk.length);
          socket.write(size);
          socket.write(chunk);
        }
        socket.write(Buffer.alloc(4));
      });
    });
  }
}

function parseReply(reply: string): ScanResult {
  const text = reply.trim();
  if (/^stream: OK$/.test(text)) return { clean: true };
  const found = /^stream: (.+) FOUND$/.exec(text);
  if (found) return { clean: false, signature: found[1]!.slice(0, 200) };
  throw new Error(`clamd error: ${text.slice(0, 200)}`);
}
