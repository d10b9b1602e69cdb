/**
 * Right-to-left paragraphs in the PDF (ADR 0155): the pieces `rtlLines` cuts a line into, laid out with the
 * embedded DejaVu Sans through fontkit as pdf-lib draws them. DejaVu's glyph names are the presentation
 * forms' code points (uniFEE3 = meem initial; an isolated letter is its own glyph, uni0645), so the glyphs read
 * left to right spell the visual line.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { rtlLines } from '../../../video-service/src/casework/documents/rtl-text.ts';

const require = createRequire(import.meta.url);
const font = fontkit.create(readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')));

/** The line as drawn, left to right: each glyph as its presentation form (or its letter when it has none). */
function visual(text: string): string {
  const [line] = rtlLines([text]);
  return line!.pieces
    .map((piece) =>
      font
        .layout(piece.text)
        .glyphs.map((g) => {
          const form = /^uni([0-9A-F]{4})$/.exec((g as unknown as { name: string }).name)?.[1];
          return form ? String.fromCodePoint(Number.parseInt(form, 16)) : String.fromCodePoint(...g.codePoints);
        })
        .join(''),
    )
    .join('');
}

describe('right-to-left text in the PDF (rtl-text.ts)', () => {
  it('joins a word: initial, medial and final forms, drawn right to left', () => {
    // محمد: meem initial, hah medial, meem medial, dal final — from the right.
    expect(visual('محمد')).to.equal('\ufeaa\ufee4\ufea4\ufee3');
  });

  it('uses the lam-alef ligature and isolated forms after a letter that does not join', () => {
    // سلام: seen initial, lam-alef final ligature, meem isolated (alef joins no letter after it).
    expect(visual('سلام')).to.equal('\u0645\ufefc\ufeb3');
    expect(visual('لا')).to.equal('\ufefb');
  });

  it('keeps a number and a URL left to right inside the right-to-left sentence', () => {
    const line = 'رقم 12 على العنوان https://amt.example/verify.';
    expect(visual(line)).to.equal(
      // العنوان: alef, lam initial, ain and noon medial, waw final, alef and noon isolated; رقم: reh isolated.
      '.https://amt.example/verify \u0646\u0627\ufeee\ufee8\ufecc\ufedf\u0627 \ufef0\ufee0\ufecb 12 \ufee2\ufed7\u0631',
    );
  });

  it('mirrors brackets and keeps Arabic-Indic digits in their order', () => {
    expect(visual('محمد (حسن) ٣٤')).to.equal('٣٤ (\ufee6\ufeb4\ufea3) \ufeaa\ufee4\ufea4\ufee3');
  });

  it('orders each wrapped line on its own, the levels taken from the whole paragraph', () => {
    const lines = rtlLines(['يحمل هذا المستند الختم الصادر عن Stadt', 'Musterstadt. أي تغيير']);
    expect(lines.map((l) => l.logical)).to.deep.equal([
      'يحمل هذا المستند الختم الصادر عن Stadt',
      'Musterstadt. أي تغيير',
    ]);
    // Leftmost on the first line is the Latin word that ends it; on the second the Arabic that ends it.
    expect(lines[0]!.pieces[0]!.text).to.equal('Stadt');
    expect(lines[1]!.pieces.at(-1)!.text).to.equal('Musterstadt');
    expect(lines[1]!.pieces[0]!.text).to.equal('تغيير');
  });

  it('gives each piece its logical start, so the pieces can be drawn in reading order', () => {
    const [line] = rtlLines(['أي 12 تغيير']);
    const reading = [...line!.pieces].sort((a, b) => a.at - b.at).map((p) => p.text);
    expect(reading.join('')).to.equal('أي 12 تغيير');
  });
});
