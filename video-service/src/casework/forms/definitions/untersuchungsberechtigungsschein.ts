/**
 * Untersuchungsberechtigungsschein (§§ 32–35 JArbSchG): the voucher for a young person's free medical
 * examination before starting work or training, applied for by them or their guardians.
 */
import { defineForm } from '../definition-schema.ts';
import { L, address, contactFields, date, declaration, officeNotes, opt, persons, select, text } from './common.ts';

export const untersuchungsberechtigungsschein = defineForm({
  id: 'untersuchungsberechtigungsschein',
  version: 1,
  title: L(
    'Antrag auf einen Untersuchungsberechtigungsschein',
    'Application for a medical examination voucher (young workers)',
  ),
  legalBasis: '§§ 32–35 Jugendarbeitsschutzgesetz (JArbSchG)',
  sections: [
    {
      id: 'jugendliche',
      title: L('Jugendliche Person', 'Young person'),
      fields: [
        text('familienname', L('Familienname', 'Family name'), { required: true }),
        text('vornamen', L('Vornamen', 'Given names'), { required: true }),
        date('geburtsdatum', L('Geburtsdatum', 'Date of birth'), { required: true, notAfter: 'today' }),
        address('anschrift', L('Anschrift', 'Address'), { required: true }),
      ],
    },
    {
      id: 'untersuchung',
      title: L('Untersuchung', 'Examination'),
      fields: [
        select(
          'art',
          L('Art der Untersuchung', 'Kind of examination'),
          [
            opt('erst', 'Erstuntersuchung (§ 32 JArbSchG)', 'First examination (§ 32 JArbSchG)'),
            opt('nach', 'erste Nachuntersuchung (§ 33 JArbSchG)', 'First follow-up examination (§ 33 JArbSchG)'),
            opt('weitere', 'weitere Nachuntersuchung (§ 34 JArbSchG)', 'Further follow-up examination (§ 34 JArbSchG)'),
          ],
          { required: true },
        ),
        date('beschaeftigungsbeginn', L('Beginn der Beschäftigung / Ausbildung', 'Start of work / training'), {
          required: true,
        }),
        text(
          'arbeitgeber',
          L('Arbeitgeber / Ausbildungsbetrieb (falls bekannt)', 'Employer / training company (if known)'),
          { maxLength: 200 },
        ),
      ],
    },
    {
      id: 'sorgeberechtigte',
      title: L('Personensorgeberechtigte', 'Guardians'),
      fields: [
        select(
          'antrag_durch',
          L('Der Antrag wird gestellt durch', 'The application is made by'),
          [
            opt('selbst', 'die jugendliche Person', 'the young person'),
            opt('sorgeberechtigte', 'eine personensorgeberechtigte Person', 'a guardian'),
          ],
          { required: true },
        ),
        persons(
          'sorgeberechtigte',
          L('Personensorgeberechtigte', 'Guardians'),
          L('Sorgeberechtigte Person', 'Guardian'),
          [
            text('familienname', L('Familienname', 'Family name'), { required: true, prefill: 'citizen.familyName' }),
            text('vornamen', L('Vornamen', 'Given names'), { required: true, prefill: 'citizen.givenNames' }),
            address('anschrift', L('Anschrift (falls abweichend)', 'Address (if different)')),
          ],
          { showIf: { field: 'antrag_durch', equals: 'sorgeberechtigte' }, minItems: 1, maxItems: 2, required: true },
        ),
      ],
    },
    {
      id: 'abschluss',
      title: L('Kontakt und Erklärung', 'Contact and declaration'),
      fields: [...contactFields(), declaration(), officeNotes()],
    },
  ],
});
