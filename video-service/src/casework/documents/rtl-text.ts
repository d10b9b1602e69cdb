/**
 * Right-to-left paragraphs in the PDF (the Arabic seal note; ADR 0155). pdf-lib draws every string left to
 * right, and fontkit, which pdf-lib hands each string to, shapes a string with the font's GSUB (joining
 * forms, lam-alef) and reverses it only as a whole, when its first letter is of a right-to-left script — so
 * an Arabic sentence holding a number or a URL would come out with the digits and the URL reversed too.
 *
 * Here the Unicode bidirectional algorithm (UAX #9, npm `bidi-js`) resolves the paragraph's levels with a
 * right-to-left base, each wrapped line is reordered on its own (rule L2), and the line is cut into its
 * runs, placed left to right: right-to-left letters go to fontkit in logical order (fontkit shapes and
 * reverses them), the neutrals between them are reversed and mirrored here, a left-to-right run
 * (digits, Latin, a URL) as it is. The line is right-aligned. The runs are drawn in logical order, so text
 * extraction that follows the content stream gets the sentence in reading order; the lam-alef ligatures'
 * text is their presentation form (pdf-fonts.ts), which readers fold back with NFKC (ADR 0155).
 */
import { createRequire } from 'node:module';
import { PDFDict, PDFName, PDFOperator, PDFOperatorNames, PDFString, type PDFPage } from 'pdf-lib';
import type { Bidi } from 'bidi-js';

// bidi-js ships a UMD bundle whose types declare an ES default export; loading it through require gives the
// factory itself under Node's CommonJS interop and under TypeScript alike.
const bidi = (createRequire(import.meta.url)('bidi-js') as () => Bidi)();

/**
 * What fontkit lays out right to left itself (its script list, in use here: Arabic, Hebrew, Syriac, Thaana,
 * NKo, Samaritan, Mandaic) and what joins such letters: marks, tatweel, ZWNJ/ZWJ.
 */
const RTL_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{M}\u0640\u200c\u200d]/u;

/**
 * Right-to-left letters (with their marks, tatweel, ZWNJ/ZWJ) go to fontkit, which shapes and reverses them;
 * the neutrals between them (spaces, punctuation) are reversed and mirrored here. Each word is its own
 * piece, so extraction that follows the content stream meets the words in reading order.
 */
type Kind = 'rtl' | 'neutral' | 'ltr';

/** A piece of a line: the string for pdf-lib's drawText and where it starts in the line (logical order). */
export interface Piece {
  text: string;
  at: number;
}

/** One line of a right-to-left paragraph: what it says and the pieces to draw, from the left. */
export interface RtlLine {
  logical: string;
  /** In drawing order from the left; draw them in the order of `at`, so the content stream reads logically. */
  pieces: Piece[];
}

/**
 * Lays out the lines of one right-to-left paragraph (as wrapped in logical order, joined by one space each).
 * The levels are resolved over the whole paragraph, the order per line.
 */
export function rtlLines(lines: readonly string[]): RtlLine[] {
  const paragraph = lines.join(' ');
  const embedding = bidi.getEmbeddingLevels(paragraph, 'rtl');
  const out: RtlLine[] = [];
  let start = 0;
  for (const line of lines) {
    const end = start + line.length - 1;
    const pieces = line === '' ? [] : visualPieces(paragraph, embedding, start, end);
    out.push({ logical: line, pieces: pieces.map((p) => ({ text: p.text, at: p.at - start })) });
    start = end + 2;
  }
  return out;
}

function visualPieces(
  text: string,
  embedding: ReturnType<Bidi['getEmbeddingLevels']>,
  start: number,
  end: number,
): Piece[] {
  // The indices of the whole paragraph come back, this line's range reordered.
  const order = bidi.getReorderedIndices(text, embedding, start, end).slice(start, end + 1);
  const mirrored = bidi.getMirroredCharactersMap(text, embedding.levels, start, end);
  const out: Piece[] = [];
  let run: { kind: Kind; first: number; last: number } | undefined;
  const flush = () => {
    if (!run) return;
    const from = Math.min(run.first, run.last);
    const logical = [...text.slice(from, Math.max(run.first, run.last) + 1)];
    if (run.kind === 'rtl') out.push({ text: logical.join(''), at: from });
    else if (run.kind === 'neutral') {
      let offset = from;
      const chars = logical.map((ch) => {
        const mirror = mirrored.get(offset) ?? ch;
        offset += ch.length;
        return mirror;
      });
      out.push({ text: chars.reverse().join(''), at: from });
    } else if (RTL_SCRIPT.test(logical.join(''))) {
      // Left to right but of an Arabic code point (Arabic-Indic digits): one piece each, so fontkit reverses none.
      let at = from;
      for (const ch of logical) {
        out.push({ text: ch, at });
        at += ch.length;
      }
    } else out.push({ text: logical.join(''), at: from });
    run = undefined;
  };
  for (const i of order) {
    const odd = (embedding.levels[i]! & 1) === 1;
    const kind: Kind = !odd ? 'ltr' : RTL_SCRIPT.test(text[i]!) ? 'rtl' : 'neutral';
    // A right-to-left run is visited from its logical end backwards, a left-to-right one forwards; a piece
    // stays one slice of the text, so fontkit shapes it as written.
    if (run && run.kind === kind && i === run.last + (odd ? -1 : 1)) {
      run.last = i;
      continue;
    }
    flush();
    run = { kind, first: i, last: i };
  }
  flush();
  return out;
}

/**
 * Wraps what `draw` puts on the page in a marked-content span with the language (`/Span << /Lang (ar) >> BDC
 * … EMC`, ISO 32000-1, 14.9.2), for readers that choose a voice or a hyphenation by it.
 */
export function withLanguage(page: PDFPage, lang: string, draw: () => void): void {
  const props = PDFDict.withContext(page.doc.context);
  props.set(PDFName.of('Lang'), PDFString.of(lang));
  // pdf-lib's operand type leaves out dictionaries, which BDC takes inline; it writes any PDF object.
  const operands = [PDFName.of('Span'), props] as unknown as Parameters<typeof PDFOperator.of>[1];
  page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, operands));
  draw();
  page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
}
