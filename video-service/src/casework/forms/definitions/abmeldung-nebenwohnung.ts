/** Abmeldung einer Nebenwohnung (§ 17 Abs. 2 BMG): giving up a secondary residence. */
import { defineForm } from '../definition-schema.ts';
import {
  L,
  address,
  contactFields,
  date,
  declaration,
  officeNotes,
  opt,
  personFields,
  persons,
  select,
} from './common.ts';

export const abmeldungNebenwohnung = defineForm({
  id: 'abmeldung-nebenwohnung',
  version: 1,
  title: L('Abmeldung einer Nebenwohnung', 'Deregistering a secondary residence'),
  legalBasis: '§ 17 Abs. 2 Bundesmeldegesetz (BMG)',
  sections: [
    {
      id: 'wohnungen',
      title: L('Wohnungen', 'Residences'),
      fields: [
        address('nebenwohnung', L('Anschrift der Nebenwohnung', 'Address of the secondary residence'), {
          required: true,
        }),
        date('auszugsdatum', L('Tag des Auszugs', 'Date of moving out'), { required: true }),
        select(
          'grund',
          L('Die Nebenwohnung', 'The secondary residence'),
          [
            opt('aufgegeben', 'wird aufgegeben', 'is given up'),
            opt(
              'wird_hauptwohnung',
              'wird zur Hauptwohnung (bitte Ummeldung)',
              'becomes the main residence (please re-register)',
            ),
          ],
          { required: true },
        ),
        address('hauptwohnung', L('Anschrift der Hauptwohnung', 'Address of the main residence'), {
          required: true,
          abroad: true,
        }),
      ],
    },
    {
      id: 'personen',
      title: L('Betroffene Personen', 'People concerned'),
      fields: [
        persons(
          'personen',
          L('Personen', 'People'),
          L('Person', 'Person'),
          personFields({ prefillApplicant: true, maritalStatus: false }),
          { required: true, maxItems: 8 },
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
