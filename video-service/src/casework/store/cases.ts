/**
 * The case of a room (one per appointment) and the stored states of its agenda items, as the use cases
 * see them. persistence/casework/case-repository.ts implements it.
 */
import type { AgendaItemState } from '../../contract/casework.ts';

export interface CaseRecord {
  room: string;
  appointmentId: string;
  services: string[];
  appointmentStart: Date;
  appointmentEnd: Date;
  timeZone: string;
  openedAt: Date;
  lastActivityAt: Date;
  finishedAt: Date | null;
  statsRecorded: boolean;
}

export interface AgendaStateRecord {
  itemId: string;
  state: AgendaItemState;
  updatedBy: string | null;
  updatedAt: Date | null;
}

export interface CaseRepository {
  get(room: string): Promise<CaseRecord | null>;
  /** Creates the case unless it exists; true when this call created it. */
  create(record: CaseRecord): Promise<boolean>;
  /** The appointment moved (a newer link): new times and services. */
  updateAppointment(
    room: string,
    a: Pick<CaseRecord, 'appointmentStart' | 'appointmentEnd' | 'services' | 'timeZone'>,
  ): Promise<void>;
  touch(room: string, at: Date): Promise<void>;
  /** Marks the case finished unless it already is; true when this call did. */
  finish(room: string, at: Date): Promise<boolean>;
  markStatsRecorded(room: string): Promise<boolean>;
  remove(room: string): Promise<number>;
  agendaStates(room: string): Promise<AgendaStateRecord[]>;
  setAgendaState(room: string, itemId: string, state: AgendaItemState, by: string | null, at: Date): Promise<void>;
  removeAgenda(room: string): Promise<number>;
}
