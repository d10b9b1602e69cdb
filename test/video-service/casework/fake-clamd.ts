/**
 * A tiny clamd stand-in speaking the real INSTREAM protocol (clamd(8)): `zINSTREAM\0`, length-prefixed
 * chunks, a zero-length chunk, then `stream: OK\0` or `stream: Eicar-Test-Signature FOUND\0`. Used because
 * Debian's clamav-daemon needs signature downloads that this machine cannot make.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

// The EICAR anti-virus test string, assembled so this source file is not itself flagged.
export const EICAR = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'].join('');

export interface FakeClamd {
  url: string;
  /** How many streams were scanned. */
  readonly scans: number;
  close(): Promise<void>;
}

function serve(socket: Socket, onScan: () => void): void {
  let buffer = Buffer.alloc(0);
  let commandDone = false;
  const data: Buffer[] = [];
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    if (!commandDone) {
      const end = buffer.indexOf(0);
      if (end < 0) return;
      if (buffer.subarray(0, end).toString() !== 'zINSTREAM') {
        socket.end('UNKNOWN COMMAND\0');
        return;
      }
      commandDone = true;
      buffer = buffer.subarray(end + 1);
    }
    while (buffer.length >= 4) {
      const size = buffer.readUInt32BE(0);
      if (size === 0) {
        onScan();
        const infected = Buffer.concat(data).includes(EICAR);
        socket.end(infected ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0');
        return;
      }
      if (buffer.length < 4 + size) return;
      data.push(buffer.subarray(4, 4 + size));
      buffer = buffer.subarray(4 + size);
    }
  });
  socket.on('error', () => undefined);
}

export async function startFakeClamd(): Promise<FakeClamd> {
  let scans = 0;
  const server: Server = createServer((socket) => serve(socket, () => (scans += 1)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `tcp://127.0.0.1:${port}`,
    get scans() {
      return scans;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
