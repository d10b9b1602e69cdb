/**
 * Conditional fields: a field is shown when its `showIf` holds for the current values. Pure functions
 * without Node or server imports, so the room UI can use the very same rules.
 */
import type { FieldCondition, FieldDef, FieldValue } from '../contract/casework.ts';

export type Values = Readonly<Record<string, FieldValue>>;

/** Whether a stored value counts as "has a value": non-blank text, a ticked box, at least one item. */
export function hasValue(value: FieldValue | undefined | null): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.length > 0;
  return value.trim().length > 0;
}

/**
 * Whether `condition` holds. `prefix` is '' for top-level fields and `<group>.<key>.` inside a person
 * item (conditions there refer to siblings of the same item).
 */
export function conditionHolds(condition: FieldCondition, values: Values, prefix = ''): boolean {
  const value = values[prefix + condition.field];
  if (condition.equals !== undefined) return value === condition.equals;
  if (condition.in !== undefined) return typeof value === 'string' && condition.in.includes(value);
  return hasValue(value);
}

/** Whether the field is shown (its own condition only; a caller checks enclosing groups). */
export function isShown(field: Pick<FieldDef, 'showIf'>, values: Values, prefix = ''): boolean {
  return field.showIf === undefined || conditionHolds(field.showIf, values, prefix);
}

/** The item keys of a person group (its stored value), or none. */
export function itemKeys(values: Values, groupPath: string): string[] {
  const value = values[groupPath];
  return Array.isArray(value) ? value : [];
}
