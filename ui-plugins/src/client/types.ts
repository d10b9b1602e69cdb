/**
 * What the plug-ins receive from the connector's workplace API (GET /clerk/api/appointments, the live channel's
 * `row` message): a subset of connector/src/clerk/workplace/rows.ts `WorkplaceRow`, kept in step by the e2e test.
 */
export type VaStatus = 'scheduled' | 'waiting' | 'in_call' | 'finished' | 'no_show' | 'cancelled';

export interface VaRow {
  id: string;
  /** The appointment's day in the office's zone (YYYY-MM-DD). */
  day: string;
  start: string;
  end: string;
  title: string;
  services: Array<{ code: string; name: { de: string; en: string } }>;
  citizen: { name: string };
  status: VaStatus;
  waitingSince: string | null;
  desks: string[];
  mine: boolean;
  /** The clerk's join link (token in the fragment only), null once cancelled. */
  joinUrl: string | null;
  /** The room opens at this time. */
  joinOpensAt: string;
}

export interface VaDesk {
  id: string;
  name: { de: string; en: string };
}

/** `idle` before start(); `unauthorized` when the token was refused or expired (ask the host for a new one). */
export type VaConnection = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'unauthorized';

/** The live state every component renders. */
export interface VaState {
  connection: VaConnection;
  me: { id: string; name: string; desks: VaDesk[] } | null;
  /** Today's appointments (in the office's zone), by start time. */
  rows: VaRow[];
  /** How many citizens are waiting right now. */
  waiting: number;
  /** The office's IANA zone: times are shown in it, not the browser's. */
  timezone: string;
  today: string | null;
}

export const INITIAL_STATE: VaState = {
  connection: 'idle',
  me: null,
  rows: [],
  waiting: 0,
  timezone: 'Europe/Berlin',
  today: null,
};
