/**
 * The drawing pad for the signature: jSignature (https://github.com/brinley/jSignature, a jQuery plugin),
 * in its own lazy chunk together with jQuery, loaded only when the citizen chooses to sign by drawing.
 * jSignature adds a canvas to the container (mouse, touch and pen; full width, a third as high; redrawn at
 * the new size when the window is resized) and exports it as PNG, which is what the service accepts for
 * drawn signatures: base64, at most 2000 × 1000 px.
 *
 * CSP (`style-src 'self'`): jSignature sizes the canvas through `element.style` (allowed) but also parses
 * two empty helper `<div style="…">` (for its undo button, unused here) on every setup, also when it
 * redraws the pad after a window resize; a parsed style attribute would be refused by the CSP (and
 * reported in the console), so HTML parsed by this chunk's jQuery (used by nothing but jSignature) loses
 * its style attributes. jSignature uses no `eval`.
 */
import $ from './jquery-global.ts';
import 'jsignature';

const parse = $.htmlPrefilter;
$.htmlPrefilter = (html) => parse(html).replace(/\sstyle="[^"]*"/g, '');

export interface SignaturePad {
  /** Whether anything was drawn. */
  readonly empty: boolean;
  clear(): void;
  /** The drawing as PNG, base64 without the data-URL prefix. */
  toPngBase64(): string;
  destroy(): void;
}

/** What the service accepts for a drawn signature (`casework/documents/signature-image.ts`). */
const MAX_WIDTH = 2000;
const MAX_HEIGHT = 1000;
const INK = '#0b1f4d';

/**
 * Turns `container` (an empty element) into a pad; `onChange` is told when it becomes empty or not.
 * The visible signature line is drawn by the stylesheet (`.va-pad-area::after`), so it is not in the PNG.
 */
export function createSignaturePad(container: HTMLElement, onChange: (empty: boolean) => void): SignaturePad {
  const $pad = $(container);
  $pad.jSignature({
    width: '100%',
    height: 'ratio',
    sizeRatio: 3,
    color: INK,
    'background-color': 'transparent',
    'decor-color': null,
    lineWidth: 3,
    signatureLine: false,
  });
  let empty = true;
  const strokes = (): number => $pad.jSignature('getData', 'native')?.length ?? 0;
  $pad.on('change.va', () => {
    const now = strokes() === 0;
    if (now !== empty) {
      empty = now;
      onChange(empty);
    }
  });
  return {
    get empty() {
      return strokes() === 0;
    },
    clear() {
      $pad.jSignature('clear');
      empty = true;
      onChange(true);
    },
    toPngBase64() {
      const canvas = $pad.find('canvas.jSignature').get(0) as HTMLCanvasElement | undefined;
      if (canvas && (canvas.width > MAX_WIDTH || canvas.height > MAX_HEIGHT)) return shrunk(canvas);
      const [mime, data] = $pad.jSignature('getData', 'image') ?? ['', ''];
      if (mime !== 'image/png;base64' || !data) throw new Error('the signature pad gave no PNG');
      return data;
    },
    destroy() {
      $pad.off('change.va');
      $pad.jSignature('destroy');
    },
  };
}

/** A copy of a pad larger than the service accepts, scaled down to fit (keeps the proportions). */
function shrunk(canvas: HTMLCanvasElement): string {
  const scale = Math.min(MAX_WIDTH / canvas.width, MAX_HEIGHT / canvas.height);
  const copy = document.createElement('canvas');
  copy.width = Math.floor(canvas.width * scale);
  copy.height = Math.floor(canvas.height * scale);
  copy.getContext('2d')!.drawImage(canvas, 0, 0, copy.width, copy.height);
  return copy.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
}
