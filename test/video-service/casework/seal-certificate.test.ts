/**
 * The authority's own seal: a PKCS#12 made by OpenSSL (EC P-256 and RSA) configured with SEAL_P12_FILE and
 * SEAL_P12_PASSPHRASE seals the documents, verification names its certificate, and a wrong passphrase stops
 * the start with a clear error. Skipped when the openssl command is not installed.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { VerifyResult } from '../../../video-service/src/contract/casework.ts';
import { frozenDocument } from './fill.ts';
import { SVG_SIGNATURE } from './signatures.ts';
import { caseScene, closeScene, must, startCaseworkService, withSession } from './support.ts';

function opensslAvailable(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function makeP12(dir: string, kind: 'ec' | 'rsa', passphrase: string): string {
  const key = path.join(dir, `${kind}.key`);
  const crt = path.join(dir, `${kind}.crt`);
  const p12 = path.join(dir, `${kind}.p12`);
  const algorithm = kind === 'ec' ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-newkey', 'rsa:2048'];
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      ...algorithm,
      '-nodes',
      '-keyout',
      key,
      '-out',
      crt,
      '-days',
      '30',
      '-subj',
      `/CN=Stadt Musterstadt Siegel ${kind}/O=Stadt Musterstadt/C=DE`,
    ],
    { stdio: 'ignore' },
  );
  execFileSync(
    'openssl',
    ['pkcs12', '-export', '-inkey', key, '-in', crt, '-out', p12, '-passout', `pass:${passphrase}`],
    { stdio: 'ignore' },
  );
  return p12;
}

describe('casework seal with the authority certificate (SEAL_P12_FILE)', function () {
  this.timeout(60_000);
  let dir: string;
  before(async function () {
    if (!opensslAvailable()) {
      console.log('      (skipped: the openssl command is not installed, so no authority certificate can be made)');
      this.skip();
    }
    dir = await mkdtemp(path.join(tmpdir(), 'va-seal-'));
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  for (const kind of ['ec', 'rsa'] as const) {
    it(`seals with a configured ${kind.toUpperCase()} certificate and verification names it`, async () => {
      const svc = await startCaseworkService({
        env: { SEAL_P12_FILE: makeP12(dir, kind, 'geheim-123'), SEAL_P12_PASSPHRASE: 'geheim-123' },
      });
      const scene = await caseScene(svc, ['meldebescheinigung']);
      try {
        const frozen = await frozenDocument(scene, 'meldebescheinigung');
        const sealed = await must(scene.citizen.socket, 'sign:draw', {
          documentId: frozen.id,
          signature: { format: 'svg', data: SVG_SIGNATURE },
        });
        const pdf = Buffer.from(await (await withSession(svc, scene.citizen, sealed.downloadUrl!)).arrayBuffer());
        const result = (await (
          await fetch(`${svc.baseUrl}/api/documents/verify`, {
            method: 'POST',
            headers: { 'content-type': 'application/pdf' },
            body: pdf as unknown as BodyInit,
          })
        ).json()) as VerifyResult;
        expect(result.valid).to.equal(true);
        expect(result.document!.certificate).to.include(`CN=Stadt Musterstadt Siegel ${kind}`);
        expect(svc.service.casework.deps.seal.development).to.equal(false);
      } finally {
        closeScene(scene);
        await svc.close();
      }
    });
  }

  it('refuses to start with a wrong passphrase, naming the problem', async () => {
    const file = makeP12(dir, 'rsa', 'richtig');
    let error: Error | undefined;
    try {
      const svc = await startCaseworkService({ env: { SEAL_P12_FILE: file, SEAL_P12_PASSPHRASE: 'falsch' } });
      await svc.close();
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).to.match(/seal PKCS#12 cannot be opened/);
  });
});
