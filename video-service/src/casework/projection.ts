/**
 * What each role may see of a case, written once (issue 14 item 3). Every snapshot, notification and download
 * asks these functions instead of testing roles itself:
 * - files, documents (with receipts and fee notices) and payments are the citizen's and the clerk's; a guest
 *   (an interpreter) sees none of them: `seesCaseRecords`, `recordFor`, `assertSeesCaseRecords` below;
 * - the ID check: citizens and guests its status and guidance, only clerks the checklist, the questions with
 *   their expected answers and the result (`idCheckView`, idcheck/view.ts);
 * - payments: only the citizen the pay page's address, only the clerk the reasons to adjust a fee (`paymentView`,
 *   `feesView`, payments/view.ts).
 * The booking facts behind the ID check's questions never reach a citizen's session at all (sessions/sessions.ts).
 */
import type { Role } from '../contract/join-token.ts';
import { Forbidden } from '../errors.ts';

/** Whether `role` sees the case's files, documents and payments. */
export const seesCaseRecords = (role: Role): boolean => role !== 'guest';

/** A notification's payload for one recipient: the record for those who see records, null (nothing sent) for others. */
export const recordFor = <T>(role: Role, record: T): T | null => (seesCaseRecords(role) ? record : null);

/** Throws `Forbidden` (`<what> are for the citizen and the clerk.`) for a role that does not see case records. */
export function assertSeesCaseRecords(role: Role, what: string): void {
  if (!seesCaseRecords(role)) throw new Forbidden(`${what} are for the citizen and the clerk.`);
}
