/** Every form definition, by id. */
import type { FormDefinition } from '../../../contract/casework.ts';
import { anmeldung } from './anmeldung.ts';
import { ummeldung } from './ummeldung.ts';
import { abmeldungAusland } from './abmeldung-ausland.ts';
import { abmeldungNebenwohnung } from './abmeldung-nebenwohnung.ts';
import { verlustanzeigeAusweis } from './verlustanzeige-ausweis.ts';
import { uebermittlungssperren } from './uebermittlungssperren.ts';
import { meldebescheinigung } from './meldebescheinigung.ts';
import { fuehrungszeugnis } from './fuehrungszeugnis.ts';
import { gewerbezentralregisterauszug } from './gewerbezentralregisterauszug.ts';
import { untersuchungsberechtigungsschein } from './untersuchungsberechtigungsschein.ts';
import { lebensbescheinigung } from './lebensbescheinigung.ts';

export const FORM_DEFINITIONS: ReadonlyMap<string, FormDefinition> = new Map(
  [
    anmeldung,
    ummeldung,
    abmeldungAusland,
    abmeldungNebenwohnung,
    verlustanzeigeAusweis,
    uebermittlungssperren,
    meldebescheinigung,
    fuehrungszeugnis,
    gewerbezentralregisterauszug,
    untersuchungsberechtigungsschein,
    lebensbescheinigung,
  ].map((d) => [d.id, d]),
);
