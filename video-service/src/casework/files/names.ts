/**
 * Original file names as shown to people: only the last path segment, no control or bidirectional
 * characters, no characters Windows refuses, no leading dots, at most 120 characters, and the extension of
 * the type the content really is. Storage never uses them (blob-store.ts generates names).
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const RESERVED = /[<>:"/\\|?*]/g;

export function sanitiseFileName(original: string, ext: string): string {
  const lastSegment = original.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let base = lastSegment.replace(CONTROL, '').replace(RESERVED, '_').replace(/\s+/g, ' ').trim();
  base = base.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  const dot = base.lastIndexOf('.');
  if (dot > 0) base = base.slice(0, dot);
  base = base.replace(/[.\s]+$/, '').slice(0, 120 - ext.length - 1);
  if (base === '' || /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(base)) base = 'datei';
  return `${base}.${ext}`;
}

/** A Content-Disposition value: attachment with an ASCII fallback and the UTF-8 name (RFC 6266, RFC 8187). */
export function attachmentDisposition(name: string): string {
  const ascii =
    name
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '_') || 'datei';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
