/**
 * Draws the development profile's made-up coat of arms of "Stadt Musterstadt" (a white tower on a blue
 * shield) as a PNG with nothing but node:zlib, so the file in the repository can be reproduced and checked:
 *   node video-service/scripts/draw-development-logo.ts  → video-service/src/shared/development-logo.png
 * Each pixel is sampled 4×4 times, so the edges are smooth.
 */
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const WIDTH = 96;
const HEIGHT = 112;
type Rgba = [number, number, number, number];
const CLEAR: Rgba = [0, 0, 0, 0];
const RIM: Rgba = [0x1a, 0x1a, 0x1a, 255];
const BLUE: Rgba = [0x00, 0x4b, 0x87, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const GOLD: Rgba = [0xe8, 0xb4, 0x00, 255];

/** Inside the shield (x, y in 0…1): straight sides down to 55 %, then two arcs meeting in the point. */
function inShield(x: number, y: number, inset: number): boolean {
  const left = inset;
  const right = 1 - inset;
  if (y < inset || x < left || x > right) return false;
  if (y <= 0.55) return true;
  // Below: inside both circles through the side's end and the point at the bottom.
  const r = 0.62;
  const bottom = 1 - inset * 1.3;
  const inLeft = (x - (right - r)) ** 2 + (y - 0.55) ** 2 <= (r - 0) ** 2;
  const inRight = (x - (left + r)) ** 2 + (y - 0.55) ** 2 <= r ** 2;
  return inLeft && inRight && y <= bottom;
}

/** The tower: a body with three merlons, a door (blue) and a window; a gold base line under it. */
function tower(x: number, y: number): Rgba | null {
  const inBody = x >= 0.34 && x <= 0.66 && y >= 0.3 && y <= 0.74;
  const merlon = y >= 0.2 && y < 0.3 && [0.34, 0.455, 0.57].some((m) => x >= m && x <= m + 0.09);
  if (!inBody && !merlon) return y >= 0.76 && y <= 0.8 && x >= 0.26 && x <= 0.74 ? GOLD : null;
  const door =
    x >= 0.44 && x <= 0.56 && y >= 0.56 && y <= 0.74 && (y >= 0.6 || (x - 0.5) ** 2 + (y - 0.6) ** 2 <= 0.0036);
  const window = x >= 0.46 && x <= 0.54 && y >= 0.38 && y <= 0.46;
  return door || window ? BLUE : WHITE;
}

function colourAt(x: number, y: number): Rgba {
  if (!inShield(x, y, 0.03)) return CLEAR;
  if (!inShield(x, y, 0.075)) return RIM;
  return tower(x, y) ?? BLUE;
}

function pixel(px: number, py: number): Rgba {
  const sum = [0, 0, 0, 0];
  const n = 4;
  for (let i = 0; i < n; i += 1)
    for (let j = 0; j < n; j += 1) {
      const c = colourAt((px + (i + 0.5) / n) / WIDTH, (py + (j + 0.5) / n) / HEIGHT);
      // Colours weighted by their coverage, so the edge pixels do not darken towards the transparent black.
      for (let k = 0; k < 3; k += 1) sum[k]! += c[k]! * c[3];
      sum[3]! += c[3];
    }
  const alpha = sum[3]! / (n * n);
  return alpha === 0
    ? CLEAR
    : [Math.round(sum[0]! / sum[3]!), Math.round(sum[1]! / sum[3]!), Math.round(sum[2]! / sum[3]!), Math.round(alpha)];
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGBA PNG (colour type 6, 8 bits) of the given pixels. */
export function encodePng(width: number, height: number, at: (x: number, y: number) => Rgba): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) rows.set(at(x, y), y * (width * 4 + 1) + 1 + x * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (import.meta.main) {
  const out = new URL('../src/shared/development-logo.png', import.meta.url);
  writeFileSync(out, encodePng(WIDTH, HEIGHT, pixel));
  console.log(`wrote ${out.pathname}`);
}
