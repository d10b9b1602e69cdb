/** The casework settings as operators give them: defaults, per-kind retention, and clear refusals naming the key. */
import { expect } from 'chai';
import { ConfigError, CONFIG_DOCS, loadConfig } from '../../../video-service/src/config.ts';

const base = { DATA_DIR: '/tmp/va-config-test' };

function refusal(env: Record<string, string>): string {
  try {
    loadConfig({ ...base, ...env });
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return (error as ConfigError).key;
  }
  throw new Error('accepted');
}

describe('casework configuration', () => {
  it('has safe defaults: 90 days for every kind, development seal, dev SMS outbox, 10 MiB uploads', () => {
    const { casework } = loadConfig(base);
    expect(casework.retentionDays).to.deep.equal({
      forms: 90,
      documents: 90,
      files: 90,
      chat: 90,
      idcheck: 90,
      tans: 90,
      sessions: 90,
    });
    expect(casework.seal).to.deep.equal({ kind: 'development' });
    expect(casework).to.include({
      smsGateway: 'dev-outbox',
      uploadMaxBytes: 10 * 1024 * 1024,
      uploadQuotaBytes: 50 * 1024 * 1024,
      clamavUrl: undefined,
      dataDir: '/tmp/va-config-test/casework',
    });
  });

  it('takes RETENTION_DAYS as the base and RETENTION_DAYS_<KIND> per kind', () => {
    const { casework } = loadConfig({
      ...base,
      RETENTION_DAYS: '30',
      RETENTION_DAYS_TANS: '1',
      RETENTION_DAYS_DOCUMENTS: '365',
    });
    expect(casework.retentionDays).to.include({ forms: 30, tans: 1, documents: 365, chat: 30 });
  });

  it('refuses bad values naming the key', () => {
    expect(refusal({ SEAL_P12_FILE: '/etc/seal.p12' })).to.equal('SEAL_P12_PASSPHRASE');
    expect(refusal({ SEAL_P12_PASSPHRASE: 'x' })).to.equal('SEAL_P12_FILE');
    expect(refusal({ CLAMAV_URL: 'http://clamd:3310' })).to.equal('CLAMAV_URL');
    expect(refusal({ RETENTION_DAYS_FILES: '0' })).to.equal('RETENTION_DAYS_FILES');
    expect(refusal({ UPLOAD_MAX_BYTES: 'viel' })).to.equal('UPLOAD_MAX_BYTES');
    expect(refusal({ SMS_GATEWAY: 'twilio' })).to.equal('SMS_GATEWAY');
  });

  it('reads the SMPP gateway: host and port from SMS_SMPP_URL, TLS with ssmpp://, defaults for the timeouts', () => {
    const smpp = {
      SMS_GATEWAY: 'smpp',
      SMS_SMPP_URL: 'smpp://smsc.example.net',
      SMS_SMPP_SYSTEM_ID: 'musterstadt',
      SMS_SMPP_PASSWORD: 'geh3im!',
      SMS_SMPP_SOURCE: 'Musterstadt',
    };
    expect(loadConfig({ ...base, ...smpp }).casework.smpp).to.deep.equal({
      host: 'smsc.example.net',
      port: 2775,
      tls: false,
      caFile: undefined,
      systemId: 'musterstadt',
      password: 'geh3im!',
      systemType: '',
      source: 'Musterstadt',
      countryCode: '49',
      connectTimeoutMs: 10_000,
      responseTimeoutMs: 10_000,
      enquireLinkMs: 30_000,
    });
    const tls = loadConfig({
      ...base,
      ...smpp,
      SMS_SMPP_URL: 'ssmpp://smsc.example.net:3550',
      SMS_SMPP_SOURCE: '+4930123456',
      SMS_SMPP_SYSTEM_TYPE: 'VMA',
      SMS_SMPP_ENQUIRE_LINK_SECONDS: '0',
    }).casework.smpp;
    expect(tls).to.include({ port: 3550, tls: true, source: '+4930123456', systemType: 'VMA', enquireLinkMs: 0 });
    expect(loadConfig(base).casework.smpp).to.equal(undefined);

    for (const key of ['SMS_SMPP_URL', 'SMS_SMPP_SYSTEM_ID', 'SMS_SMPP_PASSWORD', 'SMS_SMPP_SOURCE'])
      expect(refusal({ ...smpp, [key]: '' }), `without ${key}`).to.equal(key);
    expect(refusal({ ...smpp, SMS_SMPP_URL: 'http://smsc.example.net:2775' })).to.equal('SMS_SMPP_URL');
    expect(refusal({ ...smpp, SMS_SMPP_URL: 'ssmpp://smsc.example.net' })).to.equal('SMS_SMPP_URL');
    expect(refusal({ ...smpp, SMS_SMPP_URL: 'smpp://user:pw@smsc.example.net:2775' })).to.equal('SMS_SMPP_URL');
    expect(refusal({ ...smpp, SMS_SMPP_CA_FILE: '/etc/smsc-ca.pem' }), 'a CA without TLS').to.equal('SMS_SMPP_CA_FILE');
    expect(refusal({ ...smpp, SMS_SMPP_PASSWORD: 'longer-than-8' })).to.equal('SMS_SMPP_PASSWORD');
    expect(refusal({ ...smpp, SMS_SMPP_SOURCE: 'Stadtverwaltung Musterstadt' })).to.equal('SMS_SMPP_SOURCE');
    expect(refusal({ ...smpp, SMS_SMPP_SOURCE: '12345' })).to.equal('SMS_SMPP_SOURCE');
    expect(refusal({ ...smpp, SMS_SMPP_RESPONSE_TIMEOUT_MS: '5' })).to.equal('SMS_SMPP_RESPONSE_TIMEOUT_MS');
    // The refusal names the key, never the secret.
    try {
      loadConfig({ ...base, ...smpp, SMS_SMPP_PASSWORD: 'geheim-zu-lang' });
    } catch (error) {
      expect((error as Error).message).not.to.include('geheim-zu-lang');
    }
  });

  it('documents every casework key', () => {
    const keys = CONFIG_DOCS.map((d) => d.key);
    for (const key of [
      'AUTHORITY_NAME',
      'SEAL_P12_FILE',
      'CLAMAV_URL',
      'RETENTION_DAYS',
      'RETENTION_DAYS_CHAT',
      'UPLOAD_QUOTA_BYTES',
      'DOCUMENT_LINK_TTL_HOURS',
      'SMS_SMPP_URL',
      'SMS_SMPP_PASSWORD',
    ])
      expect(keys).to.include(key);
  });
});
