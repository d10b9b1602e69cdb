/**
 * The built-in service catalogue: per service code (as booking systems send them in `appt.services`, the
 * same codes as connector/catalogue/services.json) its names, its form, the documents to have ready and
 * the fee. Operators replace it with CASEWORK_CATALOGUE_FILE (same shape as JSON, see docs/casework.md).
 * Fees are examples from German fee schedules (Führungszeugnis and GZR extract: 13 € by federal law).
 */
import type { Localized } from '../../contract/casework.ts';
import { SERVICE_TRANSLATIONS } from '../../shared/service-translations.ts';

export type CatalogueDocument = Localized & { idDocument?: boolean };

export interface CatalogueService {
  code: string;
  name: Localized;
  /** Form definition id, or null when the service needs no form. */
  form: string | null;
  /** `idDocument`: the proof of identity the ID check looks at (its agenda item ticks itself when the check is verified). */
  documents: CatalogueDocument[];
  /** Fee in euro cents (0: free of charge). */
  feeCents: number;
  /** The service's documents can be downloaded only once its fee is paid, invoiced or waived (docs/payments.md). */
  paymentBeforeDownload?: boolean;
}

/** A catalogue text; the other languages come from the table keyed by the German wording. */
const doc = (de: string, en: string): Localized => ({ de, en, ...SERVICE_TRANSLATIONS[de] });
const ID: CatalogueDocument = { ...doc('Personalausweis oder Reisepass', 'ID card or passport'), idDocument: true };
const LANDLORD = doc('Wohnungsgeberbestätigung des Vermieters', "Landlord's confirmation (Wohnungsgeberbestätigung)");

export const BUILT_IN_CATALOGUE: CatalogueService[] = [
  {
    code: 'anmeldung',
    name: doc('Anmeldung einer Wohnung', 'Registering your address'),
    form: 'anmeldung',
    documents: [ID, LANDLORD],
    feeCents: 0,
  },
  {
    code: 'ummeldung',
    name: doc('Ummeldung innerhalb der Stadt', 'Moving within the city'),
    form: 'ummeldung',
    documents: [ID, LANDLORD],
    feeCents: 0,
  },
  {
    code: 'abmeldung-ausland',
    name: doc('Abmeldung ins Ausland', 'Deregistration when moving abroad'),
    form: 'abmeldung-ausland',
    documents: [ID, doc('neue Anschrift im Ausland', 'Your new address abroad')],
    feeCents: 0,
  },
  {
    code: 'abmeldung-nebenwohnung',
    name: doc('Abmeldung einer Nebenwohnung', 'Deregistering a secondary residence'),
    form: 'abmeldung-nebenwohnung',
    documents: [ID],
    feeCents: 0,
  },
  {
    code: 'verlustanzeige-ausweis',
    name: doc('Verlustanzeige Personalausweis oder Reisepass', 'Reporting a lost ID card or passport'),
    form: 'verlustanzeige-ausweis',
    documents: [
      doc(
        'ein anderes amtliches Dokument mit Lichtbild, falls vorhanden',
        'Another official photo document, if you have one',
      ),
      doc('bei Diebstahl: die Anzeige der Polizei', 'If stolen: the police report'),
    ],
    feeCents: 0,
  },
  {
    code: 'uebermittlungssperren',
    name: doc('Übermittlungssperren', 'Blocking the disclosure of your data'),
    form: 'uebermittlungssperren',
    documents: [ID],
    feeCents: 0,
  },
  {
    code: 'meldebescheinigung',
    name: doc('Meldebescheinigung', 'Certificate of registration (Meldebescheinigung)'),
    form: 'meldebescheinigung',
    documents: [ID],
    feeCents: 500,
  },
  {
    code: 'fuehrungszeugnis',
    name: doc('Führungszeugnis', 'Certificate of good conduct (Führungszeugnis)'),
    form: 'fuehrungszeugnis',
    documents: [
      ID,
      doc(
        'bei einem erweiterten Führungszeugnis: die schriftliche Aufforderung der Stelle, die es verlangt',
        'For an extended certificate: the written request of the organisation asking for it',
      ),
    ],
    feeCents: 1300,
  },
  {
    code: 'gewerbezentralregisterauszug',
    name: doc('Auszug aus dem Gewerbezentralregister', 'Extract from the central trade register'),
    form: 'gewerbezentralregisterauszug',
    documents: [
      ID,
      doc('bei juristischen Personen: Handelsregisterauszug', 'For companies: extract from the commercial register'),
    ],
    feeCents: 1300,
  },
  {
    code: 'untersuchungsberechtigungsschein',
    name: doc('Untersuchungsberechtigungsschein (Jugendarbeitsschutz)', 'Medical examination voucher (young workers)'),
    form: 'untersuchungsberechtigungsschein',
    documents: [
      ID,
      doc('Angaben zum Arbeitgeber oder Ausbildungsbetrieb', 'Details of the employer or training company'),
    ],
    feeCents: 0,
  },
  {
    code: 'lebensbescheinigung',
    name: doc('Lebensbescheinigung', 'Life certificate (Lebensbescheinigung)'),
    form: 'lebensbescheinigung',
    documents: [
      ID,
      doc(
        'das Formular der Rentenstelle, falls Sie eines erhalten haben',
        "The pension office's form, if you received one",
      ),
    ],
    feeCents: 0,
  },
];
