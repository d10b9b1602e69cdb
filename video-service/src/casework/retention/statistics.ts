/**
 * Anonymous statistics kept after a case's personal data is gone: per booked service the month, the
 * planned and the actual duration, how many forms were sealed, how many files exchanged and the ID-check
 * outcome. No room, no person, no day.
 */
import type { CaseRecord } from '../store/cases.ts';
import type { StatisticsRecord } from '../store/retention.ts';
import type { CaseworkRepositories } from '../store/store.ts';

export async function caseStatistics(
  repos: CaseworkRepositories,
  theCase: CaseRecord,
  now: Date,
): Promise<StatisticsRecord[]> {
  const [documents, files, check] = await Promise.all([
    repos.documents.listByRoom(theCase.room),
    repos.files.listByRoom(theCase.room),
    repos.idChecks.latest(theCase.room),
  ]);
  const ended = theCase.finishedAt ?? theCase.lastActivityAt;
  const idCheck = check?.verified === true ? 'verified' : check?.verified === false ? 'not_verified' : 'none';
  return [...new Set(theCase.services)].map((service) => ({
    service,
    month: theCase.appointmentStart.toISOString().slice(0, 7),
    appointmentMinutes: Math.max(
      0,
      Math.round((theCase.appointmentEnd.getTime() - theCase.appointmentStart.getTime()) / 60_000),
    ),
    caseMinutes: Math.max(0, Math.round((ended.getTime() - theCase.openedAt.getTime()) / 60_000)),
    formsSealed: documents.filter((d) => d.service === service && d.status === 'sealed').length,
    files: files.length,
    idCheck,
    recordedAt: now,
  }));
}
