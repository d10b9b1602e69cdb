/**
 * What an upload really is, decided by its bytes (file-type's magic numbers), never by its name or the
 * declared content type; and whether it hides something a browser or viewer could run. Refused: empty
 * files, types outside PDF/JPEG/PNG/HEIC, HTML or SVG in any disguise, polyglots (an image with data after
 * its end marker, markup anywhere in the file) and PDFs with active content (JavaScript, launch actions,
 * embedded files, XFA).
 */
import { fileTypeFromBuffer } from 'file-type';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFStream, type PDFObject } from 'pdf-lib';
import type { UploadRefusal } from '../../contract/casework.ts';

export interface AllowedType {
  mime: string;
  ext: string;
}

export const ALLOWED_TYPES: ReadonlyMap<string, AllowedType> = new Map([
  ['application/pdf', { mime: 'application/pdf', ext: 'pdf' }],
  ['image/jpeg', { mime: 'image/jpeg', ext: 'jpg' }],
  ['image/png', { mime: 'image/png', ext: 'png' }],
  ['image/heic', { mime: 'image/heic', ext: 'heic' }],
  ['image/heif', { mime: 'image/heif', ext: 'heif' }],
]);

// Markup a browser would render or run, wherever it sits in the file.
const MARKUP = /<\s*(?:script|html|svg|iframe|frameset|body|object|embed|!doctype)\b|javascript:/i;
const PDF_ACTIVE = /\/(?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData|GoToR|GoToE)\b/;

function endsCleanly(bytes: Buffer, mime: string): boolean {
  if (mime === 'image/png') {
    const iend = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
    return bytes.subarray(bytes.length - 8).equals(iend);
  }
  if (mime === 'image/jpeg') {
    let end = bytes.length;
    while (end > 2 && (bytes[end - 1] === 0x00 || bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) end -= 1;
    return bytes[end - 2] === 0xff && bytes[end - 1] === 0xd9;
  }
  if (mime === 'application/pdf') {
    const text = bytes.toString('latin1');
    const eof = text.lastIndexOf('%%EOF');
    return text.startsWith('%PDF-') && eof > 0 && /^\s*$/.test(text.slice(eof + 5));
  }
  return true;
}

const ACTIVE_KEYS = new Set([
  'JS',
  'JavaScript',
  'Launch',
  'EmbeddedFile',
  'EmbeddedFiles',
  'RichMedia',
  'XFA',
  'SubmitForm',
  'ImportData',
  'GoToR',
  'GoToE',
  'AA',
]);

/**
 * Looks inside the PDF's objects (compressed object streams included, which no text search sees) for
 * actions, scripts and embedded files. A PDF that cannot be parsed, or is encrypted, is refused too.
 */
async function pdfStructure(bytes: Buffer): Promise<'plain' | 'active_content' | 'type_not_allowed'> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
  } catch {
    return 'type_not_allowed';
  }
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (isActive(object, 0)) return 'active_content';
  }
  return 'plain';
}

/** Whether a (direct) object holds an active key or an action of an active type, at any depth. */
function isActive(object: PDFObject, depth: number): boolean {
  if (depth > 32) return true;
  const dict = object instanceof PDFDict ? object : object instanceof PDFStream ? object.dict : undefined;
  if (dict) {
    for (const [key, value] of dict.entries()) {
      if (ACTIVE_KEYS.has(key.decodeText())) return true;
      if (key.decodeText() === 'S' && value instanceof PDFName && ACTIVE_KEYS.has(value.decodeText())) return true;
      if (isActive(value, depth + 1)) return true;
    }
    return false;
  }
  if (object instanceof PDFArray) return object.asArray().some((item) => isActive(item, depth + 1));
  return false;
}

export type SniffResult = { ok: true; type: AllowedType } | { ok: false; refusal: UploadRefusal };

/** Decides the upload's type from its content and refuses anything not plainly one of the allowed types. */
export async function sniffUpload(bytes: Buffer): Promise<SniffResult> {
  if (bytes.length === 0) return { ok: false, refusal: 'empty' };
  const detected = await fileTypeFromBuffer(bytes);
  const type = detected ? ALLOWED_TYPES.get(detected.mime) : undefined;
  if (!type) return { ok: false, refusal: 'type_not_allowed' };
  const text = bytes.toString('latin1');
  if (MARKUP.test(text)) return { ok: false, refusal: 'active_content' };
  if (type.mime === 'application/pdf' && PDF_ACTIVE.test(text)) return { ok: false, refusal: 'active_content' };
  if (!endsCleanly(bytes, type.mime)) return { ok: false, refusal: 'active_content' };
  if (type.mime === 'application/pdf') {
    const structure = await pdfStructure(bytes);
    if (structure !== 'plain') return { ok: false, refusal: structure };
  }
  return { ok: true, type };
}
