/**
 * Where an SMS-TAN goes: the phone number in the frozen form (its `…telefon` field) — the number the citizen
 * confirmed in the document they sign, not one from elsewhere. Shared by the TAN request and the document
 * view that offers the SMS-TAN.
 */
import type { DocumentRecord } from '../store/documents.ts';

/** The form's phone number as digits (with a leading +), or null when it has none that can take an SMS. */
export function phoneOf(document: DocumentRecord): string | null {
  // Only the values are read (the frozen envelope's shape, forms/freeze-form.ts, without importing it: no loop).
  const { data } = JSON.parse(document.dataJson) as { data: { values: Record<string, unknown> } };
  const phone = Object.entries(data.values).find(([path]) => /(^|\.)telefon$/.test(path))?.[1];
  return typeof phone === 'string' && /^\+?[0-9 ()/-]{6,24}$/.test(phone) ? phone.replace(/[^0-9+]/g, '') : null;
}
