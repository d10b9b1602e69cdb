/**
 * A participant opens the case (the room's casework): on first use the case is created from the
 * appointment in the link (services, times), with one form per booked service that has one and the
 * retention schedule; when the citizen opens it, empty fields are prefilled from the booking. Returns the
 * full state, so a reload or reconnect loses nothing.
 */
import { randomUUID } from 'node:crypto';
import type { CaseSnapshot, FieldUpdate } from '../../contract/casework.ts';
import type { AppointmentInfo } from '../../contract/join-token.ts';
import { InvalidInput } from '../../errors.ts';
import { assertAdmitted, type Actor } from '../access.ts';
import type { CaseworkDeps } from '../deps.ts';
import { todayIn } from '../forms/calendar.ts';
import { formIssues } from '../forms/issues.ts';
import { prefillValues } from '../forms/prefill.ts';
import { definitionOf } from '../forms/registry.ts';
import { retentionDues } from '../retention/schedule.ts';
import { caseSnapshot } from './snapshot.ts';
import { valuesOf } from './views.ts';

function appointmentTimes(appointment: AppointmentInfo): { start: Date; end: Date } {
  const start = new Date(appointment.start);
  const end = new Date(appointment.end);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()))
    throw new InvalidInput('The appointment in the link has no valid times.');
  return { start, end };
}

async function ensureCase(deps: CaseworkDeps, actor: Actor, appointment: AppointmentInfo): Promise<void> {
  const { store } = deps;
  const { start, end } = appointmentTimes(appointment);
  const now = deps.now();
  const existing = await store.cases.get(actor.room);
  if (!existing) {
    await store.cases.create({
      room: actor.room,
      appointmentId: appointment.id,
      services: appointment.services,
      appointmentStart: start,
      appointmentEnd: end,
      timeZone: appointment.tz || 'Europe/Berlin',
      openedAt: now,
      lastActivityAt: now,
      finishedAt: null,
      statsRecorded: false,
    });
    await store.retention.schedule(actor.room, retentionDues(deps.config, end));
  } else if (existing.appointmentEnd.getTime() !== end.getTime() && end.getTime() > existing.appointmentEnd.getTime()) {
    // The appointment moved later (a newer link): keep the data until the later retention end.
    await store.cases.updateAppointment(actor.room, {
      appointmentStart: start,
      appointmentEnd: end,
      services: [...new Set([...existing.services, ...appointment.services])],
      timeZone: existing.timeZone,
    });
    await store.retention.schedule(actor.room, retentionDues(deps.config, end));
  }
  const theCase = (await store.cases.get(actor.room))!;
  for (const code of theCase.services) {
    const service = deps.catalogue.get(code);
    if (!service?.form) continue;
    const definition = definitionOf(service.form);
    await store.forms.ensure({
      id: randomUUID(),
      room: actor.room,
      service: code,
      definitionId: definition.id,
      definitionVersion: definition.version,
      version: 0,
      status: 'open',
      prefilled: false,
      createdAt: now,
      frozenAt: null,
      frozenBy: null,
      documentId: null,
    });
  }
}

/** Fills the empty prefill fields of the case's open forms once, as the `system` writer. */
async function prefill(deps: CaseworkDeps, actor: Actor, appointment: AppointmentInfo): Promise<FieldUpdate[]> {
  const updates: FieldUpdate[] = [];
  for (const form of await deps.store.forms.listByRoom(actor.room)) {
    if (form.prefilled || form.status !== 'open') continue;
    const made = await deps.store.transaction(async (repos) => {
      if (!(await repos.forms.markPrefilled(form.id))) return [];
      const current = await repos.forms.get(form.id);
      if (!current || current.status !== 'open') return [];
      const definition = definitionOf(current.definitionId);
      const values = valuesOf(await repos.forms.fields(form.id));
      const additions = prefillValues(definition, values, {
        citizenName: actor.name,
        start: appointment.start,
        timeZone: appointment.tz || 'Europe/Berlin',
      });
      const paths = Object.keys(additions);
      if (paths.length === 0 || !(await repos.forms.bumpVersion(form.id, current.version))) return [];
      const version = current.version + 1;
      const now = deps.now();
      const after = { ...values, ...additions };
      const issues = formIssues(definition, after, todayIn(now));
      for (const path of paths)
        await repos.forms.putField({
          formId: form.id,
          path,
          value: additions[path]!,
          version,
          updatedBy: 'system',
          updatedAt: now,
        });
      return paths.map(
        (path): FieldUpdate => ({
          formId: form.id,
          field: path,
          value: additions[path]!,
          version,
          formVersion: version,
          by: 'system',
          updatedAt: now.toISOString(),
          conflict: null,
          removed: [],
          issues,
        }),
      );
    });
    updates.push(...made);
  }
  return updates;
}

export async function openCase(deps: CaseworkDeps, actor: Actor, appointment: AppointmentInfo): Promise<CaseSnapshot> {
  await assertAdmitted(deps, actor);
  await ensureCase(deps, actor, appointment);
  if (actor.role === 'citizen') {
    const updates = await prefill(deps, actor, appointment);
    for (const update of updates)
      await deps.notify.send(actor.room, 'form:field', (r) => (r.id === actor.id ? null : update));
  }
  await deps.store.cases.touch(actor.room, deps.now());
  return caseSnapshot(deps, actor);
}
