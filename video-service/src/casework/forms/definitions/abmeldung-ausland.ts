/** Abmeldung ins Ausland (§ 17 Abs. 2 BMG): moving abroad, with the new address abroad. */
import { defineForm } from '../definition-schema.ts';
import {
  L,
  address,
  checkbox,
  contactFields,
  date,
  declaration,
  officeNotes,
  personFields,
  persons,
  text,
} from './common.ts';

export const abmeldungAusland = defineForm({
  id: 'abmeldung-ausland',
  version: 1,
  title: L('Abmeldung bei Wegzug ins Ausland', 'Deregistration when moving abroad'),
  legalBasis: '§ 17 Abs. 2 Bundesmeldegesetz (BMG)',
  sections: [
    {
      id: 'wegzug',
      title: L('Wegzug', 'Moving out'),
      fields: [
        date('auszugsdatum', L('Tag des Auszugs', 'Date of moving out'), { required: true }),
        address('bisherige_wohnung', L('Bisherige Anschrift', 'Previous address'), { required: true }),
        address('neue_anschrift', L('Neue Anschrift im Ausland', 'New address abroad'), {
          required: true,
          abroad: true,
        }),
        text('zielstaat', L('Staat des Zuzugs', 'Country moved to'), { required: true }),
      ],
    },
    {
      id: 'personen',
      title: L('Personen, die wegziehen', 'People moving out'),
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
      id: 'zustellung',
      title: L('Zustellung und Erklärung', 'Service of documents and declaration'),
      fields: [
        checkbox(
          'zustellbevollmaechtigter_benannt',
          L(
            'Ich benenne eine empfangsberechtigte Person in Deutschland.',
            'I name a person in Germany who may receive mail for me.',
          ),
        ),
        text('zustellbevollmaechtigter_name', L('Name der empfangsberechtigten Person', 'Name of that person'), {
          showIf: { field: 'zustellbevollmaechtigter_benannt' },
          required: true,
        }),
        address(
          'zustellbevollmaechtigter_anschrift',
          L('Anschrift der empfangsberechtigten Person', "That person's address"),
          { showIf: { field: 'zustellbevollmaechtigter_benannt' }, required: true },
        ),
        ...contactFields(),
        declaration(),
        officeNotes(),
      ],
    },
  ],
});
