/**
 * The clerk finishes the case: recorded once (and chained into the audit log), announced to the room, and
 * handed on as a `case.finished` event: the case-management system fetches the case (JSON with the form
 * data and the sealed PDFs) with a time-limited capability, and the connector mails the citizen the link to
 * their documents page. While agenda items are open (a fee, documents to have ready) the clerk is told
 * which, and the case is finished only when they confirm (`force`). Afterwards nothing in the case changes
 * (access.ts refuses with `case_finished`).
 */
import type { FinishAnswer } from '../../contract/casework.ts';
import { InvalidState, NotFound } from '../../errors.ts';
import { assertCanChange, assertRole, type Actor } from '../access.ts';
import { openItems } from '../agenda/agenda.ts';
import { currentAgenda } from '../agenda/set-agenda-item.ts';
import { appendAudit, inAuditTransaction } from '../audit/audit-log.ts';
import type { CaseworkDeps } from '../deps.ts';
import { documentsPageLink } from '../documents/case-documents.ts';

export async function finishCase(
  deps: CaseworkDeps,
  actor: Actor,
  options: { force?: boolean } = {},
): Promise<FinishAnswer> {
  assertRole(actor, 'clerk');
  await assertCanChange(deps, actor);
  const open = openItems(await currentAgenda(deps, actor.room));
  if (open.length > 0 && !options.force) return { finishedAt: null, open };
  const now = deps.now();
  const { theCase, documents } = await inAuditTransaction(deps.store, async (repos) => {
    const found = await repos.cases.get(actor.room);
    if (!found) throw new NotFound('Open the case first.');
    if (!(await repos.cases.finish(actor.room, now)))
      throw new InvalidState('The case is already finished.', { reason: 'case_finished' });
    const docs = (await repos.documents.listByRoom(actor.room)).filter((d) => d.status === 'sealed');
    await appendAudit(
      repos.audit,
      {
        kind: 'case.finished',
        public: {
          finishedAt: now.toISOString(),
          documents: docs.map((d) => d.pdfSha256),
          leftOpen: open.map((i) => i.id),
        },
        personal: { room: actor.room, clerk: actor.id, appointment: found.appointmentId },
        room: actor.room,
        retentionKind: 'forms',
      },
      now,
    );
    return { theCase: found, documents: docs };
  });
  const expiresAt = new Date(now.getTime() + deps.config.handoffLinkTtlHours * 3600_000);
  await deps.events.caseFinished({
    room: actor.room,
    appointmentId: theCase.appointmentId,
    services: theCase.services,
    finishedAt: now.toISOString(),
    documents: documents.map((d) => ({
      id: d.id,
      form: d.definitionId,
      sha256: d.pdfSha256!,
      sealedAt: d.sealedAt!.toISOString(),
    })),
    handoff: {
      url: `${deps.publicUrl}/api/casework/handoff`,
      token: deps.capabilities.issue({ kind: 'handoff', subject: actor.room, expiresAt }),
      expiresAt: expiresAt.toISOString(),
    },
    citizenDocuments: documentsPageLink(deps, theCase),
  });
  deps.log.info(
    { room: actor.room, documents: documents.length, leftOpen: open.length },
    'finishCase() | finished and handed off',
  );
  await deps.notify.send(actor.room, 'case:finished', () => ({ finishedAt: now.toISOString() }));
  return { finishedAt: now.toISOString(), open };
}
