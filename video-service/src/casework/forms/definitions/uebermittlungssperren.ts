/**
 * Übermittlungssperren: objections to the disclosure of registration data (§ 36 Abs. 2, § 42 Abs. 3,
 * § 50 Abs. 5 BMG) and the request for a disclosure block (Auskunftssperre, § 51 BMG).
 */
import { defineForm } from '../definition-schema.ts';
import { L, address, checkbox, contactFields, date, declaration, officeNotes, text } from './common.ts';

export const uebermittlungssperren = defineForm({
  id: 'uebermittlungssperren',
  version: 1,
  title: L(
    'Widerspruch gegen Datenübermittlungen (Übermittlungssperren)',
    'Objection to the disclosure of registration data',
  ),
  legalBasis: '§ 36 Abs. 2, § 42 Abs. 3, § 50 Abs. 5, § 51 Bundesmeldegesetz (BMG)',
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
      id: 'sperren',
      title: L('Ich widerspreche der Übermittlung meiner Daten an', 'I object to my data being passed on to'),
      fields: [
        checkbox(
          'sperre_parteien',
          L(
            'Parteien und Wählergruppen vor Wahlen (§ 50 Abs. 1 BMG)',
            'Political parties and voter groups before elections (§ 50(1) BMG)',
          ),
        ),
        checkbox(
          'sperre_jubilaeen',
          L(
            'Mandatsträger, Presse und Rundfunk bei Alters- und Ehejubiläen (§ 50 Abs. 2 BMG)',
            'Office holders, press and broadcasters for birthdays and wedding anniversaries (§ 50(2) BMG)',
          ),
        ),
        checkbox(
          'sperre_adressbuch',
          L('Adressbuchverlage (§ 50 Abs. 3 BMG)', 'Address-book publishers (§ 50(3) BMG)'),
        ),
        checkbox(
          'sperre_bundeswehr',
          L(
            'das Bundesamt für das Personalmanagement der Bundeswehr (§ 36 Abs. 2 BMG)',
            'the Federal Armed Forces personnel office (§ 36(2) BMG)',
          ),
        ),
        checkbox(
          'sperre_religion',
          L(
            'öffentlich-rechtliche Religionsgesellschaften, denen ich nicht angehöre, über meine Familienangehörigen (§ 42 Abs. 3 BMG)',
            'religious communities I do not belong to, about my family members (§ 42(3) BMG)',
          ),
        ),
        checkbox(
          'auskunftssperre',
          L(
            'Ich beantrage eine Auskunftssperre wegen einer Gefahr für Leben, Gesundheit oder persönliche Freiheit (§ 51 BMG).',
            'I apply for a disclosure block because of a danger to life, health or personal freedom (§ 51 BMG).',
          ),
        ),
        text('auskunftssperre_begruendung', L('Begründung der Gefährdung', 'Reasons for the danger'), {
          multiline: true,
          required: true,
          showIf: { field: 'auskunftssperre' },
          editableBy: 'citizen',
        }),
        checkbox(
          'nachweise_vorgelegt',
          L('Nachweise zur Gefährdung wurden vorgelegt.', 'Evidence of the danger was presented.'),
          { showIf: { field: 'auskunftssperre' }, editableBy: 'clerk' },
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
