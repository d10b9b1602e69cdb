/** Who was admitted to which room: a reload or reconnect of an admitted participant goes straight back in. */
import type { Models } from './models.ts';

export interface Admission {
  room: string;
  participantId: string;
  admittedAt: Date;
  admittedBy: string;
}

export interface AdmissionRepository {
  isAdmitted(room: string, participantId: string): Promise<boolean>;
  /** Records the admission; admitting twice keeps the first record. */
  admit(admission: Admission): Promise<void>;
  list(room: string): Promise<Admission[]>;
}

export function createAdmissionRepository({ Admission }: Models): AdmissionRepository {
  return {
    async isAdmitted(room, participantId) {
      return (await Admission.count({ where: { room, participant_id: participantId } })) > 0;
    },
    async admit(a) {
      await Admission.findOrCreate({
        where: { room: a.room, participant_id: a.participantId },
        defaults: { room: a.room, participant_id: a.participantId, admitted_at: a.admittedAt, admitted_by: a.admittedBy },
      });
    },
    async list(room) {
      const rows = await Admission.findAll({ where: { room }, order: [['admitted_at', 'ASC']] });
      return rows.map((r) => {
        const row = r.get({ plain: true });
        return { room: row.room, participantId: row.participant_id, admittedAt: new Date(row.admitted_at), admittedBy: row.admitted_by };
      });
    },
  };
}
