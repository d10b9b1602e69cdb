/**
 * Everything the page does while it is admitted: the media connections (the peer-to-peer mesh, or the SFU
 * when the room runs one), the chat, the quality monitor, screen-share permissions, and the notifications
 * of the call. The RoomClient hands it each snapshot's call part and closes it when the call ends.
 */
import type {
  IceServerInfo,
  MediaSettings,
  RoomSnapshot,
  ServerToClientEvents,
} from '@virtuelles-amt/video-service/contract/signalling';
import type { MessageKey, MessageParams } from '../i18n/index.ts';
import type { LocalDevices } from '../media/local-devices.ts';
import { patchPeer, type MediaLinks } from '../media/media-links.ts';
import { PeerMesh } from '../media/peer-mesh.ts';
import { SfuLinks } from '../media/sfu-links.ts';
import type { RequestName, RequestPayload } from '../signalling/room-socket.ts';
import type { RoomState } from '../state.ts';
import type { Store } from '../store.ts';
import { Chat } from './chat.ts';
import type { Requester } from './clerk-actions.ts';
import { QualityMonitor } from './quality-monitor.ts';

export interface CallSessionOptions {
  store: Store<RoomState>;
  devices: LocalDevices;
  /** A request whose answer matters. */
  request: Requester;
  /** A request whose answer does not matter (signals, media state); dropped while disconnected. */
  send<E extends RequestName>(event: E, payload: RequestPayload<E>): void;
  announce(key: MessageKey, params?: MessageParams): void;
  /** Holds the page's re-renders while an offer or answer is made (see PeerLinkOptions.hold). */
  holdRenders?(): () => void;
}

export class CallSession {
  private readonly store: Store<RoomState>;
  private readonly options: CallSessionOptions;
  private readonly mesh: PeerMesh;
  private readonly sfu: SfuLinks;
  /** The mesh, or the SFU when the room runs one. */
  links: MediaLinks;
  readonly chat: Chat;
  private readonly quality: QualityMonitor;
  /** ICE servers of the last admission (memory only), so the connection check can test the relay. */
  iceServers: IceServerInfo[] = [];

  constructor(options: CallSessionOptions) {
    const { store } = options;
    this.store = store;
    this.options = options;
    this.mesh = new PeerMesh(
      store,
      {
        description: (to, description) => options.send('signal:description', { to, description }),
        candidate: (to, candidate) => options.send('signal:candidate', { to, candidate }),
      },
      options.holdRenders,
    );
    this.sfu = new SfuLinks(store, options.request);
    this.links = this.mesh;
    this.chat = new Chat(
      store,
      (key, params) => options.announce(key, params),
      (text) => options.request('chat:send', { text }),
    );
    this.quality = new QualityMonitor(
      store,
      () => this.links,
      (report) => options.send('quality:report', report),
    );
  }

  /** The admitted part of a snapshot: who is in the call, media settings, chat history, permissions. */
  enter(snapshot: RoomSnapshot): void {
    this.setPermissions(snapshot.screenShareAllowed ?? []);
    this.chat.reset(snapshot.chat ?? []);
    this.useLinks(snapshot.media);
    this.links.configure(snapshot.self.id, snapshot.media);
    this.links.sync(snapshot.participants);
    this.links.setOutgoing(this.options.devices.outgoing());
    this.quality.start();
    this.sendMediaState();
  }

  /** Makes the first peer connection ahead of the admission or re-join (see PeerMesh.prepare); not for the SFU. */
  prepare(): void {
    if (this.links === this.mesh) this.mesh.prepare();
  }

  /** Closes the connection made ahead (leaving for good). */
  release(): void {
    this.mesh.release();
  }

  /** Out of the call (sent back to the waiting room, left, closed): every connection closed. */
  close(): void {
    this.quality.stop();
    this.links.closeAll();
    this.options.devices.stopScreenShare();
  }

  /** Tells the others whether microphone, camera and screen share are on (only in the call). */
  sendMediaState(): void {
    if (this.store.getState().screen === 'call') this.options.send('media:state', this.options.devices.mediaState());
  }

  mayShareScreen(): boolean {
    const { self, screenShareAllowed } = this.store.getState();
    return self?.role === 'clerk' || (self !== null && screenShareAllowed.includes(self.id));
  }

  /** The notifications of the call (contract/signalling.ts). */
  notifications(): Partial<ServerToClientEvents> {
    const { announce } = this.options;
    return {
      'peer:joined': (peer) => {
        this.links.joined(peer);
        announce('announcePeerJoined', { name: peer.name });
        this.sendMediaState();
      },
      'peer:left': ({ id }) => {
        const peer = this.links.left(id);
        if (peer) announce('announcePeerLeft', { name: peer.name });
      },
      'peer:media': ({ id, ...state }) => this.links.mediaState(id, state),
      'peer:quality': ({ id, ...report }) => patchPeer(this.store, id, { quality: report }),
      'room:permissions': ({ screenShareAllowed }) => this.setPermissions(screenShareAllowed),
      'chat:message': (message) => this.chat.received(message),
      'signal:description': ({ from, description }) => this.mesh.description(from, description),
      'signal:candidate': ({ from, candidate }) => this.mesh.candidate(from, candidate),
      'sfu:newProducer': (producer) => this.sfu.newProducer(producer),
      'sfu:producerClosed': ({ producerId }) => this.sfu.producerClosed(producerId),
      'sfu:consumerClosed': ({ consumerId }) => this.sfu.consumerClosed(consumerId),
      'sfu:activeSpeaker': ({ participantId }) => this.store.setState({ activeSpeaker: participantId }),
      'sfu:restart': () => this.sfu.restart(),
    };
  }

  /** The SFU when the room runs one, otherwise the peer-to-peer mesh. */
  private useLinks(media: MediaSettings | null): void {
    if (media?.iceServers.length) this.iceServers = media.iceServers;
    const wanted = media?.mode === 'sfu' ? this.sfu : this.mesh;
    if (wanted !== this.mesh) this.mesh.release();
    if (wanted !== this.links) this.links.closeAll();
    this.links = wanted;
  }

  /** Who may share the screen; this participant hears when it changes for them (and stops sharing if withdrawn). */
  private setPermissions(allowed: string[]): void {
    const self = this.store.getState().self;
    const before = self !== null && this.store.getState().screenShareAllowed.includes(self.id);
    this.store.setState({ screenShareAllowed: allowed });
    const now = self !== null && allowed.includes(self.id);
    if (self?.role === 'clerk' || before === now) return;
    if (!now) this.options.devices.stopScreenShare();
    this.options.announce(now ? 'announceScreenShareAllowed' : 'announceScreenShareRevoked');
  }
}
