/**
 * Security questions of the ID check (issue 11, item 11): only from what the citizen does not see in the
 * room. The booked time, the services and everything typed into the forms are on the citizen's own
 * screen, so they prove nothing. Two sources remain:
 * - booking facts the booking system sent in the clerk's join token (`appt.verify`, docs/join-token.md;
 *   stripped from every other role's session, so they never reach the citizen's browser), and
 * - questions the clerk picks from a fixed list, answered against the ID document being held to the
 *   camera (the clerk compares; no expected value is stored).
 * Expected answers are only ever sent to clerks (view.ts).
 */
import type { Localized } from '../../contract/casework.ts';
import type { VerifyFacts } from '../../contract/join-token.ts';
import type { StoredQuestion } from '../store/id-checks.ts';
import { germanDate, isCalendarDate } from '../forms/calendar.ts';

/** Questions from the booking facts in the clerk's token (those the booking system sent). */
export function bookingQuestions(facts: VerifyFacts | undefined): StoredQuestion[] {
  if (!facts) return [];
  const questions: StoredQuestion[] = [];
  const ask = (id: string, question: Localized, expected: string | undefined): void => {
    const value = expected?.trim();
    if (value) questions.push({ id, question, expected: value, answer: null });
  };
  ask(
    'birth_date',
    { de: 'Wie lautet Ihr Geburtsdatum?', en: 'What is your date of birth?' },
    facts.birthDate && isCalendarDate(facts.birthDate) ? germanDate(facts.birthDate) : undefined,
  );
  ask(
    'postcode',
    { de: 'Wie lautet die Postleitzahl Ihrer Anschrift?', en: 'What is the postcode of your address?' },
    facts.postcode,
  );
  ask('street', { de: 'In welcher Straße wohnen Sie?', en: 'Which street do you live in?' }, facts.street);
  ask(
    'email',
    {
      de: 'Mit welcher E-Mail-Adresse haben Sie den Termin gebucht?',
      en: 'Which e-mail address did you book the appointment with?',
    },
    facts.email,
  );
  ask(
    'phone',
    {
      de: 'Welche Telefonnummer haben Sie bei der Buchung angegeben?',
      en: 'Which phone number did you give when booking?',
    },
    facts.phone,
  );
  return questions;
}

/**
 * Questions the clerk may add, answered from the document held to the camera: the citizen says it, the
 * clerk reads it on the document. The citizen sees none of it in the room.
 */
export const PICKABLE_QUESTIONS: Record<string, Localized> = {
  doc_birth_place: { de: 'Wo sind Sie geboren?', en: 'Where were you born?' },
  doc_birth_name: { de: 'Wie lautet Ihr Geburtsname?', en: 'What is your birth name?' },
  doc_expiry: { de: 'Bis wann ist Ihr Ausweisdokument gültig?', en: 'Until when is your ID document valid?' },
  doc_eye_colour: {
    de: 'Welche Augenfarbe ist in Ihrem Dokument eingetragen?',
    en: 'Which eye colour is entered in your document?',
  },
  doc_authority: { de: 'Welche Behörde hat Ihr Dokument ausgestellt?', en: 'Which authority issued your document?' },
};
export const PICKABLE_QUESTION_IDS = Object.keys(PICKABLE_QUESTIONS) as [string, ...string[]];

/** A picked question: no stored expected value; the clerk compares with the document. */
export function pickedQuestion(id: string): StoredQuestion | null {
  const question = PICKABLE_QUESTIONS[id];
  return question ? { id, question, expected: '', answer: null } : null;
}
