/**
 * A small flowing-text writer over pdf-lib: A4 pages with margins, headings, label/value rows that wrap
 * and break across pages, a running footer with page numbers. Used for the form pages and the audit page.
 * Text is set in DejaVu Sans (see pdf-fonts.ts).
 */
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { embedDocumentFonts, printable } from './pdf-fonts.ts';
import { wrap } from './pdf-text.ts';
import { rtlLines, withLanguage } from './rtl-text.ts';
import { textRuns } from './text-runs.ts';

export const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const FOOTER = 36;
const GREY = rgb(0.35, 0.35, 0.35);
const RULE = rgb(0.75, 0.75, 0.75);

export class PdfWriter {
  readonly doc: PDFDocument;
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  page!: PDFPage;
  y = 0;
  readonly #footer: string;

  private constructor(doc: PDFDocument, regular: PDFFont, bold: PDFFont, footer: string) {
    this.doc = doc;
    this.regular = regular;
    this.bold = bold;
    this.#footer = footer;
  }

  /** A new document with metadata; `footer` is printed at the bottom of every page. */
  static async create(meta: {
    title: string;
    author: string;
    subject: string;
    footer: string;
    createdAt: Date;
  }): Promise<PdfWriter> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.setTitle(meta.title);
    doc.setAuthor(meta.author);
    doc.setSubject(meta.subject);
    doc.setProducer('Virtuelles Amt');
    doc.setCreator('Virtuelles Amt');
    doc.setCreationDate(meta.createdAt);
    doc.setModificationDate(meta.createdAt);
    doc.setLanguage('de-DE');
    const fonts = await embedDocumentFonts(doc);
    const writer = new PdfWriter(doc, fonts.regular, fonts.bold, meta.footer);
    writer.newPage();
    return writer;
  }

  get width(): number {
    return A4[0] - 2 * MARGIN;
  }

  get left(): number {
    return MARGIN;
  }

  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.y - height < MARGIN + FOOTER) this.newPage();
  }

  space(points: number): void {
    this.y -= points;
  }

  /**
   * A paragraph, wrapped to the text width. `rtl` gives its language (e.g. `ar`): the paragraph is then laid
   * out right to left, right-aligned, with the logical text for extraction (./rtl-text.ts).
   */
  text(
    text: string,
    o: { size?: number; bold?: boolean; color?: ReturnType<typeof rgb>; indent?: number; rtl?: string } = {},
  ): void {
    const size = o.size ?? 10;
    const font = o.bold ? this.bold : this.regular;
    const indent = o.indent ?? 0;
    const color = o.color ?? rgb(0, 0, 0);
    const lines = wrap(text, font, size, this.width - indent);
    if (o.rtl) {
      this.rtlText(lines, o.rtl, { size, font, color, indent });
      return;
    }
    for (const line of lines) {
      this.ensure(size * 1.35);
      this.y -= size * 1.35;
      this.draw(this.page, line, { x: MARGIN + indent, y: this.y, size, font, color });
    }
  }

  heading(text: string, size = 13): void {
    this.ensure(size * 3);
    this.space(size * 0.6);
    this.text(text, { size, bold: true });
    this.space(3);
  }

  /** A horizontal rule across the text width. */
  rule(): void {
    this.ensure(8);
    this.y -= 4;
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: MARGIN + this.width, y: this.y },
      thickness: 0.5,
      color: RULE,
    });
    this.y -= 4;
  }

  /** A label (German / English, grey) and its value beside it; both wrap. */
  row(label: string, value: string, indent = 0): void {
    const labelWidth = Math.min(190, (this.width - indent) * 0.4);
    const size = 9.5;
    const labelLines = wrap(label, this.regular, size - 1, labelWidth - 8);
    const valueLines = wrap(value, this.regular, size, this.width - indent - labelWidth);
    const lines = Math.max(labelLines.length, valueLines.length);
    const lineHeight = size * 1.35;
    this.ensure(Math.min(lines, 6) * lineHeight + 3);
    for (let i = 0; i < lines; i += 1) {
      this.ensure(lineHeight);
      this.y -= lineHeight;
      if (labelLines[i])
        this.draw(this.page, labelLines[i]!, {
          x: MARGIN + indent,
          y: this.y,
          size: size - 1,
          font: this.regular,
          color: GREY,
        });
      if (valueLines[i])
        this.draw(this.page, valueLines[i]!, { x: MARGIN + indent + labelWidth, y: this.y, size, font: this.regular });
    }
    this.y -= 3;
  }

  /** Right-to-left lines, right-aligned (the indent is kept on the right). */
  private rtlText(
    lines: string[],
    lang: string,
    o: { size: number; font: PDFFont; color: ReturnType<typeof rgb>; indent: number },
  ): void {
    for (const line of rtlLines(lines)) {
      this.ensure(o.size * 1.35);
      this.y -= o.size * 1.35;
      const widths = line.pieces.map((piece) => o.font.widthOfTextAtSize(piece.text, o.size));
      let x = MARGIN + this.width - o.indent - widths.reduce((sum, w) => sum + w, 0);
      const placed = line.pieces.map((piece, i) => {
        const at = { ...piece, x };
        x += widths[i]!;
        return at;
      });
      const page = this.page;
      // The page's current font, so the pieces of a line share one font resource entry.
      page.setFont(o.font);
      withLanguage(page, lang, () => {
        // Drawn in reading order: extraction that follows the content stream gets the runs in logical order.
        for (const piece of placed.sort((a, b) => a.at - b.at))
          page.drawText(piece.text, { x: piece.x, y: this.y, size: o.size, color: o.color });
      });
    }
  }

  /** Draws one line; right-to-left pieces as separate runs, so each is shaped and ordered on its own. */
  draw(
    page: PDFPage,
    line: string,
    o: { x: number; y: number; size: number; font: PDFFont; color?: ReturnType<typeof rgb> },
  ): void {
    const runs = textRuns(line);
    let x = o.x;
    for (const run of runs) {
      page.drawText(run.text, { ...o, x });
      if (runs.length > 1) x += o.font.widthOfTextAtSize(run.text, o.size);
    }
  }

  /** Writes the footer and "Seite n von m" on every page (call once, at the end). */
  finish(): void {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      const y = MARGIN - 22;
      this.draw(page, printable(this.#footer, this.regular), {
        x: MARGIN,
        y,
        size: 7.5,
        font: this.regular,
        color: GREY,
      });
      const label = `Seite ${i + 1} von ${pages.length}`;
      page.drawText(label, {
        x: MARGIN + this.width - this.regular.widthOfTextAtSize(label, 7.5),
        y,
        size: 7.5,
        font: this.regular,
        color: GREY,
      });
    });
  }
}
