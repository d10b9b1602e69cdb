/** Texts of the embeddable pieces, German first; add a language by adding a catalogue. */
import type { VaConnection, VaStatus } from './client/types.ts';

interface Catalogue {
  open: string;
  opensNewWindow: string;
  listTitle: string;
  empty: string;
  waiting: (n: number) => string;
  status: Record<VaStatus, string>;
  connection: Record<VaConnection, string>;
  join: string;
  joinFrom: (time: string) => string;
  notAvailable: string;
  at: string;
}

export const LABELS: Record<'de' | 'en', Catalogue> = {
  de: {
    open: 'Video-Termin öffnen',
    opensNewWindow: '(öffnet ein neues Fenster)',
    listTitle: 'Heutige Video-Termine',
    empty: 'Heute keine Video-Termine.',
    waiting: (n) => (n === 0 ? 'Niemand wartet' : n === 1 ? '1 Person wartet' : `${n} Personen warten`),
    status: {
      scheduled: 'Geplant',
      waiting: 'Wartet',
      in_call: 'Im Gespräch',
      finished: 'Beendet',
      no_show: 'Nicht erschienen',
      cancelled: 'Abgesagt',
    },
    connection: {
      idle: 'Nicht verbunden',
      connecting: 'Verbinde …',
      live: 'Live',
      reconnecting: 'Verbindung wird wiederhergestellt …',
      unauthorized: 'Anmeldung abgelaufen – bitte Seite neu laden',
    },
    join: 'Beitreten',
    joinFrom: (time) => `Beitreten ab ${time} Uhr`,
    notAvailable: 'Termin nicht verfügbar',
    at: 'um',
  },
  en: {
    open: 'Open video appointment',
    opensNewWindow: '(opens a new window)',
    listTitle: "Today's video appointments",
    empty: 'No video appointments today.',
    waiting: (n) => (n === 0 ? 'Nobody waiting' : n === 1 ? '1 person waiting' : `${n} people waiting`),
    status: {
      scheduled: 'Scheduled',
      waiting: 'Waiting',
      in_call: 'In call',
      finished: 'Finished',
      no_show: 'No-show',
      cancelled: 'Cancelled',
    },
    connection: {
      idle: 'Not connected',
      connecting: 'Connecting …',
      live: 'Live',
      reconnecting: 'Reconnecting …',
      unauthorized: 'Sign-in expired – please reload the page',
    },
    join: 'Join',
    joinFrom: (time) => `Join from ${time}`,
    notAvailable: 'Appointment not available',
    at: 'at',
  },
};

export type Locale = keyof typeof LABELS;

/** The locale for a BCP 47 tag such as "en-GB"; German when the language is not available. */
export function localeFor(lang: string | null | undefined): Locale {
  const base = (lang || 'de').slice(0, 2).toLowerCase();
  return base in LABELS ? (base as Locale) : 'de';
}

/** Picks the catalogue for a BCP 47 tag; German when the language is not available. */
export function labelsFor(lang: string | null | undefined): Catalogue {
  return LABELS[localeFor(lang)];
}
