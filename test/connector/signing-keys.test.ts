import { createHash } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { startConnector } from './support.ts';

describe('signing keys', function () {
  this.timeout(20_000);
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'va-keys-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  async function jwksOf(baseUrl: string) {
    const res = await fetch(`${baseUrl}/.well-known/jwks.json`);
    expect(res.status).to.equal(200);
    return {
      cacheControl: res.headers.get('cache-control'),
      body: (await res.json()) as { keys: Array<Record<string, string>> },
    };
  }

  it('generates an ES256 key on first start (file mode 0600) and reuses it on the second start', async () => {
    const first = await startConnector({ dataDir });
    const a = await jwksOf(first.baseUrl);
    await first.close();
    const file = path.join(dataDir, 'connector-signing-key.pem');
    expect((await stat(file)).mode & 0o777).to.equal(0o600);

    expect(a.cacheControl).to.include('max-age=300');
    expect(a.body.keys).to.have.length(1);
    const key = a.body.keys[0]!;
    expect(key).to.include({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(key).to.not.have.property('d');
    const thumbprint = createHash('sha256')
      .update(JSON.stringify({ crv: key.crv, kty: key.kty, x: key.x, y: key.y }))
      .digest('base64url');
    expect(key.kid).to.equal(thumbprint);

    const second = await startConnector({ dataDir });
    const b = await jwksOf(second.baseUrl);
    await second.close();
    expect(b.body.keys[0]!.kid).to.equal(key.kid);
    expect(b.body.keys[0]!.x).to.equal(key.x);
  });

  it('uses a different key for a different DATA_DIR', async () => {
    const one = await startConnector({ dataDir });
    const other = await startConnector();
    try {
      const [a, b] = await Promise.all([jwksOf(one.baseUrl), jwksOf(other.baseUrl)]);
      expect(a.body.keys[0]!.kid).to.not.equal(b.body.keys[0]!.kid);
    } finally {
      await one.close();
      await other.close();
    }
  });
});
