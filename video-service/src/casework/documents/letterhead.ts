/**
 * The documents' letterhead: the office's coat of arms (the municipality profile's PNG, checked at start) at
 * the top left and its name and postal address beside it. pdf-lib embeds the PNG once per document; the audit
 * page and a receipt reuse that image.
 */
import { rgb, type PDFDocument, type PDFImage } from 'pdf-lib';
import type { LogoImage } from '../../shared/municipality-profile.ts';
import type { PdfWriter } from './pdf-writer.ts';

export interface Letterhead {
  authority: string;
  /** The postal address under the name. */
  address?: string | undefined;
  logo?: LogoImage | null | undefined;
}

/** The logo's height on the page, in points (about 15 mm). */
const LOGO_HEIGHT = 42;
/** A wide logo is scaled down to this width. */
const LOGO_MAX_WIDTH = 120;
const GAP = 12;

const EMBEDDED = new WeakMap<PDFDocument, Promise<PDFImage>>();

function embedded(doc: PDFDocument, logo: LogoImage): Promise<PDFImage> {
  let image = EMBEDDED.get(doc);
  if (!image) EMBEDDED.set(doc, (image = doc.embedPng(logo.bytes)));
  return image;
}

/** Draws the letterhead at the writer's position (the top of a page) and moves below it. */
export async function drawLetterhead(w: PdfWriter, head: Letterhead, nameSize = 10): Promise<void> {
  const top = w.y;
  let indent = 0;
  if (head.logo) {
    const image = await embedded(w.doc, head.logo);
    const scale = Math.min(LOGO_HEIGHT / head.logo.height, LOGO_MAX_WIDTH / head.logo.width);
    const [width, height] = [head.logo.width * scale, head.logo.height * scale];
    w.page.drawImage(image, { x: w.left, y: top - height, width, height });
    indent = width + GAP;
    // The name's first line sits level with the upper part of the logo.
    w.space(6);
    w.text(head.authority, { size: nameSize, bold: true, indent });
    if (head.address) w.text(head.address, { size: 8.5, color: rgb(0.35, 0.35, 0.35), indent });
    w.y = Math.min(w.y, top - height - 4);
    return;
  }
  w.text(head.authority, { size: nameSize, bold: true });
  if (head.address) w.text(head.address, { size: 8.5, color: rgb(0.35, 0.35, 0.35) });
}
