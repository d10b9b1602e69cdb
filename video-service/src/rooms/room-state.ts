/**
 * Who is in a room right now: admitted participants with a connection, and waiting participants
 * (connected, or disconnected but still inside the lobby grace). Durable facts (admissions, waiting since,
 * chat, closed) live in the database; this is presence. A `Member` is plain JSON, so presence can live in
 * this process (one node) or in Redis (several nodes; see rooms/registry.ts and cluster/).
 */
import type { AppointmentInfo } from '../contract/join-token.ts';
import type { MediaState, NetworkCheck, ParticipantInfo, PeerInfo, WaitingEntry } from '../contract/signalling.ts';

export interface Member {
  participant: ParticipantInfo;
  /** The session the connection authenticated with. */
  sessionId: string;
  appointment: AppointmentInfo;
  /** End of the participant's session window (ms since epoch): TURN credentials never outlive it. */
  notAfter: number;
  /** The live connection; null only for a waiting participant inside the grace after a disconnect. */
  connectionId: string | null;
  /** The process holding the connection (cluster/node-id.ts). */
  node: string;
  phase: 'waiting' | 'admitted';
  /** Waiting since (ms since epoch, persisted in the lobby table); null once admitted. */
  since: number | null;
  /** When a waiting participant lost the connection (ms since epoch); null while connected. */
  disconnectedAt: number | null;
  media: MediaState;
  /** A waiting participant's connectivity check as their page reported it (`lobby:network`); null before. */
  network: NetworkCheck | null;
}

export const MEDIA_OFF: MediaState = { audio: false, video: false, screen: false };

export class RoomState {
  readonly id: string;
  readonly members: Map<string, Member>;

  constructor(id: string, members: Iterable<Member> = []) {
    this.id = id;
    this.members = new Map([...members].map((m) => [m.participant.id, m]));
  }

  /** Admitted participants with a live connection, optionally without one id. */
  admitted(exceptId?: string): Array<Member & { connectionId: string }> {
    return [...this.members.values()].filter(
      (m): m is Member & { connectionId: string } =>
        m.phase === 'admitted' && m.connectionId !== null && m.participant.id !== exceptId,
    );
  }

  /** Waiting participants (connected or inside the grace), oldest first. */
  waiting(): Member[] {
    return [...this.members.values()]
      .filter((m) => m.phase === 'waiting')
      .sort((a, b) => (a.since ?? 0) - (b.since ?? 0));
  }

  /** Connected admitted clerks. */
  clerks(): Array<Member & { connectionId: string }> {
    return this.admitted().filter((m) => m.participant.role === 'clerk');
  }

  clerkPresent(): boolean {
    return this.clerks().length > 0;
  }

  waitingEntries(): WaitingEntry[] {
    return this.waiting().map((m) => ({
      ...m.participant,
      since: new Date(m.since ?? 0).toISOString(),
      connected: m.connectionId !== null,
      network: m.network ?? null,
    }));
  }

  peers(exceptId?: string): PeerInfo[] {
    return this.admitted(exceptId).map(peerInfo);
  }
}

export function peerInfo(member: Member): PeerInfo {
  return { ...member.participant, media: { ...member.media } };
}
