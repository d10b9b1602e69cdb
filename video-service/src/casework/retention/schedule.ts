/** When each kind of a case's personal data is due for deletion: its retention days after the appointment end. */
import { RETENTION_KINDS, type CaseworkConfig } from '../casework-config.ts';

const DAY_MS = 24 * 3600_000;

export function retentionDues(
  config: Pick<CaseworkConfig, 'retentionDays'>,
  appointmentEnd: Date,
): Array<{ kind: string; dueAt: Date }> {
  return RETENTION_KINDS.map((kind) => ({
    kind,
    dueAt: new Date(appointmentEnd.getTime() + config.retentionDays[kind] * DAY_MS),
  }));
}
