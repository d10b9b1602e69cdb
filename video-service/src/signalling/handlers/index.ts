/** The dispatch table: one handler per request of contract/signalling.ts `ClientToServerEvents`. */
import type { HandlerTable } from './context.ts';
import { roomJoin } from './room-join.ts';
import { roomLeave } from './room-leave.ts';
import { lobbyAdmit } from './lobby-admit.ts';
import { signalDescription, signalCandidate } from './signal.ts';
import { mediaState } from './media-state.ts';

export const HANDLERS: HandlerTable = {
  'room:join': roomJoin,
  'room:leave': roomLeave,
  'lobby:admit': lobbyAdmit,
  'signal:description': signalDescription,
  'signal:candidate': signalCandidate,
  'media:state': mediaState,
};
