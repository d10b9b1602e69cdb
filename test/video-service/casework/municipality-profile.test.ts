/**
 * Issue 11, item 18, the video service's side of the municipality profile (MUNICIPALITY_PROFILE, shared with
 * the connector): the room's header names the office (handed over as <meta name="va-office">, the CSP allows
 * no inline script), documents name it with its address under the name, and the consent notices link its
 * privacy statement. AUTHORITY_NAME and PRIVACY_URL still win when set.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodePng } from '../../../video-service/scripts/draw-development-logo.ts';
import { loadConfig } from '../../../video-service/src/config.ts';
import { frozenDocument } from './fill.ts';
import { PNG_SIGNATURE } from './signatures.ts';
import { caseScene, closeScene, must, startCaseworkService, withSession, type CaseworkService } from './support.ts';

const PROFILE = {
  name: 'Stadt Heidelberg – Bürgeramt Mitte',
  address: { street: 'Bergheimer Straße 69', postcode: '69115', city: 'Heidelberg' },
  privacyUrl: 'https://www.heidelberg.example/datenschutz',
  logo: 'wappen.png',
  logoAlt: { de: 'Wappen der Stadt Heidelberg' },
};

describe('the municipality profile in the video service', function () {
  this.timeout(60_000);
  let dir: string;
  let file: string;
  let svc: CaseworkService;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'va-profile-video-'));
    file = path.join(dir, 'profile.json');
    await writeFile(file, JSON.stringify(PROFILE));
    await writeFile(
      path.join(dir, 'wappen.png'),
      encodePng(40, 50, () => [164, 0, 15, 255]),
    );
    svc = await startCaseworkService({ env: { MUNICIPALITY_PROFILE: file } });
  });
  after(async () => {
    await svc?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('names the office in the room page (escaped), for the header from the first paint', async () => {
    const res = await fetch(`${svc.baseUrl}/join`);
    expect(res.status).to.equal(200);
    expect(await res.text()).to.include('<meta name="va-office" content="Stadt Heidelberg – Bürgeramt Mitte">');
  });

  it('prints the office and its address on the sealed document', async () => {
    const scene = await caseScene(svc, ['meldebescheinigung']);
    try {
      const frozen = await frozenDocument(scene, 'meldebescheinigung');
      const sealed = await must(scene.citizen.socket, 'sign:draw', {
        documentId: frozen.id,
        signature: { format: 'png', data: PNG_SIGNATURE },
      });
      const pdf = path.join(dir, 'sealed.pdf');
      await writeFile(
        pdf,
        Buffer.from(await (await withSession(svc, scene.citizen, sealed.downloadUrl!)).arrayBuffer()),
      );
      const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString('utf8');
      // The test service sets AUTHORITY_NAME (it wins; the default from the profile is checked below).
      expect(text).to.match(/Stadt Musterstadt – Bürgeramt\s+Bergheimer Straße 69, 69115 Heidelberg/);
      // The coat of arms in the letterhead: the profile's 40×50 PNG on the first page and on the audit page.
      const images = execFileSync('pdfimages', ['-list', pdf]).toString('utf8');
      const logos = images.split('\n').filter((line) => /^\s*\d+\s+\d+\s+image\s+40\s+50\s/.test(line));
      expect(
        logos.map((line) => Number(line.trim().split(/\s+/)[0])),
        images,
      ).to.deep.equal([1, 2]);
    } finally {
      closeScene(scene);
    }
  });

  it('takes the privacy statement and the authority from the profile unless PRIVACY_URL / AUTHORITY_NAME say otherwise', () => {
    const base = { DATA_DIR: dir, MUNICIPALITY_PROFILE: file };
    const config = loadConfig(base);
    expect(config.privacyUrl).to.equal(PROFILE.privacyUrl);
    expect(config.casework.authorityName).to.equal(PROFILE.name);
    const own = loadConfig({ ...base, PRIVACY_URL: 'https://amt.example/privacy', AUTHORITY_NAME: 'Bürgeramt Test' });
    expect([own.privacyUrl, own.casework.authorityName]).to.deep.equal([
      'https://amt.example/privacy',
      'Bürgeramt Test',
    ]);
    expect(loadConfig({ DATA_DIR: dir }).privacyUrl, 'no profile, no setting: the service’s own page').to.equal(
      '/privacy',
    );
    expect(() => loadConfig({ DATA_DIR: dir, MUNICIPALITY_PROFILE: path.join(dir, 'nope.json') })).to.throw(
      /MUNICIPALITY_PROFILE/,
    );
  });
});
