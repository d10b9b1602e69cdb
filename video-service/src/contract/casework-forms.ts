/**
 * The form part of the casework contract (contract/casework.ts re-exports it): the declarative form format
 * the room UI renders from, the stored state of a form and the updates of live co-editing. docs/forms.md
 * describes the format.
 */
import type { Role } from './join-token.ts';

/**
 * A text in the UI languages: German and English always; Turkish, Arabic, Ukrainian and Russian where
 * a translation exists (service names and documents do; form labels stay German and English, see
 * docs/adr/0019). The room shows German where its language is missing.
 */
export interface Localized {
  de: string;
  en: string;
  tr?: string;
  ar?: string;
  uk?: string;
  ru?: string;
}

// ------------------------------------------------------------------ form definitions

/** Who may change a field: the citizen, the clerk or both. Guests never edit. */
export type Editable = 'citizen' | 'clerk' | 'both';

/**
 * A field is shown when the field at `field` has a value (non-empty text, a checked box, an item), or,
 * with `equals`/`in`, that exact value. Inside a person group, `field` names a sibling of the same item.
 */
export interface FieldCondition {
  field: string;
  equals?: string | boolean;
  in?: string[];
}

/** Where a field's first value comes from when the citizen opens the case (only empty fields are filled). */
export type PrefillSource = 'citizen.fullName' | 'citizen.givenNames' | 'citizen.familyName' | 'appointment.date';

interface FieldBase {
  /** `[a-z][a-z0-9_]*`, unique within its section list (or its group). */
  id: string;
  label: Localized;
  help?: Localized;
  required?: boolean;
  editableBy: Editable;
  showIf?: FieldCondition;
  prefill?: PrefillSource;
}

/** Checks beyond the length: German postcode (5 digits), e-mail, phone (+, digits, spaces), upper-case code. */
export type TextFormat = 'postcode' | 'email' | 'phone' | 'code';

export interface TextFieldDef extends FieldBase {
  type: 'text';
  maxLength: number;
  multiline?: boolean;
  format?: TextFormat;
}

/** A real calendar date `YYYY-MM-DD`; `notAfter`/`notBefore: 'today'` bounds it (birth dates, moving dates). */
export interface DateFieldDef extends FieldBase {
  type: 'date';
  notAfter?: 'today';
  notBefore?: 'today';
}

export interface SelectOption {
  value: string;
  label: Localized;
}

export interface SelectFieldDef extends FieldBase {
  type: 'select';
  options: SelectOption[];
}

export interface CheckboxFieldDef extends FieldBase {
  type: 'checkbox';
}

/** Parts of an address; `country` exists only for addresses that may be abroad. */
export const ADDRESS_PARTS = ['street', 'houseNumber', 'addition', 'postcode', 'city', 'country'] as const;
export type AddressPart = (typeof ADDRESS_PARTS)[number];

/**
 * An address, edited part by part (`<field>.street`, `<field>.postcode`, …). German postcodes have five
 * digits; with `abroad`, a `country` part exists and the postcode is free text when the country is not DE.
 */
export interface AddressFieldDef extends FieldBase {
  type: 'address';
  abroad?: boolean;
}

export type LeafFieldDef = TextFieldDef | DateFieldDef | SelectFieldDef | CheckboxFieldDef | AddressFieldDef;

/**
 * A repeatable group of persons (e.g. everyone moving in). Its value is the list of item keys
 * (`[a-z0-9]{1,12}`, chosen by the client that adds an item); item fields live at `<group>.<key>.<field>`.
 */
export interface PersonsFieldDef extends FieldBase {
  type: 'persons';
  itemLabel: Localized;
  minItems: number;
  maxItems: number;
  fields: LeafFieldDef[];
}

export type FieldDef = LeafFieldDef | PersonsFieldDef;

export interface FormSection {
  id: string;
  title: Localized;
  fields: FieldDef[];
}

export interface FormDefinition {
  /** e.g. `anmeldung`. */
  id: string;
  /** Bumped when the field set changes; stored with each form and in its data hash. */
  version: number;
  title: Localized;
  /** The legal basis printed on the document, e.g. "§ 17 Abs. 1 BMG". */
  legalBasis?: string;
  sections: FormSection[];
}

// ------------------------------------------------------------------ form state and co-editing

/**
 * A stored value. Paths: `field` (text, date, select: string; checkbox: boolean), `field.part` (address
 * part: string), `group` (person group: item keys, string[]), `group.key.field[.part]` (inside an item).
 */
export type FieldValue = string | boolean | string[];

export interface FieldState {
  value: FieldValue;
  /** The form version at which this value was stored (the `baseVersion` to send when changing it). */
  version: number;
  /** Participant id of the last writer, or `system` (prefill from the booking). */
  by: string;
  updatedAt: string;
}

/** Why a value is not acceptable yet (shown at the field; the clerk cannot freeze while any exist). */
export type FieldIssueCode =
  | 'required'
  | 'invalid_postcode'
  | 'invalid_date'
  | 'date_in_future'
  | 'date_in_past'
  | 'invalid_email'
  | 'invalid_phone'
  | 'invalid_code'
  | 'too_few_items';

export type FormStatus = 'open' | 'frozen' | 'sealed';

export interface FormState {
  /** The form instance's id (one per service of the case that has a form). */
  id: string;
  service: string;
  definition: FormDefinition;
  status: FormStatus;
  /** Grows with every accepted change. */
  version: number;
  /** Every stored value by path; absent paths are empty. */
  fields: Record<string, FieldState>;
  /** Issues of visible fields by path (see `FieldIssueCode`). */
  issues: Record<string, FieldIssueCode[]>;
  /** The document made when the clerk froze the form. */
  documentId: string | null;
}

/**
 * Two people changed the same field at once: the later accepted write (server order) won. Both sides
 * get the winning value with this marker and show it, e.g. "your entry 'x' was replaced by the clerk's".
 */
export interface FieldConflict {
  /** The participant whose value was replaced. */
  overwrittenBy: string;
  overwrittenValue: FieldValue;
}

/** An accepted change, as acknowledged to the writer and sent to everyone else (`form:field`). */
export interface FieldUpdate {
  formId: string;
  field: string;
  /** null: the value was removed (e.g. a person item was deleted). */
  value: FieldValue | null;
  version: number;
  formVersion: number;
  by: string;
  updatedAt: string;
  conflict: FieldConflict | null;
  /** Paths removed with this change (the fields of a deleted person item). */
  removed: string[];
  /** The whole form's issues after this change. */
  issues: Record<string, FieldIssueCode[]>;
}

/** Who is editing which field right now (ephemeral, never stored; `field: null` = left the field). */
export interface FieldPresence {
  formId: string;
  participantId: string;
  role: Role;
  field: string | null;
}
