/**
 * The type check of one change: a value must fit the kind of field its path names (text of bounded length
 * without control characters, a date-shaped string, an offered option, a boolean, a list of item keys).
 * Whether a complete value is acceptable (postcode, real date, required) is an issue (issues.ts), not a
 * refusal, so people can type.
 */
import type { AddressPart, FieldValue } from '../../contract/casework.ts';
import { InvalidInput } from '../../errors.ts';
import { ITEM_KEY, type Resolved } from './paths.ts';

const PART_LIMITS: Record<AddressPart, number> = {
  street: 100,
  houseNumber: 20,
  addition: 100,
  postcode: 16,
  city: 100,
  country: 60,
};
// C0 and C1 controls (a line feed is allowed in multi-line text), and bidirectional overrides.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function text(value: FieldValue, max: number, multiline = false): string {
  if (typeof value !== 'string') throw new InvalidInput('This field takes text.');
  if (value.length > max) throw new InvalidInput(`At most ${max} characters.`);
  if ((multiline ? CONTROL : CONTROL_OR_NEWLINE).test(value))
    throw new InvalidInput('Control characters are not allowed.');
  return value.normalize('NFC');
}

/** Returns the value to store (normalised) or throws `InvalidInput`. */
export function checkChangeValue(resolved: Resolved, value: FieldValue): FieldValue {
  if (resolved.kind === 'part') return text(value, PART_LIMITS[resolved.part]);
  if (resolved.kind === 'items') {
    if (!Array.isArray(value) || value.some((k) => typeof k !== 'string' || !ITEM_KEY.test(k))) {
      throw new InvalidInput('A person group takes a list of item keys ([a-z0-9]{1,12}).');
    }
    if (new Set(value).size !== value.length) throw new InvalidInput('Item keys must be unique.');
    if (value.length > resolved.field.maxItems) throw new InvalidInput(`At most ${resolved.field.maxItems} entries.`);
    return value;
  }
  const field = resolved.field;
  switch (field.type) {
    case 'text':
      return text(value, field.maxLength, field.multiline);
    case 'date':
      if (typeof value !== 'string' || !/^[0-9-]{0,10}$/.test(value))
        throw new InvalidInput('A date is written YYYY-MM-DD.');
      return value;
    case 'select':
      if (typeof value !== 'string' || (value !== '' && !field.options.some((o) => o.value === value))) {
        throw new InvalidInput('Choose one of the offered options.');
      }
      return value;
    case 'checkbox':
      if (typeof value !== 'boolean') throw new InvalidInput('A checkbox takes true or false.');
      return value;
  }
}
