/**
 * The clerk freezes a form: from then on nobody can change it. Its data (only shown fields) is fixed as a
 * document awaiting the citizen's signature, with the SHA-256 of that data; the freeze is chained into the
 * audit log. A form with open issues (missing or invalid values) cannot be frozen.
 */
import { randomUUID } from 'node:crypto';
import type { DocumentInfo } from '../../contract/casework.ts';
import { InvalidState, NotFound } from '../../errors.ts';
import type { DocumentRecord } from '../store/documents.ts';
import { assertCanChange, assertRole, type Actor } from '../access.ts';
import { appendAudit, inAuditTransaction } from '../audit/audit-log.ts';
import { documentInfo, valuesOf } from '../case/views.ts';
import type { CaseworkDeps } from '../deps.ts';
import { todayIn } from './calendar.ts';
import { dataHash, formData, type FormData } from './form-data.ts';
import { formIssues } from './issues.ts';
import { definitionOf } from './registry.ts';

/** What a document row keeps of its frozen form (documents/ renders from it). */
export interface FrozenEnvelope {
  data: FormData;
  frozenBy: { id: string; name: string };
  timeZone: string;
}

export async function freezeForm(deps: CaseworkDeps, actor: Actor, formId: string): Promise<DocumentInfo> {
  assertRole(actor, 'clerk');
  await assertCanChange(deps, actor);
  const document = await inAuditTransaction(deps.store, async (repos) => {
    const form = await repos.forms.get(formId);
    if (!form || form.room !== actor.room) throw new NotFound('No such form in this room.');
    if (form.status !== 'open') throw new InvalidState('The form is already frozen.');
    const theCase = await repos.cases.get(actor.room);
    const definition = definitionOf(form.definitionId);
    const values = valuesOf(await repos.forms.fields(form.id));
    const now = deps.now();
    const issues = formIssues(definition, values, todayIn(now));
    const paths = Object.keys(issues);
    if (paths.length > 0)
      throw new InvalidState(`The form cannot be frozen yet; check: ${paths.slice(0, 20).join(', ')}`);
    const data = formData(definition, values);
    const record: DocumentRecord = {
      id: randomUUID(),
      room: actor.room,
      formId: form.id,
      service: form.service,
      definitionId: definition.id,
      status: 'awaiting_signature',
      dataHash: dataHash(data),
      dataJson: JSON.stringify({
        data,
        frozenBy: { id: actor.id, name: actor.name },
        timeZone: theCase?.timeZone ?? 'Europe/Berlin',
      } satisfies FrozenEnvelope),
      frozenAt: now,
      frozenBy: actor.id,
      signatureMethod: null,
      signerId: null,
      sealedAt: null,
      pdfSha256: null,
      pdfSize: null,
      storageName: null,
      certFingerprint: null,
      auditSeq: null,
    };
    if (!(await repos.forms.freeze(form.id, now, actor.id, record.id)))
      throw new InvalidState('The form is already frozen.');
    await repos.documents.insert(record);
    await appendAudit(
      repos.audit,
      {
        kind: 'form.frozen',
        public: { document: record.id, form: definition.id, frozenAt: now.toISOString() },
        personal: { room: actor.room, clerk: actor.id, dataHash: record.dataHash },
        room: actor.room,
        retentionKind: 'forms',
      },
      now,
    );
    return record;
  });
  deps.log.info({ room: actor.room, form: formId, document: document.id }, 'freezeForm() | frozen');
  const info = documentInfo(document);
  await deps.notify.send(actor.room, 'form:status', () => ({ formId, status: 'frozen', documentId: document.id }));
  await deps.notify.send(actor.room, 'document:updated', () => info);
  return info;
}
