/** Meldebescheinigung (§ 18 BMG): a certificate of the registration, simple or extended. */
import { defineForm } from '../definition-schema.ts';
import { L, address, checkbox, date, declaration, officeNotes, opt, select, text } from './common.ts';

export const meldebescheinigung = defineForm({
  id: 'meldebescheinigung',
  version: 1,
  title: L('Antrag auf eine Meldebescheinigung', 'Application for a certificate of registration'),
  legalBasis: '§ 18 Bundesmeldegesetz (BMG)',
  sections: [
    {
      id: 'person',
      title: L('Antragstellende Person', 'Applicant'),
      fields: [
        text('familienname', L('Familienname', 'Family name'), { required: true, prefill: 'citizen.familyName' }),
        text('vornamen', L('Vornamen', 'Given names'), { required: true, prefill: 'citizen.givenNames' }),
        date('geburtsdatum', L('Geburtsdatum', 'Date of birth'), { required: true, notAfter: 'today' }),
        address('anschrift', L('Anschrift', 'Address'), { required: true }),
      ],
    },
    {
      id: 'bescheinigung',
      title: L('Bescheinigung', 'Certificate'),
      fields: [
        select(
          'art',
          L('Art der Bescheinigung', 'Kind of certificate'),
          [
            opt('einfach', 'einfache Meldebescheinigung (§ 18 Abs. 1 BMG)', 'simple certificate (§ 18(1) BMG)'),
            opt('erweitert', 'erweiterte Meldebescheinigung (§ 18 Abs. 2 BMG)', 'extended certificate (§ 18(2) BMG)'),
          ],
          { required: true },
        ),
        checkbox('fruehere_anschriften', L('mit früheren Anschriften', 'including previous addresses'), {
          showIf: { field: 'art', equals: 'erweitert' },
        }),
        checkbox(
          'familienangehoerige',
          L('mit Familienangehörigen in der Wohnung', 'including family members in the household'),
        ),
        select(
          'zweck',
          L('Verwendungszweck', 'Purpose'),
          [
            opt('arbeitgeber', 'Arbeitgeber', 'Employer'),
            opt('behoerde', 'Behörde', 'Public authority'),
            opt('bank', 'Bank / Versicherung', 'Bank / insurance'),
            opt('ausland', 'Vorlage im Ausland', 'Use abroad'),
            opt('sonstiges', 'Sonstiges', 'Other'),
          ],
          { required: true },
        ),
        text('zweck_sonstiges', L('Anderer Zweck', 'Other purpose'), {
          required: true,
          showIf: { field: 'zweck', equals: 'sonstiges' },
        }),
        select(
          'anzahl',
          L('Anzahl der Ausfertigungen', 'Number of copies'),
          [opt('1', '1', '1'), opt('2', '2', '2'), opt('3', '3', '3')],
          { required: true },
        ),
      ],
    },
    { id: 'abschluss', title: L('Erklärung', 'Declaration'), fields: [declaration(), officeNotes()] },
  ],
});
