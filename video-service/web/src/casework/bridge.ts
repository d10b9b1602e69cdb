/**
 * The small part of casework that lives in the initial page: it passes the casework notifications of the
 * room's socket and the moments the participant (re)enters the call to the lazily loaded casework panel
 * (`casework/panel/`), and lends it the socket's request function and the session token. Everything else
 * of casework — forms, ID check, signing, files — is a lazy chunk loaded when the call view opens.
 */
import type { CaseworkServerToClientEvents } from '@virtuelles-amt/video-service/contract/casework';
import type { PeerChannels } from '../media/media-links.ts';
import type { DataOf, RequestName, RequestPayload } from '../signalling/room-socket.ts';

export type CaseworkEvent = keyof CaseworkServerToClientEvents;
export const CASEWORK_EVENTS: readonly CaseworkEvent[] = [
  'case:agenda',
  'form:field',
  'form:presence',
  'form:status',
  'idcheck:state',
  'idcheck:stillRequested',
  'idcheck:stillChunk',
  'idcheck:stillAnswer',
  'document:updated',
  'sign:presence',
  'file:added',
  'case:finished',
  'payment',
];

/** What the panel hears: a notification, or `entered` (admitted or re-seated: call `case:open` again). */
export type CaseworkSignal = { kind: 'entered' } | { kind: 'notification'; event: CaseworkEvent; payload: unknown };

export interface CaseworkBridgeOptions {
  request<E extends RequestName>(event: E, payload: RequestPayload<E>): Promise<DataOf<E>>;
  sessionToken(): string | null;
  baseUrl: string;
  /** Data channels to the other participants (peer-to-peer calls only). */
  channels?: PeerChannels;
  /** This device's camera track, if it sends one (the ID check's full-resolution stills). */
  cameraTrack?(): MediaStreamTrack | null;
}

export class CaseworkBridge {
  private readonly listeners = new Set<(signal: CaseworkSignal) => void>();
  private readonly options: CaseworkBridgeOptions;
  /** How many times the participant entered the call (the panel compares it to know it must reopen). */
  entries = 0;

  constructor(options: CaseworkBridgeOptions) {
    this.options = options;
  }

  /** A casework request over the room's socket (rejects with RequestError). */
  request<E extends RequestName>(event: E, payload: RequestPayload<E>): Promise<DataOf<E>> {
    return this.options.request(event, payload);
  }

  /** The session token for the casework HTTP routes (`Authorization: Bearer`). */
  sessionToken(): string | null {
    return this.options.sessionToken();
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  /** Peer-to-peer data channels (undefined without a mesh). */
  get channels(): PeerChannels | undefined {
    return this.options.channels;
  }

  cameraTrack(): MediaStreamTrack | null {
    return this.options.cameraTrack?.() ?? null;
  }

  /** Registers a listener; returns the function that removes it. */
  listen(listener: (signal: CaseworkSignal) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** RoomClient: the participant is (again) in the call. */
  entered(): void {
    this.entries += 1;
    this.emit({ kind: 'entered' });
  }

  /** RoomClient: the socket handlers for every casework notification. */
  notificationHandlers(): Partial<CaseworkServerToClientEvents> {
    const handlers: Record<string, (payload: unknown) => void> = {};
    for (const event of CASEWORK_EVENTS)
      handlers[event] = (payload) => this.emit({ kind: 'notification', event, payload });
    return handlers as Partial<CaseworkServerToClientEvents>;
  }

  private emit(signal: CaseworkSignal): void {
    for (const listener of [...this.listeners]) listener(signal);
  }
}
