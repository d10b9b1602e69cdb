/**
 * Field paths: `field`, `field.part` (address part), `group` (the item keys of a person group),
 * `group.key.field` and `group.key.field.part` (inside an item). `resolvePath` finds what a path names and
 * whether it is shown now; `walkShown` visits every shown field (for issues, rendering and hashing).
 */
import {
  ADDRESS_PARTS,
  type AddressFieldDef,
  type AddressPart,
  type FieldDef,
  type FormDefinition,
  type LeafFieldDef,
  type PersonsFieldDef,
} from '../../contract/casework.ts';
import { isShown, itemKeys, type Values } from '../../shared/form-conditions.ts';

export const ITEM_KEY = /^[a-z0-9]{1,12}$/;

export type Resolved =
  /** A text, date, select or checkbox field. */
  | { kind: 'value'; path: string; field: Exclude<LeafFieldDef, AddressFieldDef>; shown: boolean }
  /** One part of an address. */
  | { kind: 'part'; path: string; field: AddressFieldDef; part: AddressPart; shown: boolean }
  /** The item list of a person group. */
  | { kind: 'items'; path: string; field: PersonsFieldDef; shown: boolean };

function topLevel(definition: FormDefinition, id: string): FieldDef | undefined {
  for (const section of definition.sections) {
    const found = section.fields.find((f) => f.id === id);
    if (found) return found;
  }
  return undefined;
}

function leaf(field: LeafFieldDef, rest: string[], path: string, shown: boolean): Resolved | undefined {
  if (field.type === 'address') {
    const part = rest[0] as AddressPart | undefined;
    if (rest.length !== 1 || !part || !ADDRESS_PARTS.includes(part)) return undefined;
    if (part === 'country' && !field.abroad) return undefined;
    return { kind: 'part', path, field, part, shown };
  }
  return rest.length === 0 ? { kind: 'value', path, field, shown } : undefined;
}

/** What `path` names in the definition (undefined: nothing), and whether it is shown with `values`. */
export function resolvePath(definition: FormDefinition, path: string, values: Values): Resolved | undefined {
  if (path.length > 200) return undefined;
  const [id, ...rest] = path.split('.');
  const field = id ? topLevel(definition, id) : undefined;
  if (!field) return undefined;
  const shown = isShown(field, values);
  if (field.type !== 'persons') return leaf(field, rest, path, shown);
  if (rest.length === 0) return { kind: 'items', path, field, shown };
  const [key, subId, ...subRest] = rest;
  if (!key || !ITEM_KEY.test(key) || !subId) return undefined;
  const sub = field.fields.find((f) => f.id === subId);
  if (!sub) return undefined;
  const prefix = `${field.id}.${key}.`;
  const itemShown = shown && itemKeys(values, field.id).includes(key) && isShown(sub, values, prefix);
  return leaf(sub, subRest, path, itemShown);
}

/** The field that decides who may edit `resolved` (an item field decides for itself). */
export function editableByOf(resolved: Resolved): LeafFieldDef['editableBy'] {
  return resolved.field.editableBy;
}

export interface ShownVisit {
  field: FieldDef;
  /** `field.id` with the item prefix. */
  path: string;
  /** '' or `group.key.`. */
  prefix: string;
}

/** Visits every shown field in definition order, items of shown groups included (after their group). */
export function walkShown(definition: FormDefinition, values: Values, visit: (v: ShownVisit) => void): void {
  for (const section of definition.sections) {
    for (const field of section.fields) {
      if (!isShown(field, values)) continue;
      visit({ field, path: field.id, prefix: '' });
      if (field.type !== 'persons') continue;
      for (const key of itemKeys(values, field.id)) {
        const prefix = `${field.id}.${key}.`;
        for (const sub of field.fields) {
          if (isShown(sub, values, prefix)) visit({ field: sub, path: prefix + sub.id, prefix });
        }
      }
    }
  }
}

/** Every stored path that belongs to the item `key` of `group`. */
export function isItemPath(path: string, group: string, key: string): boolean {
  return path.startsWith(`${group}.${key}.`);
}
