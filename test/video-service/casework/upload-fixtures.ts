/** Files for the upload tests: genuine PDF, JPEG, PNG and HEIC, and the attacks that pretend to be one. */
import { PDFDocument, PDFHexString, PDFName } from 'pdf-lib';
import { pngImage } from './signatures.ts';

/** A 16 × 8 JPEG made by Chromium's canvas (quality 0.6). */
export const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAAIABADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAdEAABAgcAAAAAAAAAAAAAAAAAFTIFERMjYWKB/8QAFQEBAQAAAAAAAAAAAAAAAAAAAwX/xAAcEQACAAcAAAAAAAAAAAAAAAAAEQESEyEiQXH/2gAMAwEAAhEDEQA/AKMESb6trTfmbeCNpNhJ2qPxJ3QAXYgVMJFDuz//2Q==',
  'base64',
);

export const PNG = pngImage(64, 32);

/** The start of an HEIC file as phones write it (ftyp box with the heic brand, then a meta box). */
export const HEIC = Buffer.concat([
  Buffer.from([0, 0, 0, 24]),
  Buffer.from('ftypheic', 'latin1'),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from('mif1heic', 'latin1'),
  Buffer.from([0, 0, 0, 33]),
  Buffer.from('meta', 'latin1'),
  Buffer.alloc(25, 1),
  Buffer.alloc(400, 0x42),
]);

export async function pdf(text = 'Mietvertrag'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText(text, { x: 50, y: 700 });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A PDF padded with trailing whitespace to exactly `size` bytes. */
export async function pdfOfSize(size: number): Promise<Buffer> {
  const base = await pdf();
  if (base.length > size) throw new Error('size too small for a PDF');
  return Buffer.concat([base, Buffer.alloc(size - base.length, 0x0a)]);
}

export const ATTACKS = {
  htmlAsPdf: Buffer.from('<!DOCTYPE html><html><body><script>fetch("/api/session")</script></body></html>'),
  svgAsPdf: Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><rect width="10" height="10"/></svg>',
  ),
  xmlSvgAsPdf: Buffer.from(
    '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
  ),
  pdfHeaderWithHtml: Buffer.from('%PDF-1.7\n<html><script>alert(1)</script></html>\n%%EOF\n'),
  pngWithHtmlAfterEnd: Buffer.concat([PNG, Buffer.from('<html><script>alert(1)</script></html>')]),
  pngWithZipAfterEnd: Buffer.concat([PNG, Buffer.from('PK\u0003\u0004 hidden archive payload', 'latin1')]),
  jpegWithScriptComment: Buffer.concat([
    JPEG.subarray(0, 2),
    Buffer.from([0xff, 0xfe, 0x00, 0x20]),
    Buffer.from('<script>alert(1)</script>  ...'),
    JPEG.subarray(2),
  ]),
};

/** JavaScript hidden in a compressed object stream, where no text search finds it. */
export async function pdfWithHiddenJavaScript(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage();
  doc.catalog.set(
    PDFName.of('OpenAction'),
    doc.context.obj({ S: 'JavaScript', JS: PDFHexString.fromText('app.alert(1)') }),
  );
  return Buffer.from(await doc.save({ useObjectStreams: true }));
}

export async function pdfWithJavaScript(): Promise<Buffer> {
  const base = (await pdf()).toString('latin1');
  return Buffer.from(
    base.replace('/Type /Catalog', '/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>'),
    'latin1',
  );
}
