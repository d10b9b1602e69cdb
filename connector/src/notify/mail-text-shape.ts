/**
 * The shape of one language's mail wording. Its own file: mail-texts.ts gathers the languages, and each
 * mail-texts-<code>.ts names this shape, so they need not import mail-texts.ts back (no import loop).
 */
import type { CitizenMailKind } from '../domain/ports.ts';

export interface MailTexts {
  locale: string;
  subject: Record<CitizenMailKind, (when: string) => string>;
  greeting: (name: string) => string;
  intro: Record<CitizenMailKind, (when: string) => string>;
  join: { heading: string; button: string; plain: string; opens: (minutes: number) => string };
  /** The mail after the case: the link to the citizen's documents page (the plain-link line is `join.plain`). */
  documentsMail: { heading: string; button: string; validUntil: (date: string) => string };
  servicesHeading: string;
  documentsIntro: string;
  noDocuments: string;
  techHeading: string;
  techHints: (opensMinutes: number) => string[];
  privacyHeading: string;
  noRecording: string;
  cancel: { heading: string; text: string; link: string };
  calendarHint: string;
  /** Text of the calendar reminder (VALARM). */
  reminder: (minutes: number) => string;
  /** Heading of the cancel link inside the calendar entry. */
  calendarCancel: string;
  rebook: string;
  closing: string;
  /** After a service: its fee ("Gebühr: 5,00 €"); the amount comes formatted. */
  fee: (amount: string) => string;
  /** The office's contact block under the signature (the municipality profile). */
  contact: { heading: string; phone: string; email: string; hours: string; imprint: string; privacy: string };
}
