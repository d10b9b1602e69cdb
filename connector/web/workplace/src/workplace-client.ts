/**
 * The workplace without UI (STYLE.md 8): loads a day's rows, keeps them current from the live channel
 * (Server-Sent Events; the browser reconnects with Last-Event-ID, a `refresh` message reloads the list — no
 * polling), takes the next waiting citizen of a desk, and raises the alerts when someone starts waiting.
 * Components read `state` and call the verbs; `subscribe` tells them about every change.
 */
import type { LiveMessages } from '../../../src/clerk/workplace/live-messages.ts';
import type { WorkplaceRow } from '../../../src/clerk/workplace/rows.ts';
import { beep, notify, setTitleCount } from './alerts.ts';
import type { Lang, Texts } from './i18n.ts';

export type { WorkplaceRow };

export interface DeskInfo {
  id: string;
  name: { de: string; en: string };
}

export interface WorkplaceState {
  date: string;
  today: string;
  /** The office's zone (TIMEZONE): times are shown in it, whatever the browser's zone. */
  timezone: string | undefined;
  me: { id: string; name: string; desks: DeskInfo[] } | null;
  rows: WorkplaceRow[];
  loading: boolean;
  live: 'connecting' | 'live' | 'reconnecting';
  /** The last answer to an action, for the live region. */
  message: { kind: 'info' | 'error'; text: string } | null;
}

const CSRF_COOKIE = 'va_clerk_csrf';

function cookie(name: string): string {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return '';
}

const signIn = () =>
  location.assign(`/clerk/login?returnTo=${encodeURIComponent(location.pathname + location.search)}`);

export class WorkplaceClient {
  state: WorkplaceState;
  texts: () => Texts;
  lang: () => Lang;
  readonly #listeners = new Set<() => void>();
  #source: EventSource | null = null;
  /** Live rows that arrived while the list was loading: applied after it. */
  #pending: WorkplaceRow[] | null = null;
  #loadSeq = 0;

  constructor(date: string, texts: () => Texts, lang: () => Lang) {
    this.state = {
      date,
      today: date,
      timezone: undefined,
      me: null,
      rows: [],
      loading: true,
      live: 'connecting',
      message: null,
    };
    this.texts = texts;
    this.lang = lang;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Opens the live channel; the list loads on its `ready` (sent once the stream hears every change), so no
   * change falls between the list and the stream — loading beside the connect lost the citizen who started
   * waiting while the stream was still being registered.
   */
  start(): void {
    this.#connect();
  }

  /** Loads the rows of `date` (YYYY-MM-DD; '' = today). */
  async load(date: string): Promise<void> {
    const seq = ++this.#loadSeq;
    this.#pending = [];
    this.#set({ loading: true, date: date || this.state.date });
    const res = await fetch(`/clerk/api/appointments${date ? `?date=${encodeURIComponent(date)}` : ''}`, {
      headers: { accept: 'application/json' },
    });
    if (res.status === 401) return signIn();
    if (!res.ok) {
      this.#set({ loading: false, message: { kind: 'error', text: this.texts().errors.failed } });
      return;
    }
    const body = (await res.json()) as {
      date: string;
      today: string;
      timezone: string;
      me: WorkplaceState['me'];
      items: WorkplaceRow[];
    };
    if (seq !== this.#loadSeq) return;
    const pending = this.#pending ?? [];
    this.#pending = null;
    this.#set({
      date: body.date,
      today: body.today,
      timezone: body.timezone,
      me: body.me,
      rows: body.items,
      loading: false,
    });
    for (const row of pending) this.#apply(row, false);
    this.#updateTitle();
  }

  /** Takes the longest-waiting citizen of `desk` and opens the room in a new tab. */
  async takeNext(desk: string): Promise<void> {
    const t = this.texts();
    const res = await fetch(`/clerk/api/desks/${encodeURIComponent(desk)}/take-next`, {
      method: 'POST',
      headers: { accept: 'application/json', 'x-csrf-token': cookie(CSRF_COOKIE) },
    });
    if (res.status === 401) return signIn();
    const body = (await res.json().catch(() => ({}))) as { row?: WorkplaceRow; error?: string };
    if (!res.ok || !body.row) {
      const code = (body.error ?? 'failed') as keyof Texts['errors'];
      this.#set({ message: { kind: 'error', text: t.errors[code] ?? t.errors.failed } });
      return;
    }
    this.#apply(body.row, false);
    // Still within the click's user activation (browsers allow a few seconds), so no pop-up blocker stops it.
    if (body.row.joinUrl) window.open(body.row.joinUrl, '_blank', 'noopener');
    this.#set({ message: { kind: 'info', text: t.taken(this.time(body.row.start)) } });
  }

  /** Tells the row's waiting citizen the estimated waiting time; the row then shows what was sent. */
  async sendEstimate(appointmentId: string, minutes: number): Promise<boolean> {
    const t = this.texts();
    const res = await fetch(`/clerk/api/appointments/${encodeURIComponent(appointmentId)}/waiting-estimate`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': cookie(CSRF_COOKIE) },
      body: JSON.stringify({ minutes }),
    });
    if (res.status === 401) {
      signIn();
      return false;
    }
    const body = (await res.json().catch(() => ({}))) as { row?: WorkplaceRow; error?: string };
    if (!res.ok || !body.row) {
      const code = (body.error ?? 'failed') as keyof Texts['errors'];
      this.#set({ message: { kind: 'error', text: t.errors[code] ?? t.errors.failed } });
      return false;
    }
    this.#apply(body.row, false);
    this.#set({ message: null });
    return true;
  }

  /** `HH:MM` of an ISO time in the page's zone. */
  time(iso: string): string {
    return new Date(iso).toLocaleTimeString(this.lang() === 'de' ? 'de-DE' : 'en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: this.state.timezone,
    });
  }

  waitingCount(): number {
    return this.state.rows.filter((r) => r.status === 'waiting').length;
  }

  #connect(): void {
    const source = new EventSource('/clerk/api/live');
    this.#source = source;
    source.addEventListener('ready', () => {
      this.#set({ live: 'live' });
      void this.load(this.state.date);
    });
    source.addEventListener('row', (e) =>
      this.#apply((JSON.parse((e as MessageEvent).data) as LiveMessages['row']).row, true),
    );
    source.addEventListener('refresh', () => void this.load(this.state.date));
    source.addEventListener('signed_out', () => {
      source.close();
      signIn();
    });
    source.onerror = () => {
      // The browser retries by itself (with Last-Event-ID); a refused stream (401) is closed: sign in again.
      if (source.readyState === EventSource.CLOSED) signIn();
      else this.#set({ live: 'reconnecting' });
    };
  }

  #apply(row: WorkplaceRow, fromLive: boolean): void {
    if (this.#pending && fromLive) this.#pending.push(row);
    const rows = this.state.rows;
    const index = rows.findIndex((r) => r.id === row.id);
    const before = index >= 0 ? rows[index] : undefined;
    let next: WorkplaceRow[];
    if (row.day !== this.state.date) next = rows.filter((r) => r.id !== row.id);
    else if (before) next = rows.map((r) => (r.id === row.id ? row : r));
    else next = [...rows, row].sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
    this.#set({ rows: next });
    const startedWaiting =
      row.status === 'waiting' && (before?.status !== 'waiting' || before.waitingSince !== row.waitingSince);
    if (fromLive && startedWaiting && row.day === this.state.date) this.#alert(row);
    this.#updateTitle();
  }

  #alert(row: WorkplaceRow): void {
    const t = this.texts();
    beep();
    notify(
      t.notifyTitle,
      t.notifyBody(this.time(row.start), row.services.map((s) => s.name[this.lang()]).join(', ')),
      `va-waiting-${row.id}`,
    );
  }

  #updateTitle(): void {
    setTitleCount(this.texts().title, this.waitingCount());
  }

  /** Re-applies the title after a language change. */
  refreshTitle(): void {
    this.#updateTitle();
  }

  #set(patch: Partial<WorkplaceState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.#listeners) listener();
  }

  close(): void {
    this.#source?.close();
  }
}
