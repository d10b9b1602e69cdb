/**
 * The data of a form as it is signed: only shown, non-empty values, in definition order, with display texts
 * for the document, and its SHA-256 over a canonical JSON (sorted paths). The hash is fixed when the clerk
 * freezes the form; a TAN is bound to it and the audit page prints it.
 */
import { createHash } from 'node:crypto';
import type { AddressFieldDef, FieldValue, FormDefinition, LeafFieldDef, Localized } from '../../contract/casework.ts';
import { hasValue, isShown, itemKeys, type Values } from '../../shared/form-conditions.ts';
import { germanDate } from './calendar.ts';
import { walkShown } from './paths.ts';

export interface DataRow {
  kind: 'row';
  path: string;
  label: Localized;
  text: string;
}

export interface DataGroup {
  kind: 'group';
  path: string;
  label: Localized;
  items: Array<{ key: string; title: Localized; rows: DataRow[] }>;
}

export interface DataSection {
  id: string;
  title: Localized;
  entries: Array<DataRow | DataGroup>;
}

export interface FormData {
  form: string;
  version: number;
  title: Localized;
  legalBasis: string | undefined;
  sections: DataSection[];
  /** Shown, non-empty values by path (what the hash covers). */
  values: Record<string, FieldValue>;
}

const YES = 'Ja / Yes';
const NO = 'Nein / No';

function addressText(field: AddressFieldDef, path: string, values: Values): string {
  const part = (p: string) => {
    const v = values[`${path}.${p}`];
    return typeof v === 'string' ? v.trim() : '';
  };
  const line1 = [part('street'), part('houseNumber')].filter(Boolean).join(' ');
  const line2 = [part('postcode'), part('city')].filter(Boolean).join(' ');
  return [line1, part('addition'), line2, field.abroad ? part('country') : ''].filter(Boolean).join(', ');
}

function display(field: LeafFieldDef, path: string, values: Values): string {
  if (field.type === 'address') return addressText(field, path, values);
  const value = values[path];
  if (field.type === 'checkbox') return value === true ? YES : NO;
  if (typeof value !== 'string') return '';
  if (field.type === 'date') return germanDate(value.trim());
  if (field.type === 'select') {
    const option = field.options.find((o) => o.value === value);
    return option
      ? option.label.de === option.label.en
        ? option.label.de
        : `${option.label.de} / ${option.label.en}`
      : value;
  }
  return value.trim();
}

function shownValues(definition: FormDefinition, values: Values): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  walkShown(definition, values, ({ field, path }) => {
    if (field.type === 'address') {
      for (const [p, v] of Object.entries(values))
        if (p.startsWith(`${path}.`) && hasValue(v)) out[p] = typeof v === 'string' ? v.trim() : v;
    } else if (hasValue(values[path])) {
      const v = values[path]!;
      out[path] = typeof v === 'string' ? v.trim() : v;
    }
  });
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The form's signed data: sections with display rows and the shown values. */
export function formData(definition: FormDefinition, values: Values): FormData {
  const sections: DataSection[] = definition.sections.map((s) => ({ id: s.id, title: s.title, entries: [] }));
  const sectionOf = new Map(definition.sections.flatMap((s, i) => s.fields.map((f) => [f.id, sections[i]!] as const)));
  walkShown(definition, values, ({ field, path, prefix }) => {
    if (prefix !== '') return;
    const section = sectionOf.get(field.id)!;
    if (field.type === 'persons') {
      const items = itemKeys(values, path).map((key, index) => {
        const rows: DataRow[] = [];
        const itemPrefix = `${path}.${key}.`;
        for (const sub of field.fields) {
          if (!isShown(sub, values, itemPrefix)) continue;
          const text = display(sub, itemPrefix + sub.id, values);
          if (text !== '') rows.push({ kind: 'row', path: itemPrefix + sub.id, label: sub.label, text });
        }
        return {
          key,
          title: { de: `${field.itemLabel.de} ${index + 1}`, en: `${field.itemLabel.en} ${index + 1}` },
          rows,
        };
      });
      if (items.length > 0) section.entries.push({ kind: 'group', path, label: field.label, items });
      return;
    }
    const text = display(field, path, values);
    if (text !== '') section.entries.push({ kind: 'row', path, label: field.label, text });
  });
  return {
    form: definition.id,
    version: definition.version,
    title: definition.title,
    legalBasis: definition.legalBasis,
    sections: sections.filter((s) => s.entries.length > 0),
    values: shownValues(definition, values),
  };
}

/** SHA-256 (hex) of the canonical JSON `{ form, version, values }`. */
export function dataHash(data: Pick<FormData, 'form' | 'version' | 'values'>): string {
  const canonical = JSON.stringify({ form: data.form, version: data.version, values: data.values });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
