/**
 * RoomClient: everything the room page does that is not drawing (STYLE.md 8). It owns the session, the
 * socket, the camera and microphone and the peer connections, and writes what the page should show into
 * the store. Components call only its verbs: start(), join(), admit(), toggleMic(), toggleCamera(),
 * leave(), plus preview(), retry(), openNewLink() and setLanguage().
 */
import type { SessionInfo } from '../../src/contract/session.ts';
import type { RoomSnapshot, ServerToClientEvents, WaitingEntry } from '../../src/contract/signalling.ts';
import { pickLanguage, type LanguageCode, type MessageKey, type MessageParams } from './i18n/index.ts';
import { LocalDevices } from './media/local-devices.ts';
import { PeerMesh } from './media/peer-mesh.ts';
import { takeJoinToken, toRefusal } from './session/session-api.ts';
import { SessionKeeper } from './session/session-keeper.ts';
import { tabMemory, type TabMemory } from './session/tab-memory.ts';
import { RoomConnection } from './signalling/room-connection.ts';
import type { Refusal, RoomState } from './state.ts';
import type { Store } from './store.ts';

/** A room that opens within this time is retried by the open tab itself. */
const AUTO_RETRY_LIMIT_MS = 6 * 60 * 60_000;

export interface RoomClientOptions {
  /** What the tab remembers across reloads; default: sessionStorage. */
  memory?: TabMemory;
  /** Origin of the video service; default: this page's. */
  baseUrl?: string;
}

export class RoomClient {
  private readonly store: Store<RoomState>;
  private readonly memory: TabMemory;
  private readonly baseUrl: string;
  private readonly sessions: SessionKeeper;
  private readonly devices: LocalDevices;
  private readonly mesh: PeerMesh;
  /** The link's token, kept in memory only, to retry when the room was not open yet. */
  private joinToken: string | null = null;
  private connection: RoomConnection | null = null;
  /** Camera and microphone being opened for this join; `room:join` waits for them. */
  private mediaReady: Promise<void> = Promise.resolve();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private announcements = 0;

  constructor(store: Store<RoomState>, options: RoomClientOptions = {}) {
    this.store = store;
    this.memory = options.memory ?? tabMemory();
    this.baseUrl = options.baseUrl ?? '';
    this.sessions = new SessionKeeper(this.memory, this.baseUrl);
    this.mesh = new PeerMesh(store, {
      description: (to, description) => this.connection?.send('signal:description', { to, description }),
      candidate: (to, candidate) => this.connection?.send('signal:candidate', { to, candidate }),
    });
    this.devices = new LocalDevices(store, (stream) => {
      this.mesh.addLocalStream(stream);
      this.sendMediaState();
    });
  }

  /**
   * Call once on page load. Takes the join token out of the address bar at once, exchanges it for a
   * session (or resumes this tab's session), then shows the pre-join page — or, when this tab had already
   * joined, goes straight back in.
   */
  async start(): Promise<void> {
    this.joinToken = takeJoinToken();
    await this.establishSession();
  }

  /** A link opened again in this tab changes only the fragment (no page load): start over with it. */
  async openNewLink(): Promise<void> {
    const token = takeJoinToken();
    if (!token) return;
    this.teardown();
    this.joinToken = token;
    await this.establishSession();
  }

  /** Tries the session again (service was unreachable, or the room was not open yet). */
  async retry(): Promise<void> {
    await this.establishSession();
  }

  /** Opens camera and microphone for the self view; again after a device problem. */
  preview(): Promise<void> {
    return this.devices.open();
  }

  /** Enters the room: the waiting room for citizens and guests, the call for clerks and admitted citizens. */
  async join(): Promise<void> {
    const session = this.sessions.current;
    if (session) this.memory.markJoined(seatOf(session));
    else if (!this.memory.sessionToken()) return;
    await this.enter();
  }

  /** Clerk: lets a waiting participant in. */
  async admit(participantId: string): Promise<void> {
    const connection = this.connection;
    if (!connection || this.store.getState().admitting.includes(participantId)) return;
    this.store.setState(({ admitting }) => ({ admitting: [...admitting, participantId], notice: null }));
    try {
      await connection.request('lobby:admit', { participantId });
    } catch {
      this.store.setState({ notice: 'noticeAdmitFailed' });
    } finally {
      this.store.setState(({ admitting }) => ({ admitting: admitting.filter((id) => id !== participantId) }));
    }
  }

  /** Microphone on/off, and tell the others. */
  toggleMic(): void {
    this.devices.toggleAudio();
    this.sendMediaState();
  }

  /** Camera on/off (a disabled track sends black frames), and tell the others. */
  toggleCamera(): void {
    this.devices.toggleVideo();
    this.sendMediaState();
  }

  /** Leaves on purpose: camera off, connection closed; the seat stays admitted for a rejoin. */
  async leave(): Promise<void> {
    this.memory.clearJoined();
    const connection = this.connection;
    if (connection?.connected) await connection.request('room:leave', {}, 3000).catch(() => undefined);
    this.teardown();
    this.store.setState({ screen: 'left', notice: null });
  }

  /** Switches the UI language and remembers the choice for this tab. */
  setLanguage(lang: LanguageCode): void {
    this.memory.saveLanguage(lang);
    this.store.setState({ lang });
  }

  /** Connects and takes the seat; the socket connects while the devices open. */
  private async enter(): Promise<void> {
    this.store.setState({ screen: 'connecting', notice: null });
    // `room:join` waits for the devices, so that the first offer already carries the tracks.
    this.mediaReady = this.devices.open();
    this.connect();
    await this.mediaReady;
  }

  private async establishSession(): Promise<void> {
    clearTimeout(this.retryTimer);
    this.store.setState({ screen: 'loading', refusal: null, notice: null });
    // A reload of a tab that had joined goes straight back in: the socket handshake checks the
    // remembered session itself, and the session request runs alongside (renewal, appointment details).
    const rejoining = !this.joinToken && this.memory.sessionToken() !== null && this.memory.joinedSeat() !== null;
    if (rejoining) void this.enter();
    const outcome = await this.sessions.open(this.joinToken);
    if (outcome.kind === 'unavailable') {
      if (!rejoining) this.store.setState({ screen: 'unavailable' });
      return;
    }
    if (outcome.kind === 'refused') return this.refuse(this.scheduleOpeningRetry(outcome.refusal));
    this.joinToken = null;
    const { session } = outcome;
    this.store.setState({
      appointment: session.appointment,
      self: { id: session.participant.id, name: session.participant.name, role: session.role },
      lang: pickLanguage(this.memory.language(), session.appointment.locale),
    });
    if (rejoining) return;
    if (this.memory.joinedSeat() === seatOf(session)) return this.join();
    this.store.setState({ screen: 'prejoin' });
    void this.devices.open();
  }

  private scheduleOpeningRetry(refusal: Refusal): Refusal {
    if (refusal.reason !== 'not_yet_valid' || !this.joinToken || !refusal.opensAt) return refusal;
    const wait = Date.parse(refusal.opensAt) - Date.now();
    if (!(wait < AUTO_RETRY_LIMIT_MS)) return refusal;
    // A little after the opening, and never in a tight loop when this device's clock runs early.
    this.retryTimer = setTimeout(() => void this.establishSession(), Math.max(wait + 2000 + Math.random() * 3000, 15_000));
    return { ...refusal, autoRetry: true };
  }

  private refuse(refusal: Refusal): void {
    this.teardown();
    this.store.setState({ screen: 'refused', refusal });
  }

  private connect(): void {
    this.connection?.close();
    this.connection = new RoomConnection({
      sessionToken: () => this.sessions.current?.sessionToken ?? this.memory.sessionToken(),
      baseUrl: this.baseUrl,
      ready: () => this.mediaReady,
      notifications: this.notificationHandlers(),
      handlers: {
        entered: (snapshot, reconnected) => {
          if (reconnected && this.store.getState().reconnecting) this.announce('announceReconnected');
          this.store.setState({ reconnecting: false });
          this.applySnapshot(snapshot);
        },
        // The others have dropped their connections to us: negotiate afresh.
        reentering: () => this.mesh.closeAll(),
        lost: () => this.store.setState({ reconnecting: true }),
        refused: (reason) => this.joinRefused(reason),
        failed: () => {
          this.teardown();
          this.store.setState({ screen: 'unavailable' });
        },
        endedByServer: () => {
          // Ended by the service without saying why: offer a rejoin instead of looping.
          this.memory.clearJoined();
          this.teardown();
          this.store.setState({ screen: 'left', notice: 'noticeDisconnectedByServer' });
        },
      },
    });
  }

  /**
   * What each server notification does (contract/signalling.ts). Not handled yet: chat, screen-share
   * permissions, quality reports and the SFU events (this page runs the peer-to-peer mode).
   */
  private notificationHandlers(): Partial<ServerToClientEvents> {
    return {
      'room:snapshot': (snapshot) => this.applySnapshot(snapshot),
      'lobby:changed': ({ waiting }) => this.setWaiting(waiting),
      'lobby:message': (message) => {
        this.store.setState(({ lobbyMessages }) => ({ lobbyMessages: [...lobbyMessages, message] }));
        this.announce('announceLobbyMessage', { text: message.text });
      },
      'lobby:rejected': ({ message }) => this.stop('rejected', { rejectedMessage: message }),
      'peer:joined': (peer) => {
        this.mesh.joined(peer);
        this.announce('announcePeerJoined', { name: peer.name });
        this.sendMediaState();
      },
      'peer:left': ({ id }) => {
        const peer = this.mesh.left(id);
        if (peer) this.announce('announcePeerLeft', { name: peer.name });
      },
      'peer:media': ({ id, ...state }) => this.mesh.mediaState(id, state),
      'signal:description': ({ from, description }) => this.mesh.description(from, description),
      'signal:candidate': ({ from, candidate }) => this.mesh.candidate(from, candidate),
      'session:replaced': () => this.stop('replaced'),
      'room:closed': ({ reason }) => this.stop('closed', { closedReason: reason }),
    };
  }

  private applySnapshot(snapshot: RoomSnapshot): void {
    const before = this.store.getState().screen;
    const self = snapshot.self;
    this.store.setState({
      self: { id: self.id, name: self.name, role: self.role },
      appointment: snapshot.appointment,
      lang: pickLanguage(this.memory.language(), snapshot.appointment.locale),
      clerkPresent: snapshot.clerkPresent,
      lobbyMessages: snapshot.lobbyMessages ?? [],
    });
    if (snapshot.phase === 'waiting') {
      this.mesh.closeAll();
      this.store.setState({ screen: 'waiting', waiting: [] });
      return;
    }
    this.store.setState({ screen: 'call' });
    this.setWaiting(snapshot.waiting);
    if (before === 'waiting') this.announce('announceAdmitted');
    this.mesh.configure(self.id, snapshot.media);
    this.mesh.sync(snapshot.participants);
    this.sendMediaState();
  }

  /** Updates the lobby list and announces everyone who started waiting. */
  private setWaiting(waiting: WaitingEntry[]): void {
    const known = new Set(this.store.getState().waiting.map((entry) => entry.id));
    this.store.setState({ waiting });
    for (const entry of waiting) if (!known.has(entry.id)) this.announce('announceWaiting', { name: entry.name });
  }

  /** The room is closed or full, or the session is no longer good (only a fresh link helps). */
  private joinRefused(reason: string): void {
    if (reason === 'room_closed') return this.stop('closed', { closedReason: 'closed' });
    if (reason === 'room_full') {
      this.teardown();
      this.store.setState({ screen: 'unavailable', notice: 'noticeRoomFull' });
      return;
    }
    this.sessions.forget();
    this.refuse(toRefusal({ error: reason as never }));
  }

  /** Stops for good (replaced, closed, turned away); never reconnects by itself. */
  private stop(screen: 'replaced' | 'closed' | 'rejected', details: Partial<RoomState> = {}): void {
    this.memory.clearJoined();
    this.teardown();
    this.store.setState({ ...details, screen });
  }

  private teardown(): void {
    this.mesh.closeAll();
    this.connection?.close();
    this.connection = null;
    this.devices.stop();
    this.store.setState({ reconnecting: false, waiting: [], admitting: [] });
  }

  private sendMediaState(): void {
    if (this.store.getState().screen === 'call') this.connection?.send('media:state', this.devices.mediaState());
  }

  private announce(key: MessageKey, params: MessageParams = {}): void {
    this.announcements += 1;
    this.store.setState({ announcement: { key, params, seq: this.announcements } });
  }
}

/** The seat this session occupies, remembered to rejoin after a reload. */
function seatOf(session: SessionInfo): string {
  return `${session.room}/${session.participant.id}`;
}
