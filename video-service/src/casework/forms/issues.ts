/**
 * Issues of a form's shown fields: required but empty, German postcodes (5 digits), real calendar dates
 * and their limits, e-mail, phone, codes, too few persons. Shown at the field while typing; the clerk can
 * freeze a form only when there are none.
 */
import type {
  AddressFieldDef,
  FieldIssueCode,
  FormDefinition,
  LeafFieldDef,
  PersonsFieldDef,
} from '../../contract/casework.ts';
import { hasValue, itemKeys, type Values } from '../../shared/form-conditions.ts';
import { isCalendarDate } from './calendar.ts';
import { walkShown } from './paths.ts';

export type Issues = Record<string, FieldIssueCode[]>;

const POSTCODE_DE = /^\d{5}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()/-]{5,22}$/;
const CODE = /^[A-Z0-9]+$/;
const GERMANY = new Set(['', 'de', 'deu', 'deutschland', 'germany']);

function str(values: Values, path: string): string {
  const v = values[path];
  return typeof v === 'string' ? v.trim() : '';
}

function add(issues: Issues, path: string, code: FieldIssueCode): void {
  (issues[path] ??= []).push(code);
}

function addressIssues(field: AddressFieldDef, path: string, values: Values, issues: Issues): void {
  const part = (p: string) => str(values, `${path}.${p}`);
  const anything = ['street', 'houseNumber', 'addition', 'postcode', 'city', 'country'].some((p) => part(p) !== '');
  if (!field.required && !anything) return;
  const inGermany = !field.abroad || GERMANY.has(part('country').toLowerCase());
  const needed = inGermany ? ['street', 'houseNumber', 'postcode', 'city'] : ['street', 'city', 'country'];
  for (const p of needed) if (part(p) === '') add(issues, `${path}.${p}`, 'required');
  if (inGermany && part('postcode') !== '' && !POSTCODE_DE.test(part('postcode')))
    add(issues, `${path}.postcode`, 'invalid_postcode');
}

function leafIssues(field: LeafFieldDef, path: string, values: Values, today: string, issues: Issues): void {
  if (field.type === 'address') return addressIssues(field, path, values, issues);
  const value = values[path];
  if (!hasValue(value)) {
    if (field.required) add(issues, path, 'required');
    return;
  }
  if (field.type === 'date') {
    const v = str(values, path);
    if (!isCalendarDate(v)) return add(issues, path, 'invalid_date');
    if (field.notAfter === 'today' && v > today) add(issues, path, 'date_in_future');
    if (field.notBefore === 'today' && v < today) add(issues, path, 'date_in_past');
    return;
  }
  if (field.type !== 'text' || !field.format) return;
  const v = str(values, path);
  const ok =
    field.format === 'postcode'
      ? POSTCODE_DE.test(v)
      : field.format === 'email'
        ? EMAIL.test(v)
        : field.format === 'phone'
          ? PHONE.test(v)
          : CODE.test(v);
  if (!ok)
    add(
      issues,
      path,
      field.format === 'postcode'
        ? 'invalid_postcode'
        : field.format === 'email'
          ? 'invalid_email'
          : field.format === 'phone'
            ? 'invalid_phone'
            : 'invalid_code',
    );
}

function groupIssues(field: PersonsFieldDef, path: string, values: Values, issues: Issues): void {
  const count = itemKeys(values, path).length;
  if (count < Math.max(field.minItems, field.required ? 1 : 0)) add(issues, path, 'too_few_items');
}

/** Every issue of the shown fields, by path. `today` is `YYYY-MM-DD` in the office's zone. */
export function formIssues(definition: FormDefinition, values: Values, today: string): Issues {
  const issues: Issues = {};
  walkShown(definition, values, ({ field, path }) => {
    if (field.type === 'persons') groupIssues(field, path, values, issues);
    else leafIssues(field, path, values, today, issues);
  });
  return issues;
}
