/**
 * `GET /appointments/<id>.ics?key=<capability>`: the appointment as METHOD:PUBLISH calendar file.
 * The URL holds a secret: it is never logged (the request log records the route pattern only).
 */
import { Router } from 'express';
import { appointmentForCalendar } from '../../domain/appointment-calendar.ts';
import type { DomainDeps } from '../../domain/ports.ts';
import { NotFound } from '../../errors.ts';
import { buildIcs } from '../../notify/ics.ts';

const FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.ics$/;

export function calendarRoute(deps: DomainDeps, publicUrl: () => string): Router {
  const router = Router();
  router.get('/appointments/:file', async (req, res) => {
    const id = FILE.exec(req.params.file)?.[1];
    const key = typeof req.query.key === 'string' ? req.query.key : '';
    if (!id) throw new NotFound();
    const { appointment, joinLink } = await appointmentForCalendar(deps, id, key);
    const ics = buildIcs({ appointment, method: 'PUBLISH', joinLink, uidDomain: new URL(publicUrl()).hostname });
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8; method=PUBLISH');
    res.setHeader('Content-Disposition', 'attachment; filename="termin.ics"');
    res.send(ics);
  });
  return router;
}
