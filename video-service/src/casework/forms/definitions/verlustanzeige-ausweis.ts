/** Verlustanzeige Personalausweis / Reisepass (§ 27 Abs. 1 PAuswG, § 15 PassG): reporting a lost or stolen document. */
import { defineForm } from '../definition-schema.ts';
import { L, address, checkbox, contactFields, date, declaration, officeNotes, opt, select, text } from './common.ts';

export const verlustanzeigeAusweis = defineForm({
  id: 'verlustanzeige-ausweis',
  version: 1,
  title: L('Verlustanzeige Personalausweis / Reisepass', 'Report of a lost ID card or passport'),
  legalBasis: '§ 27 Abs. 1 Nr. 3 Personalausweisgesetz (PAuswG), § 15 Nr. 3 Passgesetz (PassG)',
  sections: [
    {
      id: 'inhaber',
      title: L('Inhaberin / Inhaber', 'Holder'),
      fields: [
        text('familienname', L('Familienname', 'Family name'), { required: true, prefill: 'citizen.familyName' }),
        text('vornamen', L('Vornamen', 'Given names'), { required: true, prefill: 'citizen.givenNames' }),
        text('geburtsname', L('Geburtsname (falls abweichend)', 'Name at birth (if different)')),
        date('geburtsdatum', L('Geburtsdatum', 'Date of birth'), { required: true, notAfter: 'today' }),
        text('geburtsort', L('Geburtsort', 'Place of birth'), { required: true }),
        address('anschrift', L('Anschrift', 'Address'), { required: true }),
      ],
    },
    {
      id: 'dokument',
      title: L('Verlorenes Dokument', 'Lost document'),
      fields: [
        select(
          'dokument_art',
          L('Art des Dokuments', 'Kind of document'),
          [
            opt('personalausweis', 'Personalausweis', 'ID card'),
            opt('reisepass', 'Reisepass', 'Passport'),
            opt('vorlaeufiger_personalausweis', 'vorläufiger Personalausweis', 'Temporary ID card'),
            opt('vorlaeufiger_reisepass', 'vorläufiger Reisepass', 'Temporary passport'),
            opt('kinderreisepass', 'Kinderreisepass', "Children's passport"),
          ],
          { required: true },
        ),
        text('dokument_nummer', L('Dokumentennummer (falls bekannt)', 'Document number (if known)'), {
          format: 'code',
          maxLength: 12,
        }),
        date('ausstellungsdatum', L('Ausgestellt am (falls bekannt)', 'Issued on (if known)'), { notAfter: 'today' }),
        text('ausstellungsbehoerde', L('Ausstellende Behörde (falls bekannt)', 'Issuing authority (if known)')),
        checkbox(
          'online_ausweis_gesperrt',
          L(
            'Die Online-Ausweisfunktion ist bereits gesperrt (Sperrnotruf 116 116).',
            'The online ID function has already been blocked (hotline 116 116).',
          ),
          {
            showIf: { field: 'dokument_art', in: ['personalausweis', 'vorlaeufiger_personalausweis'] },
          },
        ),
      ],
    },
    {
      id: 'verlust',
      title: L('Verlust', 'Loss'),
      fields: [
        select(
          'verlust_art',
          L('Das Dokument wurde', 'The document was'),
          [opt('verloren', 'verloren', 'lost'), opt('gestohlen', 'gestohlen', 'stolen')],
          { required: true },
        ),
        date('verlust_datum', L('Datum des Verlusts (ungefähr)', 'Date of the loss (approximately)'), {
          required: true,
          notAfter: 'today',
        }),
        text('verlust_ort', L('Ort des Verlusts', 'Place of the loss'), { required: true }),
        text('umstaende', L('Umstände', 'Circumstances'), { multiline: true, required: true }),
        checkbox(
          'polizei_anzeige',
          L('Der Diebstahl wurde bei der Polizei angezeigt.', 'The theft was reported to the police.'),
          { showIf: { field: 'verlust_art', equals: 'gestohlen' } },
        ),
        text('polizei_aktenzeichen', L('Aktenzeichen der Polizei', 'Police reference number'), {
          showIf: { field: 'polizei_anzeige' },
          required: true,
        }),
        checkbox(
          'hinweis_wiederauffinden',
          L(
            'Mir ist bekannt, dass ein wiedergefundenes Dokument unverzüglich abzugeben ist.',
            'I know that a document that turns up again must be handed in without delay.',
          ),
          {
            required: true,
            editableBy: 'citizen',
          },
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
