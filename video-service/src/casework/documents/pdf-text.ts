/**
 * Line breaking for the document text. Words are measured once each (pdf-lib lays out the whole string
 * with fontkit on every width query, so measuring growing lines word by word would be quadratic).
 */
import type { PDFFont } from 'pdf-lib';
import { printable } from './pdf-fonts.ts';

/** Splits `text` into lines no wider than `width` at `size` (breaking long words when they must). */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const measured = new Map<string, number>();
  const measure = (s: string): number => {
    let w = measured.get(s);
    if (w === undefined) {
      w = font.widthOfTextAtSize(s, size);
      measured.set(s, w);
    }
    return w;
  };
  const space = measure(' ');
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (const word of printable(paragraph, font).split(' ')) {
      const wordWidth = measure(word);
      const candidateWidth = line === '' ? wordWidth : lineWidth + space + wordWidth;
      if (candidateWidth <= width) {
        line = line === '' ? word : `${line} ${word}`;
        lineWidth = candidateWidth;
        continue;
      }
      if (line !== '') lines.push(line);
      line = word;
      while (font.widthOfTextAtSize(line, size) > width && [...line].length > 1) {
        const chars = [...line];
        let cut = chars.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(chars.slice(0, cut).join(''), size) > width) cut -= 1;
        lines.push(chars.slice(0, cut).join(''));
        line = chars.slice(cut).join('');
      }
      lineWidth = font.widthOfTextAtSize(line, size);
    }
    lines.push(line);
  }
  return lines;
}
