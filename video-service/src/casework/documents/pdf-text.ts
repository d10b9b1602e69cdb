/**
 * Text for pdf-lib's standard fonts, which encode WinAnsi (Latin-1 plus a few signs) only: German text
 * passes unchanged; other letters are written without their accents (ł → l, ș → s) and anything else
 * becomes "?". (A Unicode font needs @pdf-lib/fontkit, which is not installed; see docs/documents-and-sealing.md.)
 */
import type { PDFFont } from 'pdf-lib';

const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const EXTRA = new Set(WIN_ANSI_EXTRA);
const SPECIAL: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ı: 'i', ħ: 'h', Ħ: 'H', ŧ: 't', Ŧ: 'T', ŀ: 'l', Ŀ: 'L', ĸ: 'k', ŉ: 'n', ſ: 's' };

function encodable(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || EXTRA.has(ch);
}

/** The text as the standard fonts can write it. Line breaks and tabs become spaces. */
export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text.replace(/[\r\n\t]+/g, ' ')) {
    if (encodable(ch)) {
      out += ch;
      continue;
    }
    if (SPECIAL[ch]) {
      out += SPECIAL[ch];
      continue;
    }
    const stripped = ch.normalize('NFD').replace(/\p{M}/gu, '');
    out += [...stripped].every(encodable) && stripped !== '' ? stripped : '?';
  }
  return out;
}

/** Splits `text` into lines no wider than `width` at `size` (breaking long words when they must). */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of winAnsi(paragraph).split(' ')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      line = word;
      while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut -= 1;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line);
  }
  return lines;
}
