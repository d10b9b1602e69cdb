/**
 * The video service's logger censors keys that carry personal data or secrets (the list it shares with the
 * connector, video-service/src/shared/log-fields.ts), at the top and nested, and keeps the harmless fields.
 * Lines are read from a captured destination, as an operator would read them from stdout.
 */
import { expect } from 'chai';
import { Writable } from 'node:stream';
import { createLogger } from '../../connector/src/log.ts';
import { createRootLogger } from '../../video-service/src/log.ts';

/** A destination that keeps what pino wrote; `lines()` parses it. */
function capturedDestination(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({ write: (chunk, _enc, done) => (chunks.push(String(chunk)), done()) });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** Everything the brief names as never-in-a-log, each value unique so a leak is found by searching the line. */
const SECRETS = {
  token: 'tok-AAA',
  tan: 'tan-BBB',
  phone: 'phone-CCC',
  email: 'mail-DDD@example.org',
  name: 'name-EEE',
  password: 'pw-FFF',
  secret: 'sec-GGG',
  authorization: 'Bearer auth-HHH',
  cookie: 'va_session=cookie-III',
  firstName: 'first-JJJ',
  lastName: 'last-KKK',
  displayName: 'display-LLL',
};
const LEAK =
  /tok-AAA|tan-BBB|phone-CCC|mail-DDD|name-EEE|pw-FFF|sec-GGG|auth-HHH|cookie-III|first-JJJ|last-KKK|display-LLL|setcookie-MMM|proxy-NNN/;

describe('video service logs: sensitive keys are censored, harmless fields stay', () => {
  it('top-level keys become [redacted]; room, module and level stay', () => {
    const { stream, lines } = capturedDestination();
    const log = createRootLogger('info', stream).child({ module: 'sessions' });
    log.info({ room: 'room-1', participantId: 'p-1', ...SECRETS }, 'exchange() | session issued');
    const [line] = lines();
    expect(JSON.stringify(line)).to.not.match(LEAK);
    for (const key of Object.keys(SECRETS)) expect(line![key], key).to.equal('[redacted]');
    expect(line).to.include({
      room: 'room-1',
      participantId: 'p-1',
      module: 'sessions',
      service: 'video-service',
      msg: 'exchange() | session issued',
    });
  });

  it('nested keys one level down and request headers two levels down become [redacted]', () => {
    const { stream, lines } = capturedDestination();
    const log = createRootLogger('info', stream);
    log.warn(
      {
        participant: { id: 'p-2', role: 'citizen', name: SECRETS.name, displayName: SECRETS.displayName },
        citizen: {
          id: 'c-1',
          phone: SECRETS.phone,
          email: SECRETS.email,
          firstName: SECRETS.firstName,
          lastName: SECRETS.lastName,
        },
        casework: {
          id: 'cw-1',
          tan: SECRETS.tan,
          password: SECRETS.password,
          secret: SECRETS.secret,
          token: SECRETS.token,
        },
        headers: { authorization: SECRETS.authorization, cookie: SECRETS.cookie, 'user-agent': 'Firefox' },
        req: {
          method: 'POST',
          headers: {
            authorization: SECRETS.authorization,
            cookie: SECRETS.cookie,
            'set-cookie': 'va=setcookie-MMM',
            'proxy-authorization': 'Basic proxy-NNN',
            accept: 'application/json',
          },
        },
      },
      'handle() | refused',
    );
    const [line] = lines() as [Record<string, Record<string, unknown>>];
    expect(JSON.stringify(line)).to.not.match(LEAK);
    expect(line.participant).to.deep.equal({
      id: 'p-2',
      role: 'citizen',
      name: '[redacted]',
      displayName: '[redacted]',
    });
    expect(line.citizen).to.deep.equal({
      id: 'c-1',
      phone: '[redacted]',
      email: '[redacted]',
      firstName: '[redacted]',
      lastName: '[redacted]',
    });
    expect(line.casework).to.deep.equal({
      id: 'cw-1',
      tan: '[redacted]',
      password: '[redacted]',
      secret: '[redacted]',
      token: '[redacted]',
    });
    expect(line.headers).to.deep.equal({ authorization: '[redacted]', cookie: '[redacted]', 'user-agent': 'Firefox' });
    expect(line.req).to.deep.equal({
      method: 'POST',
      headers: {
        authorization: '[redacted]',
        cookie: '[redacted]',
        'set-cookie': '[redacted]',
        'proxy-authorization': '[redacted]',
        accept: 'application/json',
      },
    });
  });

  it('an error is written in the same shape as the connector writes it (one serializer), its name not censored', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), {
      code: 'ECONNREFUSED',
      body: { email: SECRETS.email },
    });
    const video = capturedDestination();
    const connector = capturedDestination();
    createRootLogger('info', video.stream).error({ err: error }, 'redis | connection error');
    createLogger('info', 'connector', connector.stream).error({ err: error }, 'redis | connection error');
    const [videoLine] = video.lines();
    const [connectorLine] = connector.lines();
    expect(videoLine!.err).to.deep.equal(connectorLine!.err);
    expect(videoLine!.err).to.include({
      name: 'Error',
      code: 'ECONNREFUSED',
      message: 'connect ECONNREFUSED 127.0.0.1:6379',
    });
    expect(JSON.stringify(videoLine)).to.not.match(LEAK);
  });
});
