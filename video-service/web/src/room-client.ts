/**
 * RoomClient: everything the room page does that is not drawing (STYLE.md 8). It owns the session, the
 * socket, the devices and the media connections, and writes what the page should show into the store.
 * Components call only its verbs (listed in README.md); clerk actions, chat, quality, checks and the
 * reconnect ladder live in their own small classes, the client wires them.
 */
import type { SessionInfo } from '@virtuelles-amt/video-service/contract/session';
import type {
  RoomSnapshot,
  ServerToClientEvents,
  WaitingEntry,
} from '@virtuelles-amt/video-service/contract/signalling';
import { CallSession } from './call/call-session.ts';
import { CaseworkBridge } from './casework/bridge.ts';
import type { Chat } from './call/chat.ts';
import { ClerkActions } from './call/clerk-actions.ts';
import { browserAdvice, callImpossible } from './checks/connectivity.ts';
import { PreJoinChecks } from './checks/pre-join-checks.ts';
import { loadLanguage, pickLanguage, type LanguageCode, type MessageKey, type MessageParams } from './i18n/index.ts';
import { LocalDevices } from './media/local-devices.ts';
import { MediaControls } from './media/media-controls.ts';
import { ReconnectLadder } from './net/reconnect-ladder.ts';
import { takeJoinToken, toRefusal } from './session/session-api.ts';
import { SessionKeeper } from './session/session-keeper.ts';
import { tabMemory, type TabMemory } from './session/tab-memory.ts';
import { RoomConnection } from './signalling/room-connection.ts';
import type { DataOf, RequestName, RequestPayload } from './signalling/room-socket.ts';
import type { Refusal, RoomState } from './state.ts';
import type { Store } from './store.ts';

/** A room that opens within this time is retried by the open tab itself. */
const AUTO_RETRY_LIMIT_MS = 6 * 60 * 60_000;
/** The early page of a room opening later than that asks again after this long. */
const EARLY_RECHECK_MS = 60 * 60_000;
/** A re-joining tab asks for its session details once back in the call (see `rejoinSettled`), or after this long. */
const SESSION_AFTER_REJOIN_MAX_MS = 5000;
/** … and this much later still: the first pictures are decoded and drawn just after the connection is up. */
const SESSION_AFTER_CONNECTED_MS = 1000;

export interface RoomClientOptions {
  /** What the tab remembers across reloads; default: sessionStorage. */
  memory?: TabMemory;
  /** Origin of the video service; default: this page's. */
  baseUrl?: string;
  /** Holds the UI's re-renders while an offer or answer is made (ui/render-gate.ts); default: none. */
  holdRenders?: () => () => void;
}

export class RoomClient {
  private readonly store: Store<RoomState>;
  private readonly memory: TabMemory;
  private readonly baseUrl: string;
  private readonly sessions: SessionKeeper;
  private readonly devices: LocalDevices;
  private readonly call: CallSession;
  /** The clerk's verbs: `admit`, `reject`, `message`, `returnToLobby`, `allowScreenShare`, `endForEveryone`. */
  readonly clerk: ClerkActions;
  /** The device check's verbs: `run()` (the connection checks again), `testSpeaker()`. */
  readonly checks: PreJoinChecks;
  /** The own media's verbs: `toggleMic`, `toggleCamera`, `switchCamera`, `select…`, `toggleScreenShare`, `preview`. */
  readonly media: MediaControls;
  /** The chat's verbs: `send(text)`, `toggle(open?)`. */
  readonly chat: Chat;
  /** Casework's link to the socket (the lazily loaded casework panel listens and requests through it). */
  readonly casework: CaseworkBridge;
  private readonly ladder: ReconnectLadder;
  /** The link's token, kept in memory only, to retry when the room was not open yet. */
  private joinToken: string | null = null;
  private connection: RoomConnection | null = null;
  /** Camera and microphone being opened for this join; `room:join` waits for them. */
  private mediaReady: Promise<void> = Promise.resolve();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private announcements = 0;
  private wantedLanguage: LanguageCode | null = null;

  constructor(store: Store<RoomState>, options: RoomClientOptions = {}) {
    this.store = store;
    this.memory = options.memory ?? tabMemory();
    this.baseUrl = options.baseUrl ?? '';
    this.sessions = new SessionKeeper(this.memory, this.baseUrl);
    const request = <E extends RequestName>(event: E, payload: RequestPayload<E>): Promise<DataOf<E>> =>
      this.connection ? this.connection.request(event, payload) : Promise.reject(new Error('not connected'));
    this.devices = new LocalDevices(store, (outgoing) => {
      this.call.links.setOutgoing(outgoing);
      this.call.sendMediaState();
    });
    this.call = new CallSession({
      store,
      devices: this.devices,
      request,
      send: (event, payload) => this.connection?.send(event, payload),
      announce: (key, params) => this.announce(key, params),
      ...(options.holdRenders ? { holdRenders: options.holdRenders } : {}),
    });
    this.clerk = new ClerkActions(store, request);
    this.casework = new CaseworkBridge({
      request,
      sessionToken: () => this.sessions.current?.sessionToken ?? this.memory.sessionToken(),
      baseUrl: this.baseUrl,
      // Whichever links carry the call now (the SFU has no data channels: stills then go through the socket).
      channels: {
        open: (peerId, label) => this.call.links.channels?.open(peerId, label) ?? null,
        listen: (listener) => this.call.links.channels?.listen(listener) ?? (() => undefined),
      },
      cameraTrack: () => this.store.getState().local.stream?.getVideoTracks()[0] ?? null,
    });
    this.media = new MediaControls(
      store,
      this.devices,
      () => this.call.sendMediaState(),
      () => this.call.mayShareScreen(),
    );
    this.chat = this.call.chat;
    this.checks = new PreJoinChecks(store, {
      // The early page has no session yet (an older one this tab remembers is not for this link).
      sessionToken: () =>
        store.getState().screen === 'early'
          ? null
          : (this.sessions.current?.sessionToken ?? this.memory.sessionToken()),
      baseUrl: this.baseUrl,
      iceServers: () => this.call.iceServers,
      report: (network) => this.connection?.send('lobby:network', { network }),
    });
    this.ladder = new ReconnectLadder({
      restartIce: () => this.call.links.restartIce(),
      signallingAlive: async () => {
        const alive = (await this.connection?.alive(this.devices.mediaState())) ?? false;
        if (alive) this.store.setState({ reconnecting: false });
        return alive;
      },
      rejoin: () => this.connection?.reconnect(),
      brokenFor: (now) => (this.store.getState().screen === 'call' ? this.call.links.brokenFor(now) : 0),
      offline: (offline) => {
        if (offline && this.connection) this.store.setState({ reconnecting: true });
      },
    });
  }

  /** Call once on page load: takes the token out of the address bar, opens the session, shows the next page. */
  async start(): Promise<void> {
    this.joinToken = takeJoinToken();
    this.useLanguage(pickLanguage(this.memory.language()));
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

  /** The person confirms (or withdraws) the notices; required before joining. */
  setConsent(consent: boolean): void {
    this.store.setState({ consent, consentMissing: false });
  }

  /**
   * Enters the room (waiting room or call). From the page before joining only with the notices confirmed —
   * by citizens and guests; clerks are not asked (issue 11) and do not see that page at all (issue 13).
   */
  async join(): Promise<void> {
    const state = this.store.getState();
    const consented = state.consent || state.self?.role === 'clerk';
    if (state.screen === 'prejoin' && (!consented || callImpossible(state.checks.advice))) {
      this.store.setState({ consentMissing: !consented });
      return;
    }
    const session = this.sessions.current;
    if (session) this.memory.markJoined(seatOf(session));
    else if (!this.memory.sessionToken()) return;
    await this.enter();
  }

  /** Leaves on purpose: camera off, connection closed; the seat stays admitted for a rejoin. */
  async leave(): Promise<void> {
    this.memory.clearJoined();
    const connection = this.connection;
    if (connection?.connected) await connection.request('room:leave', {}, 3000).catch(() => undefined);
    this.teardown();
    this.store.setState({ screen: 'left', notice: null });
  }

  /**
   * A remote tile is shown at `width`×`height` device pixels (reported by the tile as it changes): through
   * the SFU, the simulcast layer that person's video comes in at follows it (ADR 0195).
   */
  tileSize(participantId: string, width: number, height: number): void {
    this.call.links.viewSize?.(participantId, width, height);
  }

  /** Switches the UI language and remembers the choice for this tab. */
  setLanguage(lang: LanguageCode): void {
    this.memory.saveLanguage(lang);
    this.useLanguage(lang);
  }

  /** Shows the page in `lang` once its catalogue is loaded (German is always there). */
  private useLanguage(lang: LanguageCode): void {
    this.wantedLanguage = lang;
    loadLanguage(lang).then(
      () => {
        if (this.wantedLanguage === lang) this.store.setState({ lang });
      },
      () => undefined,
    );
  }

  /** Connects and takes the seat; the socket connects while the devices open. */
  private async enter(): Promise<void> {
    this.store.setState({ screen: 'connecting', notice: null });
    // `room:join` waits for the devices, so that the first offer already carries the tracks.
    this.mediaReady = this.devices.open();
    this.connect();
    this.ladder.start();
    // A tab that was in the call goes straight back in: its first peer connection is made while camera and
    // socket open. Never for someone not admitted yet (no peer connection before the admission), nor for a
    // call through the SFU (its transports replace that connection; it would only be made and closed).
    if (this.memory.wasInCall() && !this.memory.wasInSfuCall()) this.call.prepare();
    await this.mediaReady;
  }

  private async establishSession(): Promise<void> {
    clearTimeout(this.retryTimer);
    // The early page stays in view (with the own picture) while the session is asked for at the opening.
    if (this.store.getState().screen !== 'early')
      this.store.setState({ screen: 'loading', refusal: null, notice: null });
    // A reload of a tab that had joined goes straight back in: the socket handshake checks and renews the
    // remembered session itself. The session request (renewal timer, appointment details, also in the
    // snapshot) follows once the call is back, so that neither it nor its answer competes with the handshake,
    // `room:join`, the offer and the answer — on the page or in the service.
    const rejoining = !this.joinToken && this.memory.sessionToken() !== null && this.memory.joinedSeat() !== null;
    if (rejoining) {
      void this.enter();
      const connection = this.connection;
      await this.rejoinSettled(SESSION_AFTER_REJOIN_MAX_MS);
      await new Promise((resolve) => setTimeout(resolve, SESSION_AFTER_CONNECTED_MS));
      // Refused, failed or replaced meanwhile: that path has shown what to do.
      if (!connection || this.connection !== connection) return;
    }
    const outcome = await this.sessions.open(this.joinToken);
    if (outcome.kind === 'unavailable') {
      if (!rejoining) this.unavailable(outcome.retryAfterMs);
      return;
    }
    if (outcome.kind === 'refused') {
      const refusal = this.scheduleOpeningRetry(outcome.refusal);
      return refusal.early && this.joinToken ? this.early(refusal.early, refusal.autoRetry) : this.refuse(refusal);
    }
    this.joinToken = null;
    const { session } = outcome;
    // The citizen's call is over (ended for good, or the case finished and the appointment past): the link
    // leads to their documents page, not to the device check (the service only says so to citizens).
    if (session.documentsUrl && !rejoining) {
      location.assign(session.documentsUrl);
      return;
    }
    this.store.setState({
      appointment: session.appointment,
      self: { id: session.participant.id, name: session.participant.name, role: session.role },
      privacyUrl: session.privacyUrl ?? null,
      workplaceUrl: session.workplaceUrl ?? null,
      early: null,
      refusal: null,
    });
    this.useLanguage(pickLanguage(this.memory.language(), session.appointment.locale));
    if (rejoining) return;
    if (this.memory.joinedSeat() === seatOf(session)) return this.join();
    // A clerk goes straight into the call (issue 13: twenty calls a day, the same desk every time); the device
    // check opens on request in the call. A browser that cannot call still gets the page that explains why.
    if (session.role === 'clerk' && !callImpossible(browserAdvice())) return this.join();
    this.store.setState({ screen: 'prejoin' });
    void this.devices.open();
    void this.checks.run();
  }

  /**
   * Resolves once a re-join has got where it was going: seated outside the call (waiting room) or turned away,
   * or in the call with a connection to someone up (or failed); at the latest after `ms` (alone in the call).
   */
  private rejoinSettled(ms: number): Promise<void> {
    const settled = ({ screen, peers }: RoomState): boolean => {
      if (screen === 'loading' || screen === 'connecting') return false;
      return (
        screen !== 'call' ||
        Object.values(peers).some((peer) => peer.connection === 'connected' || peer.connection === 'failed')
      );
    };
    return new Promise((resolve) => {
      if (settled(this.store.getState())) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        stop();
        resolve();
      };
      const timer = setTimeout(done, ms);
      const stop = this.store.subscribe((state) => {
        if (settled(state)) done();
      });
    });
  }

  /**
   * The session could not be opened. When the service said when to come back (its limit on new sessions per
   * address was reached), the page says so and tries again by itself then; the link stays in memory.
   */
  private unavailable(retryAfterMs: number | null): void {
    if (retryAfterMs === null) {
      this.store.setState({ screen: 'unavailable' });
      return;
    }
    this.store.setState({ screen: 'unavailable', notice: 'noticeBusy' });
    // Spread out, so that everyone turned away in the same second does not come back in the same second.
    this.retryTimer = setTimeout(() => void this.establishSession(), retryAfterMs + Math.random() * 2000);
  }

  private scheduleOpeningRetry(refusal: Refusal): Refusal {
    if (refusal.reason !== 'not_yet_valid' || !this.joinToken || !refusal.opensAt) return refusal;
    const wait = Date.parse(refusal.opensAt) - Date.now();
    if (!(wait < AUTO_RETRY_LIMIT_MS)) return refusal;
    // A little after the opening, and never in a tight loop when this device's clock runs early.
    this.retryTimer = setTimeout(
      () => void this.establishSession(),
      Math.max(wait + 2000 + Math.random() * 3000, 15_000),
    );
    return { ...refusal, autoRetry: true };
  }

  /**
   * Opened before the room opens (issue 11, item 14): the device and connection check the mail promises,
   * with a countdown in the appointment's language; the opening retry (`scheduleOpeningRetry`) moves on.
   */
  private early(early: NonNullable<Refusal['early']>, autoRetry: boolean): void {
    // Opened hours ahead: look again in an hour, so that a page left open still moves on by itself.
    if (!autoRetry) this.retryTimer = setTimeout(() => void this.establishSession(), EARLY_RECHECK_MS);
    const first = this.store.getState().screen !== 'early';
    this.store.setState({ screen: 'early', early, refusal: null });
    this.useLanguage(pickLanguage(this.memory.language(), early.locale));
    if (!first) return;
    void this.devices.open();
    void this.checks.run();
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
        reentering: () => {
          this.call.links.closeAll();
          if (this.store.getState().screen === 'call') this.call.prepare();
        },
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

  /** What each server notification does (contract/signalling.ts). */
  private notificationHandlers(): Partial<ServerToClientEvents> {
    return {
      'room:snapshot': (snapshot) => this.applySnapshot(snapshot),
      'lobby:changed': ({ waiting }) => this.setWaiting(waiting),
      'lobby:message': (message) => {
        this.store.setState(({ lobbyMessages }) => ({ lobbyMessages: [...lobbyMessages, message] }));
        this.announce('announceLobbyMessage', { text: message.text });
      },
      // Replaces the earlier estimate; the region on the waiting screen is aria-live, so no extra announcement.
      'lobby:estimate': (estimate) => this.store.setState({ waitingEstimate: estimate }),
      'lobby:rejected': ({ message }) => this.stop('rejected', { rejectedMessage: message }),
      'session:replaced': () => this.stop('replaced'),
      'room:closed': ({ reason }) => this.stop('closed', { closedReason: reason }),
      ...this.call.notifications(),
      ...this.casework.notificationHandlers(),
    };
  }

  private applySnapshot(snapshot: RoomSnapshot): void {
    const before = this.store.getState().screen;
    const { self } = snapshot;
    this.store.setState({
      self: { id: self.id, name: self.name, role: self.role },
      appointment: snapshot.appointment,
      clerkPresent: snapshot.clerkPresent,
      lobbyMessages: snapshot.lobbyMessages ?? [],
      waitingEstimate: snapshot.waitingEstimate ?? null,
    });
    this.useLanguage(pickLanguage(this.memory.language(), snapshot.appointment.locale));
    if (snapshot.phase === 'waiting') {
      this.checks.reseat();
      this.memory.markInCall(false);
      this.call.close();
      this.call.release();
      const returned = before === 'call' || (before === 'waiting' && this.store.getState().returnedToLobby);
      this.store.setState({
        screen: 'waiting',
        waiting: [],
        chat: [],
        chatOpen: false,
        chatUnread: 0,
        screenShareAllowed: [],
        returnedToLobby: returned,
      });
      if (before === 'call') this.announce('announceReturned');
      return;
    }
    this.memory.markInCall(true, snapshot.media?.mode === 'sfu');
    this.store.setState({ screen: 'call', returnedToLobby: false });
    this.setWaiting(snapshot.waiting);
    if (before === 'waiting') this.announce('announceAdmitted');
    this.call.enter(snapshot);
    this.casework.entered();
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
    this.ladder.stop();
    this.call.close();
    this.call.release();
    this.connection?.close();
    this.connection = null;
    this.devices.stop();
    this.store.setState({
      reconnecting: false,
      waiting: [],
      admitting: [],
      chatOpen: false,
      chatUnread: 0,
      activeSpeaker: null,
    });
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
