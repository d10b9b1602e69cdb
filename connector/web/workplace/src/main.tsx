/**
 * The clerk's workplace page (GET /clerk): today's video appointments of the clerk and the clerk's desks, live.
 * Components only read WorkplaceClient's state and call its verbs.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { enableAlerts, notificationPermission } from './alerts.ts';
import { TEXTS, type Lang } from './i18n.ts';
import { WorkplaceClient, type WorkplaceRow } from './workplace-client.ts';

const params = new URLSearchParams(location.search);
let lang: Lang = (params.get('lang') ?? localStorage.getItem('va-workplace-lang')) === 'en' ? 'en' : 'de';
const client = new WorkplaceClient(
  params.get('date') ?? '',
  () => TEXTS[lang],
  () => lang,
);

function useClient(): void {
  const [, setTick] = useState(0);
  useEffect(() => client.subscribe(() => setTick((n) => n + 1)), []);
}

/** A clock for the "waiting since" counters and the Join buttons (display only; nothing is fetched). */
function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

const mmss = (ms: number) => {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

function App() {
  useClient();
  const now = useNow();
  const [, setLangTick] = useState(0);
  const [alerts, setAlerts] = useState(notificationPermission());
  // Sound needs a click in every visit (browsers' autoplay rule), so the button stays until clicked.
  const [clicked, setClicked] = useState(false);
  const t = TEXTS[lang];
  const s = client.state;
  const switchLang = (next: Lang) => {
    lang = next;
    localStorage.setItem('va-workplace-lang', next);
    document.documentElement.lang = next;
    client.refreshTitle();
    setLangTick((n) => n + 1);
  };
  const onDate = (value: string) => {
    const url = new URL(location.href);
    url.searchParams.set('date', value);
    history.replaceState(null, '', url);
    void client.load(value);
  };
  return (
    <>
      <header class="va-wp-header">
        <div>
          <h1>{t.heading}</h1>
          {s.me && (
            <p class="va-wp-me">
              {t.signedInAs} {s.me.name}
            </p>
          )}
        </div>
        <div class="va-wp-lang" role="group" aria-label={t.language}>
          {(['de', 'en'] as const).map((l) => (
            <button type="button" class="va-wp-chip" aria-pressed={lang === l} lang={l} onClick={() => switchLang(l)}>
              {l === 'de' ? 'Deutsch' : 'English'}
            </button>
          ))}
        </div>
      </header>
      <main class="va-wp-main" id="main">
        <div class="va-wp-toolbar">
          <label class="va-wp-date">
            {t.date}
            <input type="date" value={s.date} onChange={(e) => onDate((e.target as HTMLInputElement).value)} />
          </label>
          {s.date !== s.today && (
            <button type="button" class="va-wp-chip" onClick={() => onDate(s.today)}>
              {t.today}
            </button>
          )}
          {!clicked && (
            <button
              type="button"
              class="va-wp-button va-wp-secondary"
              onClick={async () => {
                setClicked(true);
                setAlerts(await enableAlerts());
              }}
            >
              {t.enableAlerts}
            </button>
          )}
        </div>
        <p class="va-wp-note" role="status">
          {clicked && alerts === 'granted' ? t.alertsOn : clicked && alerts !== 'granted' ? t.alertsDenied : ''}{' '}
          {t.live[s.live]}
        </p>
        {s.me && s.me.desks.length > 0 && (
          <section aria-labelledby="va-wp-desks">
            <h2 id="va-wp-desks">{t.desks}</h2>
            <ul class="va-wp-desks">
              {s.me.desks.map((desk) => {
                const waiting = s.rows.filter(
                  (r) => r.status === 'waiting' && !r.takenBy && r.desks.includes(desk.id),
                ).length;
                return (
                  <li class="va-wp-desk" data-desk={desk.id}>
                    <span class="va-wp-desk-name">{desk.name[lang]}</span>
                    <span class="va-wp-desk-count">{t.waitingAtDesk(waiting)}</span>
                    <button
                      type="button"
                      class="va-wp-button"
                      disabled={s.date !== s.today}
                      onClick={() => void client.takeNext(desk.id)}
                    >
                      {t.takeNext}
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        )}
        <div aria-live="assertive" class="va-wp-message">
          {s.message && <p class={`va-wp-${s.message.kind}`}>{s.message.text}</p>}
        </div>
        <section aria-labelledby="va-wp-list">
          <h2 id="va-wp-list">
            {new Date(`${s.date || s.today}T12:00:00Z`).toLocaleDateString(lang === 'de' ? 'de-DE' : 'en-GB', {
              weekday: 'long',
              day: 'numeric',
              month: 'long',
              year: 'numeric',
              timeZone: 'UTC',
            })}
          </h2>
          {s.loading && s.rows.length === 0 ? (
            <p>{t.loading}</p>
          ) : s.rows.length === 0 ? (
            <p>{t.nobody}</p>
          ) : (
            <ol class="va-wp-rows">
              {s.rows.map((row) => (
                <Row row={row} now={now} />
              ))}
            </ol>
          )}
        </section>
      </main>
    </>
  );
}

function Row({ row, now }: { row: WorkplaceRow; now: number }) {
  const t = TEXTS[lang];
  const me = client.state.me;
  const status = row.status === 'scheduled' && now >= Date.parse(row.noShowAt) ? 'no_show' : row.status;
  const opens = Date.parse(row.joinOpensAt);
  const joinable = !!row.joinUrl && now >= opens && status !== 'cancelled';
  return (
    <li class={`va-wp-row va-wp-${status}`} data-appointment={row.id} data-status={status}>
      <p class="va-wp-time">
        <span class="va-wp-label">{t.time}</span> {client.time(row.start)}–{client.time(row.end)}
      </p>
      <div class="va-wp-what">
        <p class="va-wp-citizen">
          <span class="va-wp-label">{t.citizen}</span> {row.citizen.name}
        </p>
        <p class="va-wp-services">
          <span class="va-wp-label">{t.services}</span>{' '}
          {row.services.length ? row.services.map((x) => x.name[lang]).join(', ') : row.title}
        </p>
        {(row.mine || row.takenBy) && (
          <p class="va-wp-tags">
            {row.mine && <span class="va-wp-tag">{t.mine}</span>}
            {row.takenBy && (
              <span class="va-wp-tag">{t.takenBy(row.takenBy.clerkId === me?.id ? t.you : row.takenBy.clerkId)}</span>
            )}
          </p>
        )}
      </div>
      <p class="va-wp-status">
        <span class="va-wp-label">{t.status}</span>{' '}
        <strong class="va-wp-badge">
          {t.statuses[status]}
          {status === 'waiting' && row.waitingSince ? ` ${mmss(now - Date.parse(row.waitingSince))}` : ''}
        </strong>
        {status === 'waiting' && row.networkCheck && (
          <span class={`va-wp-net va-wp-net-${row.networkCheck}`}>
            {' '}
            {t.network[row.networkCheck as 'ok' | 'warn' | 'fail'] ?? ''}
          </span>
        )}
      </p>
      <div class="va-wp-actions">
        {status === 'waiting' && <Estimate row={row} />}
        {joinable ? (
          <a class="va-wp-button" href={row.joinUrl!} target="_blank" rel="noopener noreferrer">
            {t.join}
          </a>
        ) : status !== 'cancelled' ? (
          <span class="va-wp-opens">{t.joinOpensAt(client.time(row.joinOpensAt))}</span>
        ) : null}
      </div>
    </li>
  );
}

/** The estimates a clerk can choose from, in minutes (0 = "any moment now"); the video service takes 0..120. */
const ESTIMATE_CHOICES = [0, 5, 10, 15, 30];

/** "Wartezeit mitteilen" on a waiting row: a native select (keyboard as usual) and a button; then what was sent. */
function Estimate({ row }: { row: WorkplaceRow }) {
  const t = TEXTS[lang];
  const [minutes, setMinutes] = useState(row.waitingEstimate?.minutes ?? 10);
  const [busy, setBusy] = useState(false);
  const id = `va-wp-estimate-${row.id}`;
  const sent = row.waitingEstimate;
  return (
    <form
      class="va-wp-estimate"
      onSubmit={async (e) => {
        e.preventDefault();
        if (busy) return;
        setBusy(true);
        await client.sendEstimate(row.id, minutes);
        setBusy(false);
      }}
    >
      <label for={id} class="va-wp-label-visible">
        {t.estimateFor(row.citizen.name)}
      </label>
      <select
        id={id}
        value={String(minutes)}
        onChange={(e) => setMinutes(Number((e.target as HTMLSelectElement).value))}
      >
        {ESTIMATE_CHOICES.map((m) => (
          <option value={String(m)}>{t.estimateChoice(m)}</option>
        ))}
      </select>
      <button type="submit" class="va-wp-button va-wp-secondary" disabled={busy}>
        {t.estimate}
      </button>
      <p class="va-wp-estimate-sent" role="status">
        {sent ? t.estimateSent(t.estimateChoice(sent.minutes), client.time(sent.sentAt)) : ''}
      </p>
    </form>
  );
}

document.documentElement.lang = lang;
render(<App />, document.getElementById('va-workplace')!);
client.start();
