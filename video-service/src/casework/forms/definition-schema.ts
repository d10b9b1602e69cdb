/**
 * The declarative form format, described with zod (the types live in contract/casework.ts so the room UI
 * shares them). `defineForm` validates a definition when its module loads: unique ids, conditions that
 * point at existing fields, sane limits. A broken definition fails at start-up, not in a session.
 */
import { z } from 'zod';
import type { FieldDef, FormDefinition, LeafFieldDef } from '../../contract/casework.ts';

const localized = z.object({ de: z.string().min(1), en: z.string().min(1) });
const fieldId = z.string().regex(/^[a-z][a-z0-9_]{0,40}$/, 'field ids are [a-z][a-z0-9_]*');
const condition = z.object({
  field: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-zA-Z]+)?$/),
  equals: z.union([z.string(), z.boolean()]).optional(),
  in: z.array(z.string()).min(1).optional(),
});
const prefill = z.enum(['citizen.fullName', 'citizen.givenNames', 'citizen.familyName', 'appointment.date']);

const base = {
  id: fieldId,
  label: localized,
  help: localized.optional(),
  required: z.boolean().optional(),
  editableBy: z.enum(['citizen', 'clerk', 'both']),
  showIf: condition.optional(),
  prefill: prefill.optional(),
};

const textField = z.object({
  ...base,
  type: z.literal('text'),
  maxLength: z.number().int().min(1).max(4000),
  multiline: z.boolean().optional(),
  format: z.enum(['postcode', 'email', 'phone', 'code']).optional(),
});
const dateField = z.object({
  ...base,
  type: z.literal('date'),
  notAfter: z.literal('today').optional(),
  notBefore: z.literal('today').optional(),
});
const selectField = z.object({
  ...base,
  type: z.literal('select'),
  options: z.array(z.object({ value: z.string().regex(/^[a-z0-9_-]{1,40}$/), label: localized })).min(2),
});
const checkboxField = z.object({ ...base, type: z.literal('checkbox') });
const addressField = z.object({ ...base, type: z.literal('address'), abroad: z.boolean().optional() });

export const leafFieldSchema = z.discriminatedUnion('type', [
  textField,
  dateField,
  selectField,
  checkboxField,
  addressField,
]);
export const personsFieldSchema = z.object({
  ...base,
  type: z.literal('persons'),
  itemLabel: localized,
  minItems: z.number().int().min(0).max(20),
  maxItems: z.number().int().min(1).max(20),
  fields: z.array(leafFieldSchema).min(1),
});
export const fieldSchema = z.union([leafFieldSchema, personsFieldSchema]);

export const formDefinitionSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,60}$/),
  version: z.number().int().min(1),
  title: localized,
  legalBasis: z.string().max(200).optional(),
  sections: z.array(z.object({ id: fieldId, title: localized, fields: z.array(fieldSchema).min(1) })).min(1),
});

// The zod description and the contract types must stay the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<z.output<typeof formDefinitionSchema>, FormDefinition> = true;
void sameShape;

function checkConditions(
  fields: readonly FieldDef[] | readonly LeafFieldDef[],
  scope: string,
  problems: string[],
): void {
  const ids = new Set<string>();
  for (const f of fields) {
    if (ids.has(f.id)) problems.push(`${scope}: duplicate field id ${f.id}`);
    ids.add(f.id);
  }
  for (const f of fields) {
    if (f.showIf) {
      const target = f.showIf.field.split('.')[0]!;
      if (!ids.has(target) || target === f.id)
        problems.push(`${scope}.${f.id}: showIf refers to unknown field ${f.showIf.field}`);
    }
    if (f.type === 'persons') {
      if (f.minItems > f.maxItems) problems.push(`${scope}.${f.id}: minItems > maxItems`);
      checkConditions(f.fields, `${scope}.${f.id}`, problems);
    }
  }
}

/** Validates a definition (throws with every problem listed) and returns it unchanged. */
export function defineForm(definition: FormDefinition): FormDefinition {
  const parsed = formDefinitionSchema.safeParse(definition);
  if (!parsed.success) {
    throw new Error(
      `form ${definition.id}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const problems: string[] = [];
  // Field ids are unique across the whole form: paths do not carry the section.
  checkConditions(
    definition.sections.flatMap((s) => s.fields),
    definition.id,
    problems,
  );
  if (problems.length > 0) throw new Error(`form ${definition.id}: ${problems.join('; ')}`);
  return definition;
}
