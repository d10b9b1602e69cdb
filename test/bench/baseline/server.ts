/**
 * The baseline's tiny signalling server: serves page.html and the socket.io client, and relays every
 * `signal` to the other sockets of the same room. Nothing else — no tokens, no database, no lobby. Used only
 * by room-join.bench.ts, on loopback.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Server } from 'socket.io';

export interface Baseline {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Safe to call twice. */
  close(): Promise<void>;
}

export async function startBaseline(): Promise<Baseline> {
  const page = await readFile(path.join(import.meta.dirname, 'page.html'));
  const http = createServer((req, res) => {
    if (req.url?.startsWith('/?') || req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(page);
    } else {
      res.writeHead(404).end();
    }
  });
  const io = new Server(http, { serveClient: true });
  io.on('connection', (socket) => {
    let room: string | undefined;
    socket.on('enter', (name: string, ack: () => void) => {
      room = String(name);
      void socket.join(room);
      ack();
    });
    socket.on('join', (ack: () => void) => ack());
    socket.on('signal', (message: unknown) => {
      if (room) socket.to(room).emit('signal', message);
    });
  });
  http.listen(0, '127.0.0.1');
  await new Promise((resolve) => http.once('listening', resolve));
  const { port } = http.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        io.close(() => resolve());
      })),
  };
}
