/**
 * What a logo file really is, from its bytes (not its name): a whole PNG (https://www.w3.org/TR/png-3/):
 * the signature, an IHDR chunk first with a valid CRC, at least one IDAT and an IEND at the end, so a
 * truncated or renamed file is caught at start and not in the first citizen's PDF.
 */
import { crc32 } from 'node:zlib';

export interface PngFacts {
  width: number;
  height: number;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Allowed bit depths per colour type (PNG § 11.2.1). */
const BIT_DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

/** The PNG's pixel size, or what is wrong with the bytes in words ("is not a PNG image …"). */
export function inspectPng(bytes: Buffer): PngFacts | { problem: string } {
  if (bytes.length < SIGNATURE.length || !bytes.subarray(0, 8).equals(SIGNATURE))
    return { problem: 'is not a PNG image (its first bytes are not the PNG signature; SVG, JPEG and GIF are refused)' };
  let at = 8;
  let facts: PngFacts | null = null;
  let sawData = false;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (end > bytes.length) break;
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== bytes.readUInt32BE(at + 8 + length))
      return { problem: `is a damaged PNG (chunk ${type} fails its CRC)` };
    if (!facts) {
      if (type !== 'IHDR' || length !== 13) return { problem: 'is a damaged PNG (no IHDR chunk first)' };
      const [depth, colourType] = [bytes[at + 16]!, bytes[at + 17]!];
      if (!BIT_DEPTHS[colourType]?.includes(depth))
        return { problem: 'is a damaged PNG (bad bit depth or colour type)' };
      facts = { width: bytes.readUInt32BE(at + 8), height: bytes.readUInt32BE(at + 12) };
    } else if (type === 'IDAT') sawData = true;
    else if (type === 'IEND') return sawData ? facts : { problem: 'is a damaged PNG (no image data)' };
    at = end;
  }
  return { problem: 'is a truncated PNG (no IEND chunk)' };
}
