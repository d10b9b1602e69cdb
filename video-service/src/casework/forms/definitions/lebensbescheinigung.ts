/**
 * Lebensbescheinigung: the office confirms that the person appeared and is alive, for a pension fund
 * (often abroad). The confirmation fields are the clerk's.
 */
import { defineForm } from '../definition-schema.ts';
import { L, address, checkbox, date, declaration, officeNotes, opt, select, text } from './common.ts';

export const lebensbescheinigung = defineForm({
  id: 'lebensbescheinigung',
  version: 1,
  title: L('Lebensbescheinigung', 'Life certificate (Lebensbescheinigung)'),
  legalBasis: 'Amtliche Bestätigung zur Vorlage bei einem Rentenversicherungsträger',
  sections: [
    {
      id: 'person',
      title: L('Person', 'Person'),
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
      id: 'rente',
      title: L('Rentenstelle', 'Pension fund'),
      fields: [
        text('traeger', L('Rentenversicherungsträger / Versorgungseinrichtung', 'Pension insurer / fund'), {
          required: true,
          maxLength: 200,
        }),
        text('traeger_land', L('Staat des Trägers', "The fund's country"), { required: true }),
        text('versicherungsnummer', L('Versicherungs- oder Aktenzeichen', 'Insurance or reference number'), {
          required: true,
          maxLength: 40,
        }),
      ],
    },
    {
      id: 'bestaetigung',
      title: L('Bestätigung der Behörde', "The office's confirmation"),
      fields: [
        checkbox(
          'persoenlich_erschienen',
          L('Die Person ist per Video persönlich erschienen.', 'The person appeared in person by video.'),
          { required: true, editableBy: 'clerk' },
        ),
        select(
          'identitaet_nachgewiesen_durch',
          L('Identität nachgewiesen durch', 'Identity shown by'),
          [
            opt('personalausweis', 'Personalausweis', 'ID card'),
            opt('reisepass', 'Reisepass', 'Passport'),
            opt('aufenthaltstitel', 'Aufenthaltstitel', 'Residence permit'),
          ],
          { required: true, editableBy: 'clerk' },
        ),
        date('bestaetigt_am', L('Bestätigt am', 'Confirmed on'), {
          required: true,
          editableBy: 'clerk',
          prefill: 'appointment.date',
        }),
        text(
          'familienstand_hinweis',
          L('Familienstand (falls vom Träger verlangt)', 'Marital status (if the fund asks)'),
          { editableBy: 'both' },
        ),
        declaration(),
        officeNotes(),
      ],
    },
  ],
});
