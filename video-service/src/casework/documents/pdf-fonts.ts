/**
 * The document fonts: DejaVu Sans regular and bold (npm `dejavu-fonts-ttf`), embedded with @pdf-lib/fontkit as
 * subsets, so names in Latin, Greek, Cyrillic, Arabic or Hebrew script print exactly and a document carries only
 * the glyphs it uses. The TTF files are read and parsed once per process; every document shares the parsed fonts.
 * Right-to-left limits: see docs/documents-and-sealing.md ("Fonts").
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type ParsedFont = ReturnType<Fontkit['create']>;

const FILES = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
} as const;

interface LoadedFonts {
  regular: Uint8Array;
  bold: Uint8Array;
  /** Hands pdf-lib the font parsed once instead of parsing the bytes again for every document. */
  fontkit: Fontkit;
}

export interface DocumentFonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** Laid-out strings kept per font (labels and words repeat in every document); cleared when full. */
const LAYOUT_CACHE_SIZE = 4000;

const resolve = createRequire(import.meta.url).resolve;
const coverage = new WeakMap<PDFFont, ParsedFont>();
let loading: Promise<LoadedFonts> | undefined;

/**
 * Remembers fontkit's layout of recent strings: pdf-lib lays out the whole string with every width query and
 * every drawn line, and shaping (GSUB/GPOS) dominates the rendering time. pdf-lib only reads the glyph runs.
 */
function memoizeLayout(font: ParsedFont): ParsedFont {
  const shape = font.layout.bind(font);
  const layout = (text: string, features?: Parameters<ParsedFont['layout']>[1]) =>
    ligaturesAsPresentationForms(font, shape(text, features));
  const runs = new Map<string, ReturnType<ParsedFont['layout']>>();
  font.layout = (text, features) => {
    if (features !== undefined) return layout(text, features);
    let run = runs.get(text);
    if (!run) {
      if (runs.size >= LAYOUT_CACHE_SIZE) runs.clear();
      run = layout(text);
      runs.set(text, run);
    }
    return run;
  };
  return font;
}

/** Arabic letters (what a lam-alef ligature is made of). */
const RTL_LETTERS = /^\p{Script=Arabic}+$/u;

/**
 * A glyph standing for several right-to-left letters (lam-alef, ﻻ) gets its presentation form as its text
 * (the ToUnicode entry pdf-lib writes from `codePoints`) when the font maps that code point to it. Readers
 * turn visual order back into logical by reversing a right-to-left run character by character, which would
 * swap the ligature's two letters (ال for لا); one code point stays whole, and search and copy fold it back
 * with NFKC (ADR 0155). The glyph objects are fontkit's shared ones, so this is done once per glyph.
 */
function ligaturesAsPresentationForms(font: ParsedFont, run: ReturnType<ParsedFont['layout']>) {
  for (const glyph of run.glyphs) {
    if (glyph.codePoints.length < 2 || !RTL_LETTERS.test(String.fromCodePoint(...glyph.codePoints))) continue;
    const form = presentationForms(font).get(glyph.id);
    if (form !== undefined) glyph.codePoints = [form];
  }
  return run;
}

const forms = new WeakMap<ParsedFont, Map<number, number>>();

/**
 * Glyph id → code point of the font's lam-alef ligatures (U+FEF5–FEFC), the ligatures Arabic text needs.
 * Only these: fontkit keeps the code points a glyph was first looked up with, so asking the cmap for a
 * presentation form that shares its glyph with a plain letter would change that letter's text.
 */
function presentationForms(font: ParsedFont): Map<number, number> {
  let map = forms.get(font);
  if (!map) {
    map = new Map();
    for (let cp = 0xfef5; cp <= 0xfefc; cp += 1)
      if (font.hasGlyphForCodePoint(cp)) map.set(font.glyphForCodePoint(cp).id, cp);
    forms.set(font, map);
  }
  return map;
}

async function load(): Promise<LoadedFonts> {
  const [regular, bold] = await Promise.all([readFile(resolve(FILES.regular)), readFile(resolve(FILES.bold))]);
  const parsed = new Map<Uint8Array, ParsedFont>([
    [regular, memoizeLayout(fontkit.create(regular))],
    [bold, memoizeLayout(fontkit.create(bold))],
  ]);
  return { regular, bold, fontkit: { create: (bytes, name) => parsed.get(bytes) ?? fontkit.create(bytes, name) } };
}

/** The font files, read and parsed on first use and kept for the process (a failed read is retried next time). */
function fonts(): Promise<LoadedFonts> {
  loading ??= load().catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

/** Embeds DejaVu Sans regular and bold into `doc` as subsets (only the glyphs drawn end up in the file). */
export async function embedDocumentFonts(doc: PDFDocument): Promise<DocumentFonts> {
  const loaded = await fonts();
  doc.registerFontkit(loaded.fontkit);
  const [regular, bold] = await Promise.all([
    doc.embedFont(loaded.regular, { subset: true }),
    doc.embedFont(loaded.bold, { subset: true }),
  ]);
  coverage.set(regular, loaded.fontkit.create(loaded.regular));
  coverage.set(bold, loaded.fontkit.create(loaded.bold));
  return { regular, bold };
}

/**
 * The text as `font` can draw it: NFC-composed (pdf-lib places no combining marks), line breaks and tabs as
 * spaces, a letter the font lacks without its accents if that helps, else "?" (e.g. CJK, which DejaVu lacks).
 * The signed data hash always covers the values as entered.
 */
export function printable(text: string, font: PDFFont): string {
  const parsed = coverage.get(font);
  const normal = text.replace(/[\r\n\t]+/g, ' ').normalize('NFC');
  if (!parsed) return normal;
  const has = (ch: string): boolean => parsed.hasGlyphForCodePoint(ch.codePointAt(0)!);
  let out = '';
  for (const ch of normal) {
    if (has(ch)) {
      out += ch;
      continue;
    }
    const stripped = ch.normalize('NFD').replace(/\p{M}/gu, '');
    out += stripped !== '' && [...stripped].every(has) ? stripped : '?';
  }
  return out;
}
