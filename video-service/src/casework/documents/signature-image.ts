/**
 * A drawn signature from the signing panel, checked before anything is signed: PNG (base64, a real PNG
 * that decodes) or SVG exactly as jSignature writes it (an optional XML prolog, one <svg> with width and
 * height, only <path> elements with stroke attributes and path data). Anything else (scripts, images,
 * links, other elements or attributes) is refused. At most 200 KB, at most 2000 × 1000 pixels.
 */
import { PDFDocument } from 'pdf-lib';
import type { DrawnSignature } from '../../contract/casework.ts';
import { InvalidInput } from '../../errors.ts';

export const MAX_SIGNATURE_BYTES = 200 * 1024;
const MAX_W = 2000;
const MAX_H = 1000;

export type CheckedSignature =
  | { format: 'png'; bytes: Uint8Array; width: number; height: number }
  | { format: 'svg'; text: string; width: number; height: number; paths: string[] };

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PROLOG =
  /^(?:<\?xml version="1\.0" encoding="UTF-8" standalone="no"\?>)?(?:<!DOCTYPE svg PUBLIC "-\/\/W3C\/\/DTD SVG 1\.1\/\/EN" "http:\/\/www\.w3\.org\/Graphics\/SVG\/1\.1\/DTD\/svg11\.dtd">)?/;
const SVG_OPEN =
  /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" version="1\.1" width="(\d{1,5}(?:\.\d+)?)" height="(\d{1,5}(?:\.\d+)?)">/;
const PATH =
  /^<path((?: (?:fill|stroke|stroke-width|stroke-linecap|stroke-linejoin)="[#a-zA-Z0-9.]{1,16}")*) d="([MmLlCcQqSsZz0-9 .,eE-]{1,60000})"\/>/;

function fail(message: string): never {
  throw new InvalidInput(`Signature refused: ${message}`);
}

async function checkPng(data: string): Promise<CheckedSignature> {
  const base64 = data.replace(/^data:image\/png;base64,/, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) fail('the PNG must be base64.');
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > MAX_SIGNATURE_BYTES) fail('larger than 200 KB.');
  if (bytes.length < 33 || !PNG_MAGIC.every((b, i) => bytes[i] === b)) fail('not a PNG image.');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width < 20 || height < 10 || width > MAX_W || height > MAX_H) fail('the image size is out of range.');
  try {
    await (await PDFDocument.create()).embedPng(bytes);
  } catch {
    fail('the PNG image is damaged.');
  }
  return { format: 'png', bytes: new Uint8Array(bytes), width, height };
}

function checkSvg(text: string): CheckedSignature {
  if (Buffer.byteLength(text, 'utf8') > MAX_SIGNATURE_BYTES) fail('larger than 200 KB.');
  let rest = text.trim().replace(PROLOG, '');
  const open = SVG_OPEN.exec(rest);
  if (!open) fail('not an SVG signature from the signing panel.');
  const width = Number(open[1]);
  const height = Number(open[2]);
  if (!(width >= 10 && height >= 5 && width <= MAX_W && height <= MAX_H)) fail('the drawing size is out of range.');
  rest = rest.slice(open[0].length);
  const paths: string[] = [];
  for (let m = PATH.exec(rest); m; m = PATH.exec(rest)) {
    paths.push(m[2]!);
    rest = rest.slice(m[0].length);
  }
  if (rest !== '</svg>') fail('the SVG contains something other than drawn strokes.');
  if (paths.length === 0 || paths.every((d) => d.replace(/[^0-9]/g, '').length < 4)) fail('the signature is empty.');
  return { format: 'svg', text, width, height, paths };
}

/** Checks a drawn signature; throws `InvalidInput` saying why it is refused. */
export async function checkDrawnSignature(signature: DrawnSignature): Promise<CheckedSignature> {
  if (typeof signature.data !== 'string' || signature.data.length === 0) fail('empty.');
  if (signature.data.length > MAX_SIGNATURE_BYTES * 1.4) fail('larger than 200 KB.');
  return signature.format === 'png' ? checkPng(signature.data) : checkSvg(signature.data);
}
