/**
 * Issue 11, item 18, the city's face in the municipality profile: the logo (a PNG next to the profile file)
 * and the colours are read and checked once at start by both services. A bad colour, a colour too light for
 * white text and links (WCAG 2.1 AA), a missing, oversized, damaged or non-PNG logo, or a logo without its
 * alternative text stop the start with MUNICIPALITY_PROFILE and the field that is wrong; nothing starts.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig as loadConnectorConfig } from '../../connector/src/config.ts';
import { encodePng } from '../../video-service/scripts/draw-development-logo.ts';
import { contrastRatio } from '../../video-service/src/shared/brand-colours.ts';
import { loadConfig } from '../../video-service/src/config.ts';

const BASE = {
  name: 'Stadt Heidelberg – Bürgeramt Mitte',
  address: { street: 'Bergheimer Straße 69', postcode: '69115', city: 'Heidelberg' },
};
const ALT = { de: 'Wappen der Stadt Heidelberg', en: 'Coat of arms of Heidelberg' };
const red = () => [164, 0, 15, 255] as [number, number, number, number];

describe('the logo and colours of the municipality profile, checked at start', () => {
  let dir: string;
  /** Writes `profile` (and files) and loads both services' configs; returns the video service's. */
  const load = async (profile: object) => {
    const file = path.join(dir, `profile-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(file, JSON.stringify({ ...BASE, ...profile }));
    const env = { DATA_DIR: dir, MUNICIPALITY_PROFILE: file };
    const connector = loadConnectorConfig(env);
    const video = loadConfig(env);
    expect(connector.municipality.brand).to.deep.equal(video.municipality.brand);
    return video;
  };
  /** Both services refuse the profile with an error matching `pattern`. */
  const refuses = async (profile: object, pattern: RegExp) => {
    const file = path.join(dir, `bad-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(file, JSON.stringify({ ...BASE, ...profile }));
    const env = { DATA_DIR: dir, MUNICIPALITY_PROFILE: file };
    expect(() => loadConfig(env), 'video service')
      .to.throw(pattern)
      .with.property('key', 'MUNICIPALITY_PROFILE');
    expect(() => loadConnectorConfig(env), 'connector')
      .to.throw(pattern)
      .with.property('key', 'MUNICIPALITY_PROFILE');
  };

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'va-brand-'));
    await writeFile(path.join(dir, 'wappen.png'), encodePng(64, 80, red));
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('without a file: the development city’s coat of arms (the PNG in the repository) and its blue', () => {
    const { brand } = loadConfig({ DATA_DIR: dir }).municipality;
    const file = readFileSync(new URL('../../video-service/src/shared/development-logo.png', import.meta.url));
    expect(brand.logo?.bytes.equals(file)).to.equal(true);
    expect([brand.logo?.width, brand.logo?.height, brand.primary, brand.accent]).to.deep.equal([
      96,
      112,
      '#004b87',
      '#004b87',
    ]);
    expect(brand.logo?.alt.ar).to.be.a('string');
  });

  it('reads the logo relative to the profile file and takes the colours (lower-cased)', async () => {
    const config = await load({ logo: 'wappen.png', logoAlt: ALT, colours: { primary: '#7A1F2B', accent: '#E8B400' } });
    const { brand } = config.municipality;
    expect(brand.logo?.bytes.equals(readFileSync(path.join(dir, 'wappen.png')))).to.equal(true);
    expect([brand.logo?.width, brand.logo?.height, brand.logo?.contentType]).to.deep.equal([64, 80, 'image/png']);
    expect(brand.logo?.alt).to.deep.equal(ALT);
    expect([brand.primary, brand.onPrimary, brand.accent]).to.deep.equal(['#7a1f2b', '#ffffff', '#e8b400']);
    expect(config.casework.brand, 'the documents’ letterhead gets the same').to.equal(brand);
    const none = await load({});
    expect([none.municipality.brand.logo, none.municipality.brand.primary]).to.deep.equal([null, '#004b87']);
  });

  it('refuses a colour that is not #rrggbb', async () => {
    await refuses({ colours: { primary: '#12345' } }, /colours\.primary must be a colour as #rrggbb/);
    await refuses({ colours: { primary: 'navy' } }, /colours\.primary must be a colour as #rrggbb/);
    await refuses({ colours: { primary: '#004b87', accent: 'rgb(1,2,3)' } }, /colours\.accent must be a colour/);
  });

  it('refuses a primary colour too light for white text and links (WCAG 2.1 AA), suggesting a darker shade', async () => {
    const file = path.join(dir, 'light.json');
    await writeFile(file, JSON.stringify({ ...BASE, colours: { primary: '#ffcc00' } }));
    let message = '';
    try {
      loadConfig({ DATA_DIR: dir, MUNICIPALITY_PROFILE: file });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.match(/^MUNICIPALITY_PROFILE: colours\.primary #ffcc00 is too light: 1\.\d\d:1 against white/);
    expect(message).to.include('4.5:1');
    const shade = /such as (#[0-9a-f]{6})/.exec(message)?.[1];
    expect(shade, 'a suggestion').to.be.a('string');
    expect(contrastRatio(shade!, '#ffffff')).to.be.at.least(4.5);
    // The suggestion is taken as it is.
    expect((await load({ colours: { primary: shade } })).municipality.brand.primary).to.equal(shade);
    await refuses({ colours: { primary: '#2f80ed' } }, /colours\.primary #2f80ed is too light/);
  });

  it('refuses a missing logo, a logo without alternative text, and anything that is not a whole PNG', async () => {
    await refuses({ logo: 'nope.png', logoAlt: ALT }, /logo cannot be read: .*nope\.png \(ENOENT\)/);
    await refuses({ logo: 'wappen.png' }, /logoAlt is required with logo/);
    await writeFile(
      path.join(dir, 'svg.png'),
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    await refuses({ logo: 'svg.png', logoAlt: ALT }, /logo .*svg\.png is not a PNG image/);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
    await writeFile(path.join(dir, 'photo.jpg'), jpeg);
    await refuses({ logo: 'photo.jpg', logoAlt: ALT }, /is not a PNG image/);
    const whole = encodePng(64, 80, red);
    await writeFile(path.join(dir, 'cut.png'), whole.subarray(0, whole.length - 20));
    await refuses({ logo: 'cut.png', logoAlt: ALT }, /cut\.png is a truncated PNG/);
    const flipped = Buffer.from(whole);
    flipped[20] = flipped[20]! ^ 0xff; // the IHDR's height: its CRC no longer matches
    await writeFile(path.join(dir, 'flipped.png'), flipped);
    await refuses({ logo: 'flipped.png', logoAlt: ALT }, /damaged PNG \(chunk IHDR fails its CRC\)/);
  });

  it('refuses a logo over 200 KB or outside 16 … 1024 pixels per side', async () => {
    // Random pixels do not compress: about 250 KB.
    const noise = encodePng(300, 210, () => [
      Math.floor(Math.random() * 256),
      Math.floor(Math.random() * 256),
      Math.floor(Math.random() * 256),
      255,
    ]);
    expect(noise.length).to.be.greaterThan(200 * 1024);
    await writeFile(path.join(dir, 'big.png'), noise);
    await refuses({ logo: 'big.png', logoAlt: ALT }, /big\.png has \d+ bytes, at most 204800 \(200 KB\)/);
    await writeFile(path.join(dir, 'wide.png'), encodePng(2000, 20, red));
    await refuses({ logo: 'wide.png', logoAlt: ALT }, /wide\.png is 2000×20 pixels; each side must be 16 to 1024/);
    await writeFile(path.join(dir, 'tiny.png'), encodePng(8, 8, red));
    await refuses({ logo: 'tiny.png', logoAlt: ALT }, /is 8×8 pixels/);
  });
});
