/** Auskunft aus dem Gewerbezentralregister (§ 150 GewO), for a natural person or a legal entity. */
import { defineForm } from '../definition-schema.ts';
import { L, address, checkbox, contactFields, date, declaration, officeNotes, opt, select, text } from './common.ts';

const natural = { field: 'antragsteller_art', equals: 'natuerlich' } as const;
const legal = { field: 'antragsteller_art', equals: 'juristisch' } as const;

export const gewerbezentralregisterauszug = defineForm({
  id: 'gewerbezentralregisterauszug',
  version: 1,
  title: L(
    'Antrag auf Auskunft aus dem Gewerbezentralregister',
    'Application for an extract from the central trade register',
  ),
  legalBasis: '§ 150 Gewerbeordnung (GewO)',
  sections: [
    {
      id: 'antragsteller',
      title: L('Antragsteller', 'Applicant'),
      fields: [
        select(
          'antragsteller_art',
          L('Auskunft über', 'Extract about'),
          [
            opt('natuerlich', 'eine natürliche Person (mich selbst)', 'a natural person (myself)'),
            opt('juristisch', 'eine juristische Person / Personenvereinigung', 'a legal entity / association'),
          ],
          { required: true },
        ),
        text('familienname', L('Familienname', 'Family name'), { required: true, prefill: 'citizen.familyName' }),
        text('geburtsname', L('Geburtsname (falls abweichend)', 'Name at birth (if different)'), { showIf: natural }),
        text('vornamen', L('Vornamen', 'Given names'), { required: true, prefill: 'citizen.givenNames' }),
        date('geburtsdatum', L('Geburtsdatum', 'Date of birth'), { required: true, notAfter: 'today' }),
        text('geburtsort', L('Geburtsort', 'Place of birth'), { required: true, showIf: natural }),
        text('staatsangehoerigkeit', L('Staatsangehörigkeit', 'Nationality'), { showIf: natural, required: true }),
        address('anschrift', L('Anschrift', 'Address'), { required: true }),
      ],
    },
    {
      id: 'firma',
      title: L('Juristische Person', 'Legal entity'),
      fields: [
        text('firma', L('Name / Firma', 'Company name'), { showIf: legal, required: true, maxLength: 200 }),
        text('rechtsform', L('Rechtsform', 'Legal form'), { showIf: legal, required: true }),
        address('sitz', L('Sitz', 'Registered office'), { showIf: legal, required: true }),
        text('registergericht', L('Registergericht', 'Registry court'), { showIf: legal }),
        text('registernummer', L('Registernummer', 'Register number'), { showIf: legal, maxLength: 30 }),
        checkbox(
          'vertretungsberechtigt',
          L(
            'Ich bin vertretungsberechtigt (Nachweis liegt vor).',
            'I am authorised to represent it (proof presented).',
          ),
          { showIf: legal, required: true, editableBy: 'clerk' },
        ),
      ],
    },
    {
      id: 'zweck',
      title: L('Verwendung', 'Use'),
      fields: [
        select(
          'empfaenger',
          L('Die Auskunft ist bestimmt', 'The extract is'),
          [
            opt('privat', 'zur Vorlage durch mich', 'for me to present'),
            opt(
              'behoerde',
              'zur Vorlage bei einer Behörde (Versand an die Behörde)',
              'for a public authority (sent to it)',
            ),
          ],
          { required: true },
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
