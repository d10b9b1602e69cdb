/**
 * Prefill from the booking: when the citizen first opens the case, empty fields marked with `prefill` get
 * the name from their link and the appointment date. In a person group with no items yet, a first item
 * (key `p1`) is created for prefilled item fields (the applicant).
 */
import type { FieldValue, FormDefinition, PrefillSource } from '../../contract/casework.ts';
import { hasValue, type Values } from '../../shared/form-conditions.ts';
import { todayIn } from './calendar.ts';

export interface BookingFacts {
  /** The citizen's name as booked. */
  citizenName: string;
  /** Appointment start (ISO) and zone. */
  start: string;
  timeZone: string;
}

function sourceValue(source: PrefillSource, facts: BookingFacts): string {
  const parts = facts.citizenName.trim().split(/\s+/).filter(Boolean);
  switch (source) {
    case 'citizen.fullName':
      return parts.join(' ');
    case 'citizen.givenNames':
      return parts.length > 1 ? parts.slice(0, -1).join(' ') : '';
    case 'citizen.familyName':
      return parts.at(-1) ?? '';
    case 'appointment.date': {
      const start = new Date(facts.start);
      return Number.isNaN(start.getTime()) ? '' : todayIn(start, facts.timeZone);
    }
  }
}

/** The values to add (path → value) for empty prefill fields; nothing already filled is touched. */
export function prefillValues(
  definition: FormDefinition,
  values: Values,
  facts: BookingFacts,
): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const section of definition.sections) {
    for (const field of section.fields) {
      if (field.type === 'persons') {
        const prefilled = field.fields.filter((f) => f.prefill);
        if (prefilled.length === 0 || hasValue(values[field.id])) continue;
        const itemValues: Record<string, FieldValue> = {};
        for (const sub of prefilled) {
          const v = sourceValue(sub.prefill!, facts);
          if (v !== '') itemValues[`${field.id}.p1.${sub.id}`] = v;
        }
        if (Object.keys(itemValues).length > 0) Object.assign(out, { [field.id]: ['p1'] }, itemValues);
        continue;
      }
      if (!field.prefill || field.type === 'address' || field.type === 'checkbox' || hasValue(values[field.id]))
        continue;
      const v = sourceValue(field.prefill, facts);
      if (v !== '') out[field.id] = v;
    }
  }
  return out;
}
