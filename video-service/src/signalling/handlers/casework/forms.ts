/** `form:change` (citizen, clerk), `form:focus` (admitted; ephemeral) and `form:freeze` (clerk). */
import { z } from 'zod';
import { assertAdmitted } from '../../../casework/access.ts';
import { NotFound } from '../../../errors.ts';
import { changeField } from '../../../casework/forms/change-field.ts';
import { freezeForm } from '../../../casework/forms/freeze-form.ts';
import { parsePayload } from '../parse.ts';
import { actorOf, caseworkOf, type CaseworkHandler } from './context.ts';

const formId = z.string().uuid();
const fieldPath = z.string().min(1).max(200);
const value = z.union([z.string().max(4000), z.boolean(), z.array(z.string().max(12)).max(20)]);
const changeSchema = z.object({ formId, field: fieldPath, value, baseVersion: z.number().int().min(0) });

export const formChange: CaseworkHandler<'form:change'> = async ({ socket }, payload) => {
  return changeField(caseworkOf(socket).deps, actorOf(socket), parsePayload(changeSchema, payload));
};

const focusSchema = z.object({ formId, field: fieldPath.nullable() });

export const formFocus: CaseworkHandler<'form:focus'> = async ({ socket }, payload) => {
  const { formId: id, field } = parsePayload(focusSchema, payload);
  const { deps } = caseworkOf(socket);
  const actor = actorOf(socket);
  await assertAdmitted(deps, actor);
  const form = await deps.store.forms.get(id);
  if (!form || form.room !== actor.room) throw new NotFound('No such form in this room.');
  const presence = deps.presence.set(actor.room, { formId: id, participantId: actor.id, role: actor.role, field });
  await deps.notify.send(actor.room, 'form:presence', (r) => (r.id === actor.id ? null : presence));
  return null;
};

export const formFreeze: CaseworkHandler<'form:freeze'> = async ({ socket }, payload) => {
  const { formId: id } = parsePayload(z.object({ formId }), payload);
  return freezeForm(caseworkOf(socket).deps, actorOf(socket), id);
};
