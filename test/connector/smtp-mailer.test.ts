import { expect } from 'chai';
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { OutgoingMail } from '../../connector/src/domain/ports.ts';
import { SmtpMailer } from '../../connector/src/notify/smtp-mailer.ts';
import { startSmtpServer } from './mail-smtp-server.ts';

const mail = (to: string): OutgoingMail => ({
  to: [to],
  subject: 'Ihr Termin',
  text: 'Hallo',
  html: '<p>Hallo</p>',
  attachments: [],
});

describe('SMTP mailer (connector/src/notify/smtp-mailer.ts)', function () {
  this.timeout(20_000);

  it('delivers through its pooled connections, each opened with TCP_NODELAY', async () => {
    const server = await startSmtpServer();
    const clientSockets: net.Socket[] = [];
    // Watch the connections the mailer opens (the server side cannot see the client's socket options).
    const connect = net.Socket.prototype.connect;
    const setNoDelay = net.Socket.prototype.setNoDelay;
    const noDelay = new WeakSet<net.Socket>();
    net.Socket.prototype.setNoDelay = function (this: net.Socket, enable?: boolean) {
      if (enable !== false) noDelay.add(this);
      return setNoDelay.call(this, enable);
    };
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      clientSockets.push(this);
      return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
    } as typeof connect;
    const mailer = new SmtpMailer(`smtp://127.0.0.1:${server.port}`, '"Virtuelles Amt" <no-reply@example.org>');
    try {
      await Promise.all(['a@example.org', 'b@example.org', 'c@example.org'].map((to) => mailer.send(mail(to))));
      expect(server.received.map((m) => m.to[0]).sort()).to.deep.equal([
        'a@example.org',
        'b@example.org',
        'c@example.org',
      ]);
      const toServer = clientSockets.filter((s) => s.remotePort === server.port);
      expect(toServer.length).to.be.greaterThan(0);
      for (const socket of toServer) expect(noDelay.has(socket), 'socket without TCP_NODELAY').to.equal(true);
    } finally {
      net.Socket.prototype.connect = connect;
      net.Socket.prototype.setNoDelay = setNoDelay;
      await mailer.close();
      await server.close();
    }
  });

  it('fails a send with a code the outbox can retry on when nothing listens', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const mailer = new SmtpMailer(`smtp://127.0.0.1:${port}`, 'no-reply@example.org');
    try {
      const error = await mailer.send(mail('a@example.org')).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(Error);
      expect((error as { code?: string }).code).to.be.oneOf(['ECONNREFUSED', 'ECONNECTION']);
    } finally {
      await mailer.close();
    }
  });

  it('reports a server that refuses the recipient', async () => {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('no such user'), { responseCode: 550 }));
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const mailer = new SmtpMailer(
      `smtp://127.0.0.1:${(server.server.address() as net.AddressInfo).port}`,
      'no-reply@example.org',
    );
    try {
      const error = await mailer.send(mail('nobody@example.org')).catch((e: unknown) => e);
      expect((error as { responseCode?: number }).responseCode).to.equal(550);
    } finally {
      await mailer.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
