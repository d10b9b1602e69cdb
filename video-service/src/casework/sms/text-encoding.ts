/**
 * The text of an SMS as SMPP carries it (ADR 0150): the GSM 03.38 default alphabet (data_coding 0, one
 * septet per octet — the SMSC packs) when every character has a GSM code, else UCS-2 (data_coding 8,
 * UTF-16BE: Arabic, Cyrillic). A text longer than one SMS is split into parts for a concatenation UDH
 * (153 septets or 67 UTF-16 units each), never inside an escape pair or a surrogate pair.
 */

/** GSM 03.38 basic table, code = index ('\u001b' at 0x1B is the escape to the extension table). */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** The extension table: characters written as ESC + code. */
const EXTENSION: Readonly<Record<string, number>> = {
  '\f': 0x0a,
  '^': 0x14,
  '{': 0x28,
  '}': 0x29,
  '\\': 0x2f,
  '[': 0x3c,
  '~': 0x3d,
  ']': 0x3e,
  '|': 0x40,
  '€': 0x65,
};
const BASIC_CODE = new Map<string, number>([...BASIC].map((c, i) => [c, i]));
const EXTENSION_CHAR = new Map<number, string>(Object.entries(EXTENSION).map(([c, code]) => [code, c]));

export const DATA_CODING_GSM = 0x00;
export const DATA_CODING_UCS2 = 0x08;

/** Septets of one SMS without / with a 6-octet concatenation UDH (7 septets), and UTF-16 units likewise. */
const GSM_SINGLE = 160;
const GSM_PART = 153;
const UCS2_SINGLE = 70;
const UCS2_PART = 67;

export interface EncodedText {
  dataCoding: typeof DATA_CODING_GSM | typeof DATA_CODING_UCS2;
  /** The parts' bytes (without UDH); one part when the text fits one SMS. */
  parts: Buffer[];
}

/** The GSM septets of one character (1 or 2), or null when it has none. */
function gsmCodes(char: string): number[] | null {
  if (char === '\u001b') return null;
  const basic = BASIC_CODE.get(char);
  if (basic !== undefined) return [basic];
  const extension = EXTENSION[char];
  return extension === undefined ? null : [0x1b, extension];
}

/** The text as GSM septets per character, or null when one character is not in the GSM alphabet. */
function toGsm(text: string): number[][] | null {
  const chars: number[][] = [];
  for (const char of text) {
    const codes = gsmCodes(char);
    if (!codes) return null;
    chars.push(codes);
  }
  return chars;
}

/** Groups units (each an indivisible run of bytes) into parts of at most `limit` counted units. */
function split(units: number[][], limit: number, weight: number): Buffer[] {
  const parts: Buffer[] = [];
  let current: number[] = [];
  for (const unit of units) {
    if ((current.length + unit.length) / weight > limit) {
      parts.push(Buffer.from(current));
      current = [];
    }
    current.push(...unit);
  }
  if (current.length > 0 || parts.length === 0) parts.push(Buffer.from(current));
  return parts;
}

export function encodeText(text: string): EncodedText {
  const gsm = toGsm(text);
  if (gsm) {
    const septets = gsm.reduce((n, c) => n + c.length, 0);
    return { dataCoding: DATA_CODING_GSM, parts: split(gsm, septets <= GSM_SINGLE ? GSM_SINGLE : GSM_PART, 1) };
  }
  // UCS-2 as UTF-16BE; a character beyond the BMP stays one unit (its surrogate pair, 4 bytes).
  const chars = [...text].map((char) => [...Buffer.from(char, 'utf16le').swap16()]);
  const units = chars.reduce((n, c) => n + c.length / 2, 0);
  return { dataCoding: DATA_CODING_UCS2, parts: split(chars, units <= UCS2_SINGLE ? UCS2_SINGLE : UCS2_PART, 2) };
}

/** The text of `bytes` in `dataCoding` (the receiving side: test servers, delivery receipts). */
export function decodeText(bytes: Buffer, dataCoding: number): string {
  if (dataCoding === DATA_CODING_UCS2) return Buffer.from(bytes).swap16().toString('utf16le');
  let text = '';
  for (let i = 0; i < bytes.length; i += 1) {
    const code = bytes[i]!;
    if (code === 0x1b && i + 1 < bytes.length) {
      i += 1;
      text += EXTENSION_CHAR.get(bytes[i]!) ?? ' ';
    } else text += BASIC[code] ?? '?';
  }
  return text;
}
