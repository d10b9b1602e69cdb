/**
 * Security questions from what the office already knows: the booked time and services (booking data)
 * and, when the form has them, the birth date and postcode. The clerk sees the expected answers and marks
 * what the citizen says; the citizen never receives them.
 */
import type { FieldValue } from '../../contract/casework.ts';
import type { StoredQuestion } from '../../persistence/casework/idcheck-repository.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { germanDate, isCalendarDate } from '../forms/calendar.ts';

export interface QuestionFacts {
  appointmentStart: Date;
  timeZone: string;
  services: string[];
  /** Values of every form of the case. */
  formValues: Array<Record<string, FieldValue>>;
}

function firstValue(values: Array<Record<string, FieldValue>>, test: (path: string, value: string) => boolean): string | null {
  for (const form of values) {
    for (const [path, value] of Object.entries(form)) if (typeof value === 'string' && value.trim() !== '' && test(path, value.trim())) return value.trim();
  }
  return null;
}

export function securityQuestions(facts: QuestionFacts, catalogue: Catalogue): StoredQuestion[] {
  const time = new Intl.DateTimeFormat('de-DE', { timeZone: facts.timeZone, hour: '2-digit', minute: '2-digit' }).format(facts.appointmentStart);
  const questions: StoredQuestion[] = [
    { id: 'appointment_time', question: { de: 'Für welche Uhrzeit haben Sie diesen Termin gebucht?', en: 'For what time did you book this appointment?' }, expected: `${time} Uhr`, answer: null },
    {
      id: 'services',
      question: { de: 'Welche Anliegen haben Sie für heute gebucht?', en: 'Which concerns did you book for today?' },
      expected: facts.services.map((s) => catalogue.get(s)?.name.de ?? s).join(', '),
      answer: null,
    },
  ];
  const birth = firstValue(facts.formValues, (p, v) => /(^|\.)geburtsdatum$/.test(p) && isCalendarDate(v));
  if (birth) questions.push({ id: 'birth_date', question: { de: 'Wie lautet Ihr Geburtsdatum?', en: 'What is your date of birth?' }, expected: germanDate(birth), answer: null });
  const postcode = firstValue(facts.formValues, (p, v) => /\.postcode$/.test(p) && /^\d{5}$/.test(v));
  if (postcode) questions.push({ id: 'postcode', question: { de: 'Wie lautet die Postleitzahl Ihrer Anschrift?', en: 'What is the postcode of your address?' }, expected: postcode, answer: null });
  return questions;
}
