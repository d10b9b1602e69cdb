/**
 * Live co-editing: one change of one field. Checked on the server (the path exists and is shown, the role
 * may edit it, the value has the field's type, the form is open) and stored with a new form version in one
 * transaction. The form version moves by a conditional update, so all accepted changes have one server
 * order across processes. Two people changing the same field concurrently: the later accepted change wins,
 * and its update carries a `conflict` naming the replaced value, so both sides show the same, visibly.
 */
import type { FieldUpdate, FieldValue } from '../../contract/casework.ts';
import { Forbidden, InvalidInput, InvalidState, NotFound } from '../../errors.ts';
import { assertCanChange, type Actor } from '../access.ts';
import { valuesOf } from '../case/views.ts';
import type { CaseworkDeps } from '../deps.ts';
import { todayIn } from './calendar.ts';
import { checkChangeValue } from './change-value.ts';
import { formIssues } from './issues.ts';
import { isItemPath, resolvePath } from './paths.ts';
import { definitionOf } from './registry.ts';

export interface ChangeInput {
  formId: string;
  field: string;
  value: FieldValue;
  baseVersion: number;
}

/** The version race was lost to another writer: run again with the new state. */
class VersionMoved extends Error {}

export async function changeField(deps: CaseworkDeps, actor: Actor, input: ChangeInput): Promise<FieldUpdate> {
  if (actor.role !== 'citizen' && actor.role !== 'clerk')
    throw new Forbidden('Only the citizen and the clerk edit forms.');
  await assertCanChange(deps, actor);
  for (let attempt = 1; ; attempt += 1) {
    try {
      const update = await deps.store.transaction(async (repos) => {
        const form = await repos.forms.get(input.formId);
        if (!form || form.room !== actor.room) throw new NotFound('No such form in this room.');
        if (form.status !== 'open') throw new InvalidState('The form is frozen; nobody can change it any more.');
        const definition = definitionOf(form.definitionId);
        const fields = await repos.forms.fields(form.id);
        const values = valuesOf(fields);
        const resolved = resolvePath(definition, input.field, values);
        if (!resolved) throw new InvalidInput(`The form has no field "${input.field.slice(0, 200)}".`);
        if (!resolved.shown) throw new InvalidState('This field is not shown right now.');
        const editable = resolved.field.editableBy;
        if (editable !== 'both' && editable !== actor.role)
          throw new Forbidden(`Only the ${editable} fills in this field.`);
        const value = checkChangeValue(resolved, input.value);
        if (!(await repos.forms.bumpVersion(form.id, form.version))) throw new VersionMoved();
        const version = form.version + 1;
        const now = deps.now();
        const current = fields.find((f) => f.path === input.field);
        const conflict =
          current && current.version > input.baseVersion && current.updatedBy !== actor.id
            ? { overwrittenBy: current.updatedBy, overwrittenValue: current.value }
            : null;
        let removed: string[] = [];
        if (resolved.kind === 'items' && Array.isArray(current?.value)) {
          const gone = current.value.filter((key) => !(value as string[]).includes(key));
          removed = fields.filter((f) => gone.some((key) => isItemPath(f.path, input.field, key))).map((f) => f.path);
          await repos.forms.removeFields(form.id, removed);
        }
        await repos.forms.putField({
          formId: form.id,
          path: input.field,
          value,
          version,
          updatedBy: actor.id,
          updatedAt: now,
        });
        const after = { ...values, [input.field]: value };
        for (const path of removed) delete after[path];
        const result: FieldUpdate = {
          formId: form.id,
          field: input.field,
          value,
          version,
          formVersion: version,
          by: actor.id,
          updatedAt: now.toISOString(),
          conflict,
          removed,
          issues: formIssues(definition, after, todayIn(now)),
        };
        return result;
      });
      await deps.store.cases.touch(actor.room, deps.now());
      await deps.notify.send(actor.room, 'form:field', (r) => (r.id === actor.id ? null : update));
      return update;
    } catch (error) {
      if (!(error instanceof VersionMoved) || attempt >= 20) throw error;
    }
  }
}
