/** ICAL_FEEDS is validated at start: defaults, and a message naming the key and the wrong field. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../connector/src/config.ts';
import { ConfigError } from '../../connector/src/errors.ts';

const root = path.resolve(import.meta.dirname, '../..');
const feeds = (list: unknown) => ({ ICAL_FEEDS: typeof list === 'string' ? list : JSON.stringify(list) });

describe('ICAL_FEEDS configuration', () => {
  it('applies the defaults and keeps the given fields', () => {
    const [feed, other] = loadConfig(
      feeds([
        { name: 'mitte', url: 'https://termine.example.org/mitte.ics' },
        {
          name: 'zms-2',
          url: 'http://intranet.local/feed.ics',
          timezone: 'Europe/Vienna',
          pollSeconds: 0,
          lookAheadDays: 7,
          filter: { categories: '^video' },
          citizen: { email: { from: 'description', pattern: 'E-Mail: (\\S+)' } },
          services: ['anmeldung'],
        },
      ]),
    ).icalFeeds;
    expect(feed).to.deep.equal({
      name: 'mitte',
      url: 'https://termine.example.org/mitte.ics',
      pollSeconds: 300,
      lookAheadDays: 30,
      services: [],
    });
    expect(other).to.include({ timezone: 'Europe/Vienna', pollSeconds: 0, lookAheadDays: 7 });
    expect(other!.citizen!.email).to.deep.equal({ from: 'description', pattern: 'E-Mail: (\\S+)' });
    expect(loadConfig({}).icalFeeds).to.deep.equal([]);
  });

  it('refuses wrong entries naming ICAL_FEEDS and the field', () => {
    const cases: Array<[unknown, RegExp]> = [
      ['[{', /JSON list/],
      [{ name: 'x', url: 'https://a' }, /expected array/i],
      [[{ name: 'Mitte!', url: 'https://a.example/x.ics' }], /^0\.name: /],
      [[{ name: 'a', url: 'ftp://a.example/x.ics' }], /^0\.url: /],
      [
        [{ name: 'a', url: 'https://a.example/x.ics', timezone: 'Mars/Olympus' }],
        /^0\.timezone: unknown IANA time zone/,
      ],
      [
        [{ name: 'a', url: 'https://a.example/x.ics', filter: { summary: '(' } }],
        /^0\.filter\.summary: must be a valid regular expression/,
      ],
      [[{ name: 'a', url: 'https://a.example/x.ics', filter: { colour: 'red' } }], /^0\.filter/],
      [
        [{ name: 'a', url: 'https://a.example/x.ics', citizen: { email: { from: 'dtstart', pattern: 'x' } } }],
        /^0\.citizen\.email\.from/,
      ],
      [[{ name: 'a', url: 'https://a.example/x.ics', pollSeconds: -1 }], /^0\.pollSeconds/],
      [
        [
          { name: 'a', url: 'https://a.example/x.ics' },
          { name: 'a', url: 'https://b.example/y.ics' },
        ],
        /names must be unique/,
      ],
    ];
    for (const [value, message] of cases) {
      let error: unknown;
      try {
        loadConfig(feeds(value));
      } catch (err) {
        error = err;
      }
      expect(error, JSON.stringify(value)).to.be.instanceOf(ConfigError);
      expect((error as ConfigError).key).to.equal('ICAL_FEEDS');
      expect((error as ConfigError).message.replace(/^ICAL_FEEDS: /, '')).to.match(message);
    }
  });

  it('stops the connector at start with the key in the message', () => {
    const result = spawnSync(process.execPath, ['connector/src/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: '0',
        ICAL_FEEDS: '[{"name":"a","url":"https://a.example/x.ics","lookAheadDays":0}]',
      },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).to.equal(1);
    expect(result.stderr).to.include('Configuration error: ICAL_FEEDS: 0.lookAheadDays');
  });
});
