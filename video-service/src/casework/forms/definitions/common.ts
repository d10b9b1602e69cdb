/**
 * Building blocks of the form definitions: short constructors and the field sets German registration
 * forms share (personal data per the Bundesmeldegesetz, addresses, declarations).
 */
import type {
  AddressFieldDef,
  CheckboxFieldDef,
  DateFieldDef,
  Editable,
  FieldCondition,
  LeafFieldDef,
  Localized,
  PersonsFieldDef,
  PrefillSource,
  SelectFieldDef,
  SelectOption,
  TextFieldDef,
  TextFormat,
} from '../../../contract/casework.ts';
import { SERVICE_TRANSLATIONS } from '../../../shared/service-translations.ts';
import { formTranslations } from './translations/index.ts';

/**
 * A form text in German and English; Turkish, Arabic, Ukrainian and Russian come from the form tables
 * (translations/, keyed by the German wording), and the catalogue's table wins where the German wording is
 * a service's name (a form titled like its service reads exactly like the service everywhere).
 */
export const L = (de: string, en: string): Localized => ({
  de,
  en,
  ...formTranslations(de),
  ...SERVICE_TRANSLATIONS[de],
});

interface Common {
  required?: boolean;
  editableBy?: Editable;
  showIf?: FieldCondition;
  help?: Localized;
  prefill?: PrefillSource;
}

function common(id: string, label: Localized, o: Common) {
  return {
    id,
    label,
    editableBy: o.editableBy ?? 'both',
    ...(o.required ? { required: true } : {}),
    ...(o.showIf ? { showIf: o.showIf } : {}),
    ...(o.help ? { help: o.help } : {}),
    ...(o.prefill ? { prefill: o.prefill } : {}),
  };
}

export function text(
  id: string,
  label: Localized,
  o: Common & { maxLength?: number; multiline?: boolean; format?: TextFormat } = {},
): TextFieldDef {
  return {
    ...common(id, label, o),
    type: 'text',
    maxLength: o.maxLength ?? (o.multiline ? 1000 : 100),
    ...(o.multiline ? { multiline: true } : {}),
    ...(o.format ? { format: o.format } : {}),
  };
}

export function date(
  id: string,
  label: Localized,
  o: Common & { notAfter?: 'today'; notBefore?: 'today' } = {},
): DateFieldDef {
  return {
    ...common(id, label, o),
    type: 'date',
    ...(o.notAfter ? { notAfter: o.notAfter } : {}),
    ...(o.notBefore ? { notBefore: o.notBefore } : {}),
  };
}

export function select(id: string, label: Localized, options: SelectOption[], o: Common = {}): SelectFieldDef {
  return { ...common(id, label, o), type: 'select', options };
}

export function checkbox(id: string, label: Localized, o: Common = {}): CheckboxFieldDef {
  return { ...common(id, label, o), type: 'checkbox' };
}

export function address(id: string, label: Localized, o: Common & { abroad?: boolean } = {}): AddressFieldDef {
  return { ...common(id, label, o), type: 'address', ...(o.abroad ? { abroad: true } : {}) };
}

export function persons(
  id: string,
  label: Localized,
  itemLabel: Localized,
  fields: LeafFieldDef[],
  o: Common & { minItems?: number; maxItems?: number } = {},
): PersonsFieldDef {
  return {
    ...common(id, label, o),
    type: 'persons',
    itemLabel,
    minItems: o.minItems ?? 1,
    maxItems: o.maxItems ?? 10,
    fields,
  };
}

export const opt = (value: string, de: string, en: string): SelectOption => ({ value, label: L(de, en) });

export const SEX = [
  opt('m', 'männlich', 'male'),
  opt('w', 'weiblich', 'female'),
  opt('d', 'divers', 'diverse'),
  opt('x', 'ohne Angabe', 'not stated'),
];

export const MARITAL_STATUS = [
  opt('ledig', 'ledig', 'single'),
  opt('verheiratet', 'verheiratet', 'married'),
  opt('verwitwet', 'verwitwet', 'widowed'),
  opt('geschieden', 'geschieden', 'divorced'),
  opt('lp', 'eingetragene Lebenspartnerschaft', 'registered civil partnership'),
  opt('lp_aufgehoben', 'Lebenspartnerschaft aufgehoben', 'civil partnership dissolved'),
  opt('unbekannt', 'nicht bekannt', 'unknown'),
];

export const RELIGION = [
  opt('rk', 'römisch-katholisch', 'Roman Catholic'),
  opt('ev', 'evangelisch', 'Protestant'),
  opt('ak', 'alt-katholisch', 'Old Catholic'),
  opt('jd', 'jüdisch (Kultussteuer erhebend)', 'Jewish (levying church tax)'),
  opt('sonstige', 'andere öffentlich-rechtliche Religionsgesellschaft', 'other public-law religious community'),
  opt('keine', 'keine / nicht steuerpflichtig', 'none / no church tax'),
];

export const ID_DOCUMENTS = [
  opt('personalausweis', 'Personalausweis', 'ID card'),
  opt('reisepass', 'Reisepass', 'Passport'),
  opt('kinderreisepass', 'Kinderreisepass', "Children's passport"),
  opt('aufenthaltstitel', 'Aufenthaltstitel', 'Residence permit'),
  opt('auslaendischer_pass', 'ausländischer Pass', 'Foreign passport'),
];

/** Personal data of one person as the registration forms ask it (§ 3 BMG). */
export function personFields(
  o: { prefillApplicant?: boolean; religion?: boolean; maritalStatus?: boolean } = {},
): LeafFieldDef[] {
  const fields: LeafFieldDef[] = [
    text('familienname', L('Familienname', 'Family name'), {
      required: true,
      ...(o.prefillApplicant ? { prefill: 'citizen.familyName' as const } : {}),
    }),
    text('vornamen', L('Vornamen', 'Given names'), {
      required: true,
      ...(o.prefillApplicant ? { prefill: 'citizen.givenNames' as const } : {}),
    }),
    text('geburtsname', L('Geburtsname (falls abweichend)', 'Name at birth (if different)')),
    text('doktorgrad', L('Doktorgrad', 'Doctoral degree'), { maxLength: 40 }),
    select('geschlecht', L('Geschlecht', 'Sex'), SEX, { required: true }),
    date('geburtsdatum', L('Geburtsdatum', 'Date of birth'), { required: true, notAfter: 'today' }),
    text('geburtsort', L('Geburtsort und -land', 'Place and country of birth'), { required: true }),
    text('staatsangehoerigkeiten', L('Staatsangehörigkeit(en)', 'Nationality / nationalities'), { required: true }),
  ];
  if (o.maritalStatus !== false)
    fields.push(select('familienstand', L('Familienstand', 'Marital status'), MARITAL_STATUS, { required: true }));
  if (o.religion) fields.push(select('religion', L('Religionszugehörigkeit', 'Religious affiliation'), RELIGION));
  return fields;
}

/** Identity document of a person (kind, issuer, validity; the number is not asked here). */
export function documentFields(): LeafFieldDef[] {
  return [
    select('dokument_art', L('Ausweisdokument', 'Identity document'), ID_DOCUMENTS),
    text('dokument_behoerde', L('Ausstellende Behörde', 'Issuing authority'), { showIf: { field: 'dokument_art' } }),
    date('dokument_gueltig_bis', L('Gültig bis', 'Valid until'), { showIf: { field: 'dokument_art' } }),
  ];
}

/** The applicant's contact data (the phone number receives an SMS-TAN). */
export function contactFields(): LeafFieldDef[] {
  return [
    text('telefon', L('Telefon (für eine SMS-TAN)', 'Phone (for an SMS TAN)'), {
      format: 'phone',
      maxLength: 30,
      editableBy: 'citizen',
    }),
    text('email', L('E-Mail (freiwillig)', 'E-mail (optional)'), {
      format: 'email',
      maxLength: 200,
      editableBy: 'citizen',
    }),
  ];
}

/** The citizen's declaration before signing; only the citizen can tick it. */
export function declaration(): CheckboxFieldDef {
  return checkbox(
    'erklaerung',
    L(
      'Ich versichere, dass die Angaben richtig und vollständig sind.',
      'I declare that the information given is correct and complete.',
    ),
    {
      required: true,
      editableBy: 'citizen',
    },
  );
}

/** Notes for the office; only the clerk writes them. */
export function officeNotes(): TextFieldDef {
  return text('vermerk_behoerde', L('Vermerk der Behörde', 'Office note'), { multiline: true, editableBy: 'clerk' });
}
