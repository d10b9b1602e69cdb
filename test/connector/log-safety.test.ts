import { expect } from 'chai';
import { DatabaseError } from 'sequelize';
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { createLogger, safeError } from '../../connector/src/log.ts';
import { createRootLogger, errorFields } from '../../video-service/src/log.ts';

/** The lines a logger wrote, parsed. */
function capture(make: (stream: Writable) => Logger): { log: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({ write: (chunk, _enc, done) => (chunks.push(String(chunk)), done()) });
  return {
    log: make(stream),
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
  };
}

/** MariaDB repeats the offending value in its message, and sequelize attaches the SQL with its values. */
function duplicateEntryError(): Error {
  const driverError = Object.assign(new Error("Duplicate entry 'erika@example.org' for key 'appointments_email'"), {
    code: 'ER_DUP_ENTRY',
    sql: "INSERT INTO appointments (citizen) VALUES ('Erika Mustermann, erika@example.org')",
    parameters: {},
  });
  return new DatabaseError(driverError);
}

describe('errors as they reach the logs', () => {
  for (const [service, serialize] of [
    ['connector', safeError],
    ['video service', errorFields],
  ] as const) {
    it(`${service}: a database error keeps its name and driver code but none of the values`, () => {
      const logged = JSON.stringify(serialize(duplicateEntryError()));
      expect(logged).to.include('SequelizeDatabaseError').and.include('ER_DUP_ENTRY');
      expect(logged).to.not.match(/erika|Mustermann/i);
    });

    it(`${service}: other errors keep their message; an already serialised error passes unchanged`, () => {
      const fields = serialize(new Error('connect ECONNREFUSED 127.0.0.1:25'));
      expect(fields).to.include({ name: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:25' });
      expect(serialize(fields)).to.deep.equal(fields);
    });
  }
});

describe('keys that carry personal data or secrets are censored in both services (pino redact)', () => {
  const loggers = [
    ['connector', (s: Writable) => createLogger('info', 'connector', s)],
    ['video service', (s: Writable) => createRootLogger('info', s)],
  ] as const;
  for (const [service, make] of loggers) {
    it(`${service}: tokens, e-mail addresses, names and URLs become [redacted]; ids and the error's name stay`, () => {
      const { log, lines } = capture(make);
      log.warn(
        {
          room: 'room-1',
          token: 'eyJhbGciOi.secret',
          sessionToken: 'S3ss10n',
          url: 'https://amt.example/join#eyJ',
          email: 'erika@example.org',
          participant: { id: 'p-1', name: 'Erika Mustermann' },
          request: { tan: '123456', secret: 'hush' },
          citizen: {
            id: 'c-1',
            phone: '+4915112345678',
            birthDate: '1990-04-27',
            street: 'Hauptstraße 5',
            postcode: '69117',
          },
          appt: { verify: { birthDate: '1990-04-27' } },
          err: new Error('refused'),
        },
        'a line',
      );
      log.flush?.();
      const [line] = lines();
      const text = JSON.stringify(line);
      expect(text).to.not.match(/eyJ|S3ss10n|erika|Mustermann|123456|hush|4915112345678|1990-04-27|Hauptstraße|69117/i);
      expect((line!.citizen as { id: string }).id, 'ids stay').to.equal('c-1');
      expect(line).to.include({
        room: 'room-1',
        token: '[redacted]',
        url: '[redacted]',
        email: '[redacted]',
        sessionToken: '[redacted]',
      });
      expect(line!.participant).to.deep.equal({ id: 'p-1', name: '[redacted]' });
      expect((line!.err as { name: string }).name).to.equal('Error');
    });
  }
});
