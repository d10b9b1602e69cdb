/**
 * The agenda: the booked services become a checklist (form, documents to have ready, fee) per service.
 * Items come from the catalogue; their states are stored per room. A form item is done once its document
 * is sealed, and the proof-of-identity item (`idDocument` in the catalogue) once the ID check is verified,
 * whatever was stored — so both screens see it without anyone ticking it.
 */
import type { Agenda, AgendaItem, AgendaItemState, AgendaService, OpenAgendaItem } from '../../contract/casework.ts';
import type { AgendaStateRecord } from '../store/cases.ts';
import type { DocumentRecord } from '../store/documents.ts';
import type { FormRecord } from '../store/forms.ts';

/** The form item's label in every language of the room (the citizen reads it in theirs). */
const FORM_ITEM_LABEL = {
  de: 'Formular ausfüllen und unterschreiben',
  en: 'Fill in and sign the form',
  tr: 'Formu doldurun ve imzalayın',
  ar: 'املأ الاستمارة ووقّعها',
  uk: 'Заповніть і підпишіть форму',
  ru: 'Заполните и подпишите форму',
};
import type { Catalogue } from '../catalogue/catalogue.ts';

export interface AgendaInput {
  services: string[];
  states: AgendaStateRecord[];
  forms: FormRecord[];
  documents: DocumentRecord[];
  /** Whether the latest ID check of the room was completed as verified. */
  idVerified: boolean;
}

export function buildAgenda(catalogue: Catalogue, input: AgendaInput): Agenda {
  const stored = new Map(input.states.map((s) => [s.itemId, s]));
  const item = (
    id: string,
    kind: AgendaItem['kind'],
    label: AgendaItem['label'],
    extra: Partial<AgendaItem> = {},
    derived?: AgendaItemState,
  ): AgendaItem => {
    const s = stored.get(id);
    return {
      id,
      kind,
      label,
      state: derived ?? s?.state ?? 'open',
      updatedBy: s?.updatedBy ?? null,
      updatedAt: s?.updatedAt?.toISOString() ?? null,
      ...extra,
    };
  };
  const services: AgendaService[] = [];
  const unknownServices: string[] = [];
  for (const code of [...new Set(input.services)]) {
    const service = catalogue.get(code);
    if (!service) {
      unknownServices.push(code);
      continue;
    }
    const items: AgendaItem[] = [];
    if (service.form) {
      const form = input.forms.find((f) => f.service === code);
      const sealed = input.documents.some((d) => d.service === code && d.status === 'sealed');
      items.push(
        item(`${code}:form`, 'form', FORM_ITEM_LABEL, form ? { formId: form.id } : {}, sealed ? 'done' : undefined),
      );
    }
    service.documents.forEach(({ idDocument, ...label }, i) =>
      items.push(
        item(
          `${code}:doc:${i}`,
          'document',
          label,
          idDocument ? { idDocument: true } : {},
          idDocument && input.idVerified ? 'done' : undefined,
        ),
      ),
    );
    // Labelled with the service: the UI puts the kind ("Gebühr:") in front, so "Gebühr: Gebühr" never shows.
    if (service.feeCents > 0) items.push(item(`${code}:fee`, 'fee', service.name, { feeCents: service.feeCents }));
    services.push({ code, name: service.name, formDefinitionId: service.form, feeCents: service.feeCents, items });
  }
  return { services, unknownServices, totalFeeCents: services.reduce((sum, s) => sum + s.feeCents, 0) };
}

/** The items nobody ticked or skipped yet, in agenda order. */
export function openItems(agenda: Agenda): OpenAgendaItem[] {
  return agenda.services.flatMap((s) =>
    s.items.filter((i) => i.state === 'open').map((i) => ({ id: i.id, kind: i.kind, service: s.code, label: i.label })),
  );
}

/** Whether `itemId` names an item of the agenda. */
export function hasItem(agenda: Agenda, itemId: string): boolean {
  return agenda.services.some((s) => s.items.some((i) => i.id === itemId));
}
