/**
 * Casework notifications over socket.io. A connection joins the socket.io room `casework:<room>` when it
 * opens the case (admitted participants only); every notification re-checks admission, so someone sent
 * back to the lobby receives nothing more (and leaves the room). Works across processes with the Redis
 * adapter (`fetchSockets` reaches remote sockets). Until `attach(io)`, nothing is sent.
 */
import type { Server } from 'socket.io';
import type { CaseEvent, CaseNotifier, CasePayload, AdmissionPort, Recipient } from '../../../casework/ports.ts';
import type { SocketData } from '../../../contract/signalling.ts';

export const caseRoomOf = (room: string) => `casework:${room}`;

export class SocketCaseNotifier implements CaseNotifier {
  readonly #admissions: AdmissionPort;
  #io: Server | undefined;

  constructor(admissions: AdmissionPort) {
    this.#admissions = admissions;
  }

  attach(io: Server): void {
    this.#io = io;
  }

  async send<E extends CaseEvent>(
    room: string,
    event: E,
    payloadFor: (recipient: Recipient) => CasePayload<E> | null,
  ): Promise<number> {
    const io = this.#io;
    if (!io) return 0;
    let reached = 0;
    const sockets = await io.in(caseRoomOf(room)).fetchSockets();
    const admitted = new Map<string, boolean>();
    for (const socket of sockets) {
      const data = socket.data as Partial<SocketData>;
      const participant = data.participant;
      if (!participant || data.room !== room) continue;
      if (participant.role !== 'clerk') {
        if (!admitted.has(participant.id))
          admitted.set(participant.id, await this.#admissions.isAdmitted(room, participant.id));
        if (!admitted.get(participant.id)) {
          socket.leave(caseRoomOf(room));
          continue;
        }
      }
      const payload = payloadFor({ id: participant.id, role: participant.role });
      if (payload === null) continue;
      socket.emit(event, payload);
      reached += 1;
    }
    return reached;
  }
}
