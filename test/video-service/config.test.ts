/** Configuration: defaults derived from other keys, and start-up failing fast with the key's name. */
import { expect } from 'chai';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../video-service/src/config.ts';

describe('config', () => {
  it('derives PUBLIC_URL and DATABASE_URL from PORT and DATA_DIR', () => {
    const config = loadConfig({ PORT: '4100', DATA_DIR: '/tmp/va-data' });
    expect(config.publicUrl).to.equal('http://localhost:4100');
    expect(config.databaseUrl).to.equal(`sqlite:${path.join('/tmp/va-data', 'video.sqlite')}`);
    expect(config.jwks).to.deep.equal({ kind: 'url', url: 'http://localhost:3000/.well-known/jwks.json' });
    expect(config).to.include({ mediaMode: 'auto', sessionTtlMinutes: 30, logLevel: 'info', host: '0.0.0.0' });
    expect(config.turn).to.include({ relayOnly: false });
  });

  it('JWKS_FILE wins over CONNECTOR_JWKS_URL; lists are split and trimmed', () => {
    const config = loadConfig({
      JWKS_FILE: '/etc/va/jwks.json',
      CONNECTOR_JWKS_URL: 'http://connector/jwks',
      TRUSTED_ISSUERS: 'a, b',
      TURN_URLS: 'stun:x:3478, ',
    });
    expect(config.jwks).to.deep.equal({ kind: 'file', path: '/etc/va/jwks.json' });
    expect(config.trustedIssuers).to.deep.equal(['a', 'b']);
    expect(config.turn.urls).to.deep.equal(['stun:x:3478']);
  });

  it('issue-4 keys: capacity per media mode, Redis off, events off by default; events and Redis when configured', () => {
    const plain = loadConfig({});
    expect(plain.maxParticipants).to.deep.equal({ p2p: 4, sfu: 16 });
    expect(plain.redis).to.equal(undefined);
    expect(plain.events).to.equal(undefined);
    const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    const full = loadConfig({
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: 'amt-a',
      EVENTS_WEBHOOK_URL: 'http://connector:3000/webhooks/video',
      EVENTS_WEBHOOK_SECRET: secret,
      EVENTS_RETRY_SCHEDULE_SECONDS: '1,10,100',
      P2P_MAX_PARTICIPANTS: '3',
    });
    expect(full.redis).to.deep.equal({ url: 'redis://127.0.0.1:6379', keyPrefix: 'amt-a' });
    expect(full.events).to.deep.include({
      url: 'http://connector:3000/webhooks/video',
      secret,
      retrySchedule: [1, 10, 100],
      allowPrivateTargets: false,
    });
    expect(full.maxParticipants.p2p).to.equal(3);
  });

  for (const [env, key] of [
    [{ REDIS_URL: 'http://redis:6379' }, 'REDIS_URL'],
    [{ REDIS_KEY_PREFIX: 'has space' }, 'REDIS_KEY_PREFIX'],
    [{ EVENTS_WEBHOOK_URL: 'http://connector/hooks' }, 'EVENTS_WEBHOOK_SECRET'],
    [{ EVENTS_WEBHOOK_SECRET: `whsec_${Buffer.alloc(32).toString('base64')}` }, 'EVENTS_WEBHOOK_URL'],
    [{ EVENTS_WEBHOOK_URL: 'http://c/h', EVENTS_WEBHOOK_SECRET: 'plain-secret' }, 'EVENTS_WEBHOOK_SECRET'],
    [
      { EVENTS_WEBHOOK_URL: 'http://c/h', EVENTS_WEBHOOK_SECRET: `whsec_${Buffer.alloc(8).toString('base64')}` },
      'EVENTS_WEBHOOK_SECRET',
    ],
    [{ EVENTS_RETRY_SCHEDULE_SECONDS: '5,soon' }, 'EVENTS_RETRY_SCHEDULE_SECONDS'],
    [{ P2P_MAX_PARTICIPANTS: '12' }, 'P2P_MAX_PARTICIPANTS'],
    [{ ALLOW_PRIVATE_TARGETS: 'sometimes' }, 'ALLOW_PRIVATE_TARGETS'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ MEDIA_MODE: 'mesh' }, 'MEDIA_MODE'],
    [{ TURN_RELAY_ONLY: 'perhaps' }, 'TURN_RELAY_ONLY'],
    [{ CONNECTOR_JWKS_URL: 'file:///etc/passwd' }, 'CONNECTOR_JWKS_URL'],
    [{ DATABASE_URL: 'postgres://db' }, 'DATABASE_URL'],
    [{ TURN_URLS: 'turn:turn.example.org' }, 'TURN_SECRET'],
    [{ TURN_URLS: 'http://turn.example.org' }, 'TURN_URLS'],
    [{ SESSION_TTL_MINUTES: '0' }, 'SESSION_TTL_MINUTES'],
  ] as const) {
    it(`fails fast naming ${key} for ${JSON.stringify(env)}`, () => {
      expect(() => loadConfig(env)).to.throw(ConfigError, new RegExp(`^${key}: `));
    });
  }
});
