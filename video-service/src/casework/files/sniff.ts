/**
 * What an upload really is, decided by its bytes (file-type's magic numbers), never by its name or the
 * declared content type; and whether it hides something a browser or viewer could run. Refused: empty
 * files, types outside PDF/JPEG/PNG/HEIC, HTML or SVG in any disguise, polyglots (an image with data after
 * its end marker, markup anywhere in the file) and PDFs with active content (JavaScript, launch actions,
 * embedded files, XFA).
 */
import { fileTypeFromBuffer } from 'file-type';
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
    return bytes.subarray(0, 5).toString('latin1') === '%PDF-' && /%%EOF\s*$/.test(bytes.subarray(Math.max(0, bytes.length - 1024)).toString('latin1'));
  }
  return true;
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
  return { ok: true, type };
}
