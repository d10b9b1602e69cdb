/** Anmeldung einer Wohnung (§ 17 Abs. 1 BMG): moving into a home, with everyone who moves in. */
import { defineForm } from '../definition-schema.ts';
import {
  L,
  address,
  checkbox,
  contactFields,
  date,
  declaration,
  documentFields,
  officeNotes,
  opt,
  personFields,
  persons,
  select,
  text,
} from './common.ts';

export const anmeldung = defineForm({
  id: 'anmeldung',
  version: 1,
  title: L('Anmeldung einer Wohnung', 'Registering your address'),
  legalBasis: '§ 17 Abs. 1, § 23 Bundesmeldegesetz (BMG)',
  sections: [
    {
      id: 'wohnung',
      title: L('Neue Wohnung', 'New residence'),
      fields: [
        date('einzugsdatum', L('Tag des Einzugs', 'Date of moving in'), { required: true }),
        address('neue_wohnung', L('Anschrift der neuen Wohnung', 'Address of the new residence'), { required: true }),
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
        address('hauptwohnung', L('Anschrift der Hauptwohnung', 'Address of the main residence'), {
          required: true,
          showIf: { field: 'wohnungsstatus', equals: 'neben' },
        }),
      ],
    },
    {
      id: 'bisher',
      title: L('Bisherige Wohnung', 'Previous residence'),
      fields: [
        checkbox('zuzug_ausland', L('Ich ziehe aus dem Ausland zu.', 'I am moving here from abroad.')),
        address('bisherige_wohnung', L('Anschrift der bisherigen Wohnung', 'Address of the previous residence'), {
          required: true,
          abroad: true,
        }),
        select(
          'bisherige_wohnung_status',
          L('Die bisherige Wohnung', 'The previous residence'),
          [
            opt('aufgegeben', 'wird aufgegeben', 'is given up'),
            opt('beibehalten_haupt', 'wird als Hauptwohnung beibehalten', 'is kept as main residence'),
            opt('beibehalten_neben', 'wird als Nebenwohnung beibehalten', 'is kept as secondary residence'),
          ],
          { required: true },
        ),
        date('zuzug_datum_deutschland', L('Letzter Zuzug nach Deutschland am', 'Last moved to Germany on'), {
          showIf: { field: 'zuzug_ausland' },
          notAfter: 'today',
        }),
      ],
    },
    {
      id: 'personen',
      title: L('Personen, die einziehen', 'People moving in'),
      fields: [
        persons(
          'personen',
          L('Personen', 'People'),
          L('Person', 'Person'),
          [...personFields({ prefillApplicant: true, religion: true }), ...documentFields()],
          { required: true, maxItems: 8 },
        ),
      ],
    },
    {
      id: 'kontakt',
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
