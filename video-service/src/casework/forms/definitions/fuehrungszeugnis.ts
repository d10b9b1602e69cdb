/** Führungszeugnis (§§ 30, 30a, 30b BZRG): a certificate of good conduct, private or for an authority, ordinary or extended. */
import { defineForm } from '../definition-schema.ts';
import {
  L,
  address,
  checkbox,
  contactFields,
  date,
  declaration,
  officeNotes,
  opt,
  select,
  text,
  SEX,
} from './common.ts';

export const fuehrungszeugnis = defineForm({
  id: 'fuehrungszeugnis',
  version: 1,
  title: L('Antrag auf Erteilung eines Führungszeugnisses', 'Application for a certificate of good conduct'),
  legalBasis: '§§ 30, 30a, 30b Bundeszentralregistergesetz (BZRG)',
  sections: [
    {
      id: 'person',
      title: L('Antragstellende Person', 'Applicant'),
      fields: [
        text('familienname', L('Familienname', 'Family name'), { required: true, prefill: 'citizen.familyName' }),
        text('geburtsname', L('Geburtsname', 'Name at birth'), { required: true }),
        text('fruehere_namen', L('Frühere Namen', 'Former names')),
        text('vornamen', L('Vornamen', 'Given names'), { required: true, prefill: 'citizen.givenNames' }),
        select('geschlecht', L('Geschlecht', 'Sex'), SEX, { required: true }),
        date('geburtsdatum', L('Geburtsdatum', 'Date of birth'), { required: true, notAfter: 'today' }),
        text('geburtsort', L('Geburtsort', 'Place of birth'), { required: true }),
        text('geburtsland', L('Geburtsland (falls nicht Deutschland)', 'Country of birth (if not Germany)')),
        text('staatsangehoerigkeiten', L('Staatsangehörigkeit(en)', 'Nationality / nationalities'), { required: true }),
        address('anschrift', L('Anschrift', 'Address'), { required: true }),
      ],
    },
    {
      id: 'zeugnis',
      title: L('Art des Führungszeugnisses', 'Kind of certificate'),
      fields: [
        select(
          'empfaenger',
          L('Das Führungszeugnis ist bestimmt', 'The certificate is'),
          [
            opt('privat', 'zur Vorlage bei einer Stelle (Zusendung an mich)', 'for me to present (sent to me)'),
            opt(
              'behoerde',
              'zur Vorlage bei einer Behörde (Belegart O, direkt an die Behörde)',
              'for a public authority (sent directly to it)',
            ),
          ],
          { required: true },
        ),
        select(
          'umfang',
          L('Umfang', 'Scope'),
          [
            opt('einfach', 'Führungszeugnis (§ 30 BZRG)', 'Certificate (§ 30 BZRG)'),
            opt('erweitert', 'erweitertes Führungszeugnis (§ 30a BZRG)', 'Extended certificate (§ 30a BZRG)'),
            opt('eu', 'Europäisches Führungszeugnis (§ 30b BZRG)', 'European certificate (§ 30b BZRG)'),
          ],
          { required: true },
        ),
        checkbox(
          'aufforderung_vorgelegt',
          L(
            'Die schriftliche Aufforderung nach § 30a Abs. 2 BZRG liegt vor.',
            'The written request under § 30a(2) BZRG was presented.',
          ),
          {
            showIf: { field: 'umfang', equals: 'erweitert' },
            required: true,
            editableBy: 'clerk',
          },
        ),
        text('verwendungszweck', L('Verwendungszweck', 'Purpose'), { required: true }),
        text('behoerde_name', L('Empfangende Behörde', 'Receiving authority'), {
          showIf: { field: 'empfaenger', equals: 'behoerde' },
          required: true,
        }),
        address('behoerde_anschrift', L('Anschrift der Behörde', "The authority's address"), {
          showIf: { field: 'empfaenger', equals: 'behoerde' },
          required: true,
        }),
        text('behoerde_aktenzeichen', L('Aktenzeichen der Behörde', "The authority's reference"), {
          showIf: { field: 'empfaenger', equals: 'behoerde' },
        }),
      ],
    },
    {
      id: 'abschluss',
      title: L('Kontakt und Erklärung', 'Contact and declaration'),
      fields: [...contactFields(), declaration(), officeNotes()],
    },
  ],
});
