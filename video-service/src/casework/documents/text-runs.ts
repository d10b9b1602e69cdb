/**
 * Right-to-left pieces of a left-to-right line. fontkit shapes and reverses a run only when the whole string
 * is right-to-left, so a line mixing a Latin and an Arabic or Hebrew name is cut into runs that are drawn one
 * after the other. This is a small part of the Unicode bidirectional algorithm (UAX #9): the line's base
 * direction is always left-to-right, and digits end a right-to-left run (see docs/documents-and-sealing.md).
 */

/** Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and the Hebrew/Arabic presentation forms. */
const RTL_LETTER = /[\u0590-\u05ff\u0600-\u06ff\u0700-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u;
/** What may sit between two right-to-left letters of one run: spaces, marks and the punctuation of names. */
const JOINS_RTL = /[\s\p{M}.,'’"\-‐–\u060c\u061b\u061f\u066b\u066c]/u;

export interface TextRun {
  text: string;
  rtl: boolean;
}

/** The line split into runs in drawing order (left to right); a line without right-to-left letters is one run. */
export function textRuns(line: string): TextRun[] {
  if (!RTL_LETTER.test(line)) return [{ text: line, rtl: false }];
  const chars = [...line];
  const runs: TextRun[] = [];
  let i = 0;
  while (i < chars.length) {
    const rtl = RTL_LETTER.test(chars[i]!);
    let end = i + 1;
    if (rtl) {
      // Spaces, marks and punctuation stay in the run while another right-to-left letter follows them.
      let last = i;
      while (end < chars.length && (RTL_LETTER.test(chars[end]!) || JOINS_RTL.test(chars[end]!))) {
        if (RTL_LETTER.test(chars[end]!) || /\p{M}/u.test(chars[end]!)) last = end;
        end += 1;
      }
      end = last + 1;
    } else {
      while (end < chars.length && !RTL_LETTER.test(chars[end]!)) end += 1;
    }
    runs.push({ text: chars.slice(i, end).join(''), rtl });
    i = end;
  }
  return runs;
}
