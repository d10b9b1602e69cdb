/**
 * Fills a form through the socket API until it has no issues: every missing or invalid value of a shown
 * field gets a valid one, written by whoever may edit it (the citizen or the clerk).
 */
import type {
  DocumentInfo,
  FieldIssueCode,
  FieldValue,
  FormState,
} from '../../../video-service/src/contract/casework.ts';
import { resolvePath } from '../../../video-service/src/casework/forms/paths.ts';
import { must, type CaseScene } from './support.ts';

const PARTS: Record<string, string> = {
  street: 'Hauptstraße',
  houseNumber: '12a',
  addition: '',
  postcode: '66111',
  city: 'Saarbrücken',
  country: 'Deutschland',
};

function validValue(form: FormState, values: Record<string, FieldValue>, path: string): FieldValue {
  const resolved = resolvePath(form.definition, path, values);
  if (!resolved) throw new Error(`no field ${path}`);
  if (resolved.kind === 'part') return PARTS[resolved.part]!;
  if (resolved.kind === 'items') {
    const keys = Array.isArray(values[path]) ? (values[path] as string[]) : [];
    return [...keys, `k${keys.length + 1}`].slice(0, Math.max(resolved.field.minItems, 1));
  }
  const field = resolved.field;
  switch (field.type) {
    case 'text':
      return field.format === 'postcode'
        ? '66111'
        : field.format === 'email'
          ? 'erika@example.org'
          : field.format === 'phone'
            ? '+49 170 1234567'
            : field.format === 'code'
              ? 'L01X00T47'
              : 'Musterwert';
    case 'date':
      return field.notBefore === 'today' ? '2099-06-01' : '1980-02-29';
    case 'select':
      return field.options[0]!.value;
    case 'checkbox':
      return true;
  }
}

/** Fills until no issues remain (at most 8 rounds); returns the final issues (empty on success). */
export async function fillForm(scene: CaseScene, initial: FormState): Promise<Record<string, FieldIssueCode[]>> {
  const values: Record<string, FieldValue> = Object.fromEntries(
    Object.entries(initial.fields).map(([p, f]) => [p, f.value]),
  );
  const versions: Record<string, number> = Object.fromEntries(
    Object.entries(initial.fields).map(([p, f]) => [p, f.version]),
  );
  let issues = initial.issues;
  for (let round = 0; round < 8 && Object.keys(issues).length > 0; round += 1) {
    for (const path of Object.keys(issues)) {
      const resolved = resolvePath(initial.definition, path, values);
      if (!resolved || !resolved.shown) continue;
      const who = resolved.field.editableBy === 'clerk' ? scene.clerk : scene.citizen;
      const value = validValue(initial, values, path);
      const update = await must(who.socket, 'form:change', {
        formId: initial.id,
        field: path,
        value,
        baseVersion: versions[path] ?? 0,
      });
      values[path] = update.value as FieldValue;
      versions[path] = update.version;
      issues = update.issues;
    }
  }
  return issues;
}

/** Fills the service's form and has the clerk freeze it; returns the document awaiting the signature. */
export async function frozenDocument(
  scene: CaseScene,
  service: string,
  extra: Record<string, FieldValue> = {},
): Promise<DocumentInfo> {
  for (const [field, value] of Object.entries(extra)) {
    await must(scene.citizen.socket, 'form:change', { formId: scene.form(service).id, field, value, baseVersion: 0 });
  }
  const issues = await fillForm(scene, scene.form(service));
  if (Object.keys(issues).length > 0)
    throw new Error(`form ${service} still has issues: ${Object.keys(issues).join(', ')}`);
  return must(scene.clerk.socket, 'form:freeze', { formId: scene.form(service).id });
}
