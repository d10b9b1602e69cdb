/**
 * `GET /appointments/<id>.ics?key=<capability>`: the appointment as METHOD:PUBLISH calendar file in
 * the citizen's language (join link, documents to have ready, hints, reminder; STATUS:CANCELLED once
 * cancelled). The URL holds a secret: it is never logged (the request log records the route pattern only).
 */
import { Router } from 'express';
import { appointmentForCalendar } from '../../domain/appointment-calendar.ts';
import type { DomainDeps } from '../../domain/ports.ts';
import { NotFound } from '../../errors.ts';
import { languageOf } from '../../notify/catalogue.ts';
import { ICS_FILE_NAME as FILE_NAME, type CitizenCalendar } from '../../notify/citizen-calendar.ts';

const FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.ics$/;

export function calendarRoute(deps: DomainDeps, calendar: Pick<CitizenCalendar, 'download'>): Router {
  const router = Router();
  router.get('/appointments/:file', async (req, res) => {
    const id = FILE.exec(req.params.file)?.[1];
    const key = typeof req.query.key === 'string' ? req.query.key : '';
    if (!id) throw new NotFound('not found');
    const { appointment, joinLink } = await appointmentForCalendar(deps, id, key);
    const ics = calendar.download(appointment, joinLink);
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8; method=PUBLISH');
    res.setHeader('Content-Disposition', `attachment; filename="${FILE_NAME[languageOf(appointment.citizen.locale)]}"`);
    res.send(ics);
  });
  return router;
}
