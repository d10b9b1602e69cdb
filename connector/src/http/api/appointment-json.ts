/**
 * The appointment as the REST API shows it (DESIGN.md "Contracts", docs/openapi.yaml `Appointment`):
 * `{ id, source, externalId, status, title, start, end, timezone, services, citizen, clerk, roomId,
 * links }`. Times are ISO 8601 with the offset of the appointment's own zone. `links` is null unless
 * the appointment is scheduled; `links.ics` is null where it cannot be derived (docs/adr/0004).
 */
import type { AppointmentStatus, Citizen, Clerk } from '../../domain/appointment.ts';
import { toOffsetIso } from '../../domain/zoned-time.ts';
import type { AppointmentWithLinks } from '../../domain/scheduler-appointments.ts';
import type { CurrentLinks } from '../../domain/ports.ts';

export interface AppointmentJson {
  id: string;
  source: string;
  externalId: string;
  status: AppointmentStatus;
  title: string;
  start: string;
  end: string;
  timezone: string;
  services: string[];
  citizen: Citizen;
  clerk: Clerk | null;
  roomId: string;
  links: CurrentLinks | null;
}

export function toAppointmentJson({ appointment: a, links }: AppointmentWithLinks): AppointmentJson {
  return {
    id: a.id,
    source: a.source,
    externalId: a.externalId,
    status: a.status,
    title: a.title,
    start: toOffsetIso(a.start, a.timezone),
    end: toOffsetIso(a.end, a.timezone),
    timezone: a.timezone,
    services: a.services,
    citizen: {
      name: a.citizen.name,
      email: a.citizen.email,
      ...(a.citizen.phone ? { phone: a.citizen.phone } : {}),
      ...(a.citizen.locale ? { locale: a.citizen.locale } : {}),
    },
    clerk: a.clerk ? { id: a.clerk.id, name: a.clerk.name, ...(a.clerk.email ? { email: a.clerk.email } : {}) } : null,
    roomId: a.roomId,
    links: links ? { citizen: links.citizen, clerk: links.clerk, cancel: links.cancel, ics: links.ics } : null,
  };
}
