/** The ID check as each role may see it: clerks everything, citizens and guests the status and the guidance. */
import type { IdCheckView } from '../../contract/casework.ts';
import type { Role } from '../../contract/join-token.ts';
import type { IdCheckRecord } from '../store/id-checks.ts';
import { PICKABLE_QUESTIONS } from './questions.ts';
import { GUIDANCE } from './rules.ts';

export function idCheckView(c: IdCheckRecord, role: Role): IdCheckView {
  const base: IdCheckView = {
    id: c.id,
    status: c.status,
    documentType: c.documentType,
    steps: c.steps,
    step: c.step,
    guidance: GUIDANCE[c.step],
    suggestBackCamera: c.step !== 'review',
    startedAt: c.startedAt.toISOString(),
    completedAt: c.completedAt?.toISOString() ?? null,
  };
  if (role !== 'clerk') return base;
  return {
    ...base,
    checklist: { ...c.checklist },
    questions: c.questions.map((q) => ({ ...q })),
    pickableQuestions: Object.entries(PICKABLE_QUESTIONS).map(([id, question]) => ({ id, question })),
    result:
      c.verified === null || !c.completedAt
        ? null
        : {
            verified: c.verified,
            documentType: c.documentType,
            numberLast4: c.numberLast4,
            clerk: c.completedBy ?? '',
            at: c.completedAt.toISOString(),
          },
  };
}
