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
    const config = loadConfig({ JWKS_FILE: '/etc/va/jwks.json', CONNECTOR_JWKS_URL: 'http://connector/jwks', TRUSTED_ISSUERS: 'a, b', TURN_URLS: 'stun:x:3478, ' });
    expect(config.jwks).to.deep.equal({ kind: 'file', path: '/etc/va/jwks.json' });
    expect(config.trustedIssuers).to.deep.equal(['a', 'b']);
    expect(config.turn.urls).to.deep.equal(['stun:x:3478']);
  });

  for (const [env, key] of [
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
