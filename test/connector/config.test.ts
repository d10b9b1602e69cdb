import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../connector/src/config.ts';
import { ConfigError } from '../../connector/src/errors.ts';

const root = path.resolve(import.meta.dirname, '../..');

describe('connector configuration', () => {
  it('has working defaults for an embedded start', () => {
    const config = loadConfig({});
    expect(config).to.include({
      port: 3000,
      host: '0.0.0.0',
      videoPublicUrl: 'http://localhost:4000',
      timezone: 'Europe/Berlin',
      logLevel: 'info',
      joinOpensMinutesBefore: 15,
      joinGraceMinutesAfter: 60,
    });
    expect(config.dataDir).to.equal(path.resolve('./data'));
    expect(config.databaseUrl).to.equal(`sqlite:${path.resolve('./data/connector.sqlite')}`);
    expect(config.smtpUrl).to.equal(undefined);
    expect(config.genericWebhookSecret).to.equal(undefined);
    expect(config.apiKeys).to.deep.equal([]);
  });

  it('names the key and the problem when a value is wrong', () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ PORT: 'abc' }, 'PORT'],
      [{ GENERIC_WEBHOOK_SECRET: 'secret' }, 'GENERIC_WEBHOOK_SECRET'],
      [{ GENERIC_WEBHOOK_SECRET: 'whsec_c2hvcnQ=' }, 'GENERIC_WEBHOOK_SECRET'],
      [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
      [{ TIMEZONE: 'Europe/Atlantis' }, 'TIMEZONE'],
      [{ DATABASE_URL: 'postgres://x/y' }, 'DATABASE_URL'],
      [{ VIDEO_PUBLIC_URL: 'not a url' }, 'VIDEO_PUBLIC_URL'],
      [{ API_KEYS: 'short' }, 'API_KEYS'],
      [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
      [{ PLUGIN_ALLOWED_ORIGINS: 'https://scheduler.example/' }, 'PLUGIN_ALLOWED_ORIGINS'],
      [{ PLUGIN_ALLOWED_ORIGINS: 'https://a.example,*' }, 'PLUGIN_ALLOWED_ORIGINS'],
      [{ PLUGIN_ALLOWED_ORIGINS: 'ftp://scheduler.example' }, 'PLUGIN_ALLOWED_ORIGINS'],
      [{ REDIS_URL: 'http://127.0.0.1:6379' }, 'REDIS_URL'],
      [{ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: 'va live' }, 'REDIS_KEY_PREFIX'],
    ];
    for (const [env, key] of cases) {
      let error: unknown;
      try {
        loadConfig(env);
      } catch (err) {
        error = err;
      }
      expect(error, key).to.be.instanceOf(ConfigError);
      expect((error as ConfigError).key).to.equal(key);
      expect((error as ConfigError).message).to.match(new RegExp(`^${key}: .+`));
    }
  });

  it('reads PLUGIN_ALLOWED_ORIGINS as a list of exact origins (none by default)', () => {
    expect(loadConfig({}).pluginAllowedOrigins).to.deep.equal([]);
    expect(
      loadConfig({ PLUGIN_ALLOWED_ORIGINS: ' https://scheduler.example , http://127.0.0.1:8080' }).pluginAllowedOrigins,
    ).to.deep.equal(['https://scheduler.example', 'http://127.0.0.1:8080']);
  });

  it('reads REDIS_URL and REDIS_KEY_PREFIX together (unset: one process, the in-process live bus)', () => {
    expect(loadConfig({}).redis).to.equal(undefined);
    expect(loadConfig({ REDIS_URL: 'rediss://redis.internal:6380' }).redis).to.deep.equal({
      url: 'rediss://redis.internal:6380',
      keyPrefix: 'va',
    });
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: 'amt-mitte' }).redis).to.deep.equal({
      url: 'redis://127.0.0.1:6379',
      keyPrefix: 'amt-mitte',
    });
  });

  it('accepts MySQL URLs and trims trailing slashes from public URLs', () => {
    const config = loadConfig({
      DATABASE_URL: 'mysql://u:p@db:3306/amt',
      PUBLIC_URL: 'https://amt.example.org/',
      API_KEYS: 'a'.repeat(16) + ', ' + 'b'.repeat(20),
    });
    expect(config.databaseUrl).to.equal('mysql://u:p@db:3306/amt');
    expect(config.publicUrl).to.equal('https://amt.example.org');
    expect(config.apiKeys).to.deep.equal(['a'.repeat(16), 'b'.repeat(20)]);
  });

  it('main.ts fails fast with "Configuration error: <KEY>: …" and exit code 1', function () {
    this.timeout(20_000);
    const run = spawnSync(process.execPath, ['connector/src/main.ts'], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, PORT: '99999' },
    });
    expect(run.status).to.equal(1);
    expect(run.stderr).to.match(/^Configuration error: PORT: /m);
  });
});
