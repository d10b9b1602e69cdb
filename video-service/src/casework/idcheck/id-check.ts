/**
 * ID-check use cases (clerk only; the citizen follows the guidance they are sent). Stills stay in the clerk's
 * browser: a frame of the video never leaves it, and a photo from the citizen's camera is at most relayed
 * without storing (still-relay.ts). The result goes into the hash-chained audit log
 * with the document type and only the last four characters of the number.
 */
import { randomUUID } from 'node:crypto';
import type { IdCheckStep, IdChecklistItem, IdCheckView, IdDocumentType } from '../../contract/casework.ts';
import { Conflict, NotFound } from '../../errors.ts';
import type { IdCheckRecord } from '../store/id-checks.ts';
import type { CaseworkRepositories } from '../store/store.ts';
import { assertCanChange, assertRole, type Actor } from '../access.ts';
import { appendAudit, inAuditTransaction } from '../audit/audit-log.ts';
import { announceAgenda } from '../agenda/set-agenda-item.ts';
import type { CaseworkDeps } from '../deps.ts';
import type { VerifyFacts } from '../../contract/join-token.ts';
import { bookingQuestions, pickedQuestion } from './questions.ts';
import { assertCanComplete, assertInProgress, assertStep, EMPTY_CHECKLIST, lastFour, STEPS } from './rules.ts';
import { idCheckView } from './view.ts';

async function announce(deps: CaseworkDeps, check: IdCheckRecord): Promise<void> {
  await deps.notify.send(check.room, 'idcheck:state', (r) => idCheckView(check, r.role));
}

async function clerkOnly(deps: CaseworkDeps, actor: Actor): Promise<void> {
  assertRole(actor, 'clerk');
  await assertCanChange(deps, actor);
}

/**
 * Starts a new check (a running one is cancelled), with security questions from the booking facts in the
 * clerk's own token (`facts`), never from anything the citizen sees in the room (questions.ts).
 */
export async function startIdCheck(
  deps: CaseworkDeps,
  actor: Actor,
  documentType: IdDocumentType,
  facts?: VerifyFacts,
): Promise<IdCheckView> {
  await clerkOnly(deps, actor);
  const now = deps.now();
  const theCase = await deps.store.cases.get(actor.room);
  if (!theCase) throw new NotFound('Open the case first.');
  const check: IdCheckRecord = {
    id: randomUUID(),
    room: actor.room,
    status: 'in_progress',
    documentType,
    steps: STEPS[documentType],
    step: 'front',
    checklist: EMPTY_CHECKLIST(),
    questions: bookingQuestions(facts),
    startedBy: actor.id,
    startedAt: now,
    completedAt: null,
    completedBy: null,
    completedByName: null,
    verified: null,
    numberLast4: null,
    updatedAt: now,
  };
  await deps.store.transaction(async (repos) => {
    const running = await repos.idChecks.latest(actor.room);
    if (running?.status === 'in_progress')
      await repos.idChecks.update({ ...running, status: 'cancelled', updatedAt: now }, running.updatedAt);
    await repos.idChecks.insert(check);
  });
  deps.log.info({ room: actor.room, check: check.id, documentType }, 'startIdCheck() | started');
  await announce(deps, check);
  // A new check replaces a verified one: the proof-of-identity item is open again until this one is verified.
  await announceAgenda(deps, actor.room);
  return idCheckView(check, 'clerk');
}

/** Applies `change` to the running check (again when someone changed it meanwhile). */
async function changeRunning(
  deps: CaseworkDeps,
  actor: Actor,
  change: (c: IdCheckRecord, repos: CaseworkRepositories) => Promise<IdCheckRecord> | IdCheckRecord,
): Promise<IdCheckView> {
  await clerkOnly(deps, actor);
  for (let attempt = 1; ; attempt += 1) {
    try {
      const updated = await inAuditTransaction(deps.store, async (repos) => {
        const current = await repos.idChecks.latest(actor.room);
        if (!current) throw new NotFound('No ID check was started.');
        assertInProgress(current.status);
        const next = await change(
          { ...current, checklist: { ...current.checklist }, questions: current.questions.map((q) => ({ ...q })) },
          repos,
        );
        next.updatedAt = new Date(Math.max(deps.now().getTime(), current.updatedAt.getTime() + 1));
        if (!(await repos.idChecks.update(next, current.updatedAt)))
          throw new Conflict('The ID check changed meanwhile.');
        return next;
      });
      await announce(deps, updated);
      return idCheckView(updated, 'clerk');
    } catch (error) {
      if (!(error instanceof Conflict) || attempt >= 3) throw error;
    }
  }
}

export function stepIdCheck(deps: CaseworkDeps, actor: Actor, step: IdCheckStep): Promise<IdCheckView> {
  return changeRunning(deps, actor, (c) => {
    assertStep(c.steps, step);
    return { ...c, step };
  });
}

export function tickIdChecklist(
  deps: CaseworkDeps,
  actor: Actor,
  item: IdChecklistItem,
  value: boolean,
): Promise<IdCheckView> {
  return changeRunning(deps, actor, (c) => ({ ...c, checklist: { ...c.checklist, [item]: value } }));
}

export function answerIdQuestion(
  deps: CaseworkDeps,
  actor: Actor,
  questionId: string,
  answer: 'correct' | 'incorrect',
): Promise<IdCheckView> {
  return changeRunning(deps, actor, (c) => {
    const question = c.questions.find((q) => q.id === questionId);
    if (!question) throw new NotFound('No such question.');
    question.answer = answer;
    return c;
  });
}

/** Adds a question the clerk picked from the list (answered from the document; once per question). */
export function askIdQuestion(deps: CaseworkDeps, actor: Actor, questionId: string): Promise<IdCheckView> {
  return changeRunning(deps, actor, (c) => {
    const question = pickedQuestion(questionId);
    if (!question) throw new NotFound('No such question in the list.');
    if (!c.questions.some((q) => q.id === questionId)) c.questions.push(question);
    return c;
  });
}

/** Completes the check and records the result in the audit log. */
export async function completeIdCheck(
  deps: CaseworkDeps,
  actor: Actor,
  input: { verified: boolean; numberLast4: string | null; documentType?: IdDocumentType },
): Promise<IdCheckView> {
  const last4 = lastFour(input.numberLast4);
  const view = await changeRunning(deps, actor, async (c, repos) => {
    assertCanComplete(c.step, c.checklist, input.verified);
    const now = deps.now();
    const done: IdCheckRecord = {
      ...c,
      documentType: input.documentType ?? c.documentType,
      status: input.verified ? 'verified' : 'not_verified',
      verified: input.verified,
      numberLast4: last4,
      completedAt: now,
      completedBy: actor.id,
      completedByName: actor.name,
    };
    await appendAudit(
      repos.audit,
      {
        kind: 'idcheck.completed',
        public: { check: c.id, completedAt: now.toISOString() },
        personal: {
          room: actor.room,
          verified: input.verified,
          documentType: done.documentType,
          numberLast4: last4,
          clerk: actor.id,
          at: now.toISOString(),
        },
        room: actor.room,
        retentionKind: 'idcheck',
      },
      now,
    );
    deps.log.info({ room: actor.room, check: c.id, verified: input.verified }, 'completeIdCheck() | result recorded');
    return done;
  });
  // The proof-of-identity agenda item follows the result (agenda.ts derives it); both screens get the new agenda.
  await announceAgenda(deps, actor.room);
  return view;
}

export function cancelIdCheck(deps: CaseworkDeps, actor: Actor): Promise<IdCheckView> {
  return changeRunning(deps, actor, (c) => ({ ...c, status: 'cancelled' }));
}
