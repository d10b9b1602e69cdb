/**
 * The ID check's "stills" mode without a browser: when the room UI offers it (a weak connection), and how
 * the clerk's side puts a still together from relayed chunks — in any order, refusing pieces that do not
 * fit and anything that is not a picture of the allowed kinds and size.
 */
import { expect } from 'chai';
import { STILL_CHUNK_BYTES, STILL_MAX_BYTES, type StillHeader } from '../../../video-service/src/contract/casework.ts';
import { IncomingStill, stillsAdvised } from '../../../video-service/web/src/casework/panel/still-transfer.ts';

const header = (bytes: number, overrides: Partial<StillHeader> = {}): StillHeader => ({
  requestId: 'r',
  step: 'front',
  mime: 'image/jpeg',
  width: 4032,
  height: 3024,
  bytes,
  source: 'photo',
  ...overrides,
});

describe('room UI: ID-check stills', () => {
  it('offers stills from the citizen’s camera only when the connection is fair or poor', () => {
    expect([null, undefined, 'good', 'fair', 'poor'].map((level) => stillsAdvised(level as 'good'))).to.deep.equal([
      false,
      false,
      false,
      true,
      true,
    ]);
  });

  it('assembles relayed chunks in any order into the same bytes', async () => {
    const bytes = new Uint8Array(2 * STILL_CHUNK_BYTES + 17).map((_, i) => (i * 7) % 251);
    const still = new IncomingStill(header(bytes.length));
    for (const seq of [2, 0, 1]) {
      expect(still.complete).to.equal(false);
      expect(
        still.add(seq * STILL_CHUNK_BYTES, bytes.slice(seq * STILL_CHUNK_BYTES, (seq + 1) * STILL_CHUNK_BYTES)),
      ).to.equal(true);
    }
    expect(still.complete).to.equal(true);
    const blob = still.blob();
    expect(blob.type).to.equal('image/jpeg');
    expect(Buffer.from(await blob.arrayBuffer()).equals(Buffer.from(bytes))).to.equal(true);
  });

  it('refuses pieces beyond the announced size, oversized stills and other types', () => {
    const still = new IncomingStill(header(100));
    expect(still.add(90, new Uint8Array(20)), 'past the end').to.equal(false);
    expect(still.add(-1, new Uint8Array(2)), 'before the start').to.equal(false);
    expect(() => new IncomingStill(header(STILL_MAX_BYTES + 1))).to.throw();
    expect(() => new IncomingStill(header(100, { mime: 'image/svg+xml' as 'image/png' }))).to.throw();
    expect(() => new IncomingStill(header(0))).to.throw();
  });
});
