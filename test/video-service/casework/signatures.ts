/** Drawn signatures for tests: jSignature-style SVG and real PNG images (built with zlib), plus malicious variants. */
import { crc32, deflateSync } from 'node:zlib';

export const SVG_SIGNATURE =
  '<?xml version="1.0" encoding="UTF-8" standalone="no"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">' +
  '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="240" height="80"><path fill="none" stroke="#000000" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" d="M 4 50 c 10 -30 25 -30 35 0 l 20 10 c 15 -20 30 -25 45 -5 l 40 -30"/></svg>';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** An RGBA PNG with a diagonal stroke of `color` (r, g, b). */
export function pngImage(width = 120, height = 40, color: [number, number, number] = [0, 0, 80]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(1 + width * 4);
    for (let x = 0; x < width; x += 1) {
      if (Math.abs(Math.round((x * height) / width) - y) <= 1) {
        row.set([...color, 255], 1 + x * 4);
      }
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const PNG_SIGNATURE = pngImage().toString('base64');

export const BAD_SIGNATURES = {
  svgWithScript: SVG_SIGNATURE.replace('</svg>', '<script>alert(1)</script></svg>'),
  svgWithImage: SVG_SIGNATURE.replace('<path', '<image href="https://example.org/x.png" width="10" height="10"/><path'),
  svgWithHandler: SVG_SIGNATURE.replace('<path fill="none"', '<path onload="alert(1)" fill="none"'),
  svgEmpty: '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="240" height="80"></svg>',
  notPng: Buffer.from('GIF89a this is not a png at all, just text to fill the bytes').toString('base64'),
  brokenPng: Buffer.concat([pngImage().subarray(0, 40), Buffer.alloc(40, 7)]).toString('base64'),
};
