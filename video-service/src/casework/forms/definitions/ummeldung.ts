/** Ummeldung innerhalb der Stadt: moving within the municipality (§ 17 Abs. 1 BMG). */
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
  personFields,
  persons,
  select,
  text,
} from './common.ts';

export const ummeldung = defineForm({
  id: 'ummeldung',
  version: 1,
  title: L('Ummeldung innerhalb der Gemeinde', 'Change of address within the municipality'),
  legalBasis: '§ 17 Abs. 1 Bundesmeldegesetz (BMG)',
  sections: [
    {
      id: 'wohnungen',
      title: L('Wohnungen', 'Residences'),
      fields: [
        date('einzugsdatum', L('Tag des Einzugs', 'Date of moving in'), { required: true }),
        address('bisherige_wohnung', L('Bisherige Anschrift in der Gemeinde', 'Previous address in the municipality'), {
          required: true,
        }),
        address('neue_wohnung', L('Neue Anschrift', 'New address'), { required: true }),
        select(
          'wohnungsstatus',
          L('Die neue Wohnung ist', 'The new residence is'),
          [
            opt('alleinige', 'alleinige Wohnung', 'the only residence'),
            opt('haupt', 'Hauptwohnung', 'main residence'),
            opt('neben', 'Nebenwohnung', 'secondary residence'),
          ],
          { required: true },
        ),
        checkbox(
          'bisherige_beibehalten',
          L('Die bisherige Wohnung wird beibehalten.', 'The previous residence is kept.'),
        ),
        select(
          'bisherige_status',
          L('Die beibehaltene Wohnung ist künftig', 'The kept residence will be'),
          [opt('haupt', 'Hauptwohnung', 'main residence'), opt('neben', 'Nebenwohnung', 'secondary residence')],
          { showIf: { field: 'bisherige_beibehalten' }, required: true },
        ),
      ],
    },
    {
      id: 'personen',
      title: L('Personen, die umziehen', 'People moving'),
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
      fields: [
        ...contactFields(),
        checkbox(
          'wohnungsgeberbestaetigung',
          L('Wohnungsgeberbestätigung liegt vor (§ 19 BMG)', "Landlord's confirmation presented (§ 19 BMG)"),
          { editableBy: 'clerk', required: true },
        ),
        text('wohnungsgeber_name', L('Name des Wohnungsgebers', "Landlord's name"), {
          editableBy: 'clerk',
          showIf: { field: 'wohnungsgeberbestaetigung' },
        }),
        declaration(),
        officeNotes(),
      ],
    },
  ],
});
