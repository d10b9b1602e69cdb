import { expect } from 'chai';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { API_ENV, api, makeApiAppointment } from './rest-support.ts';
import { makeGenericPayload, postGenericWebhook, startConnector, type StartedConnector } from './support.ts';

for (const { kind, create } of DATABASES) {
  describe(`REST API: listing by day and clerk (${kind})`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let c: StartedConnector;
    const ids: Record<string, string> = {};

    before(async () => {
      db = await create();
      c = await startConnector({ databaseUrl: db.url, env: { ...API_ENV, TIMEZONE: 'Europe/Berlin' } });
      const make = async (name: string, start: string, clerk: string) => {
        const res = await api(c.baseUrl, '/api/appointments', {
          body: makeApiAppointment({ id: `list-${name}`, clerk: { id: clerk, name: `Clerk ${clerk}` } }, start),
        });
        expect(res.status).to.equal(201);
        ids[name] = res.body.id;
      };
      // Inserted out of order; 2031-06-02 is a Monday in summer time (UTC+2).
      await make('late', '2031-06-02T16:00:00+02:00', 'anna');
      await make('early', '2031-06-02T08:00:00+02:00', 'anna');
      await make('bob', '2031-06-02T10:00:00+02:00', 'bob');
      await make('midnight', '2031-06-02T23:30:00+02:00', 'anna');
      await make('nextday', '2031-06-03T00:30:00+02:00', 'anna');
      await make('before', '2031-06-01T23:59:00+02:00', 'anna');
      const hook = await postGenericWebhook(
        c.baseUrl,
        c.webhookSecret,
        makeGenericPayload({
          appointment: {
            id: 'hook-1',
            start: '2031-06-02T12:00:00+02:00',
            end: '2031-06-02T12:30:00+02:00',
            clerk: { id: 'anna', name: 'Anna' },
          },
        }),
      );
      ids.hook = hook.body.appointmentId;
    });
    after(async () => {
      await c?.close();
      await db?.drop();
    });

    const list = async (query: string) => {
      const res = await api(c.baseUrl, `/api/appointments?${query}`);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      return (res.body.items as Array<{ id: string }>).map((i) => Object.keys(ids).find((k) => ids[k] === i.id));
    };

    it('lists one day in the configured zone, ordered by start', async () => {
      expect(await list('from=2031-06-02&to=2031-06-02')).to.deep.equal(['early', 'bob', 'hook', 'late', 'midnight']);
    });

    it('lists one clerk’s day', async () => {
      expect(await list('from=2031-06-02&to=2031-06-02&clerk=anna')).to.deep.equal([
        'early',
        'hook',
        'late',
        'midnight',
      ]);
      expect(await list('clerk=bob')).to.deep.equal(['bob']);
      expect(await list('clerk=nobody')).to.deep.equal([]);
      expect(await list('clerk=ANNA'), 'ids compare exactly').to.deep.equal([]);
    });

    it('filters by instants, source, externalId and status, and honours limit', async () => {
      expect(
        await list(
          `from=${encodeURIComponent('2031-06-02T10:00:00+02:00')}&to=${encodeURIComponent('2031-06-02T12:00:00+02:00')}`,
        ),
      ).to.deep.equal(['bob']);
      expect(await list('source=generic')).to.deep.equal(['hook']);
      expect(await list('source=api&externalId=list-bob')).to.deep.equal(['bob']);
      expect(await list('from=2031-06-01&limit=2')).to.deep.equal(['before', 'early']);
      await api(c.baseUrl, `/api/appointments/${ids.late}/cancel`, { method: 'POST' });
      expect(await list('from=2031-06-02&to=2031-06-02&status=cancelled')).to.deep.equal(['late']);
      expect(await list('from=2031-06-02&to=2031-06-02&status=scheduled&clerk=anna')).to.deep.equal([
        'early',
        'hook',
        'midnight',
      ]);
    });

    it('gives every listed appointment the full JSON, links only while scheduled', async () => {
      const res = await api(c.baseUrl, '/api/appointments?from=2031-06-02&to=2031-06-02&clerk=anna');
      const byId = new Map((res.body.items as any[]).map((i) => [i.id, i]));
      expect(byId.get(ids.early!).links.clerk).to.match(/\/join#ey/);
      expect(byId.get(ids.early!).start).to.equal('2031-06-02T08:00:00+02:00');
      expect(byId.get(ids.late!)?.links ?? null).to.equal(null);
    });

    it('refuses bad queries with 422 naming the parameter', async () => {
      const cases: Array<[string, string]> = [
        ['from=yesterday', 'from'],
        ['to=2031-02-30', 'to'],
        ['status=gone', 'status'],
        ['limit=0', 'limit'],
        ['limit=501', 'limit'],
        ['clerkId=anna', 'clerkId'],
        ['clerk=a&clerk=b', 'clerk'],
        ['from=2031-06-03&to=2031-06-02T00:00:00Z', 'to'],
      ];
      for (const [query, path] of cases) {
        const res = await api(c.baseUrl, `/api/appointments?${query}`);
        expect(res.status, query).to.equal(422);
        expect(
          res.body.issues.map((i: { path: string }) => i.path),
          query,
        ).to.include(path);
      }
    });
  });
}
