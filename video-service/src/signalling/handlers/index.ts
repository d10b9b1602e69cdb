/** The dispatch table: one handler per request of contract/signalling.ts `ClientToServerEvents`. */
import type { HandlerTable } from './context.ts';
import { roomJoin } from './room-join.ts';
import { roomLeave } from './room-leave.ts';
import { roomEnd } from './room-end.ts';
import { lobbyAdmit } from './lobby-admit.ts';
import { lobbyMessage, lobbyReject, lobbyReturn } from './lobby-control.ts';
import { signalDescription, signalCandidate } from './signal.ts';
import { mediaState } from './media-state.ts';
import { mediaProbe } from './media-probe.ts';
import { lobbyNetwork } from './lobby-network.ts';
import { lobbyEstimate } from './lobby-estimate.ts';
import { chatSend, qualityReport, screenPermission } from './call-extras.ts';
import * as sfu from './sfu.ts';
import { CASEWORK_HANDLERS } from './casework/index.ts';

export const HANDLERS: HandlerTable = {
  'room:join': roomJoin,
  'room:leave': roomLeave,
  'room:end': roomEnd,
  'lobby:admit': lobbyAdmit,
  'lobby:reject': lobbyReject,
  'lobby:return': lobbyReturn,
  'lobby:message': lobbyMessage,
  'lobby:network': lobbyNetwork,
  'lobby:estimate': lobbyEstimate,
  'signal:description': signalDescription,
  'signal:candidate': signalCandidate,
  'media:state': mediaState,
  'media:probe': mediaProbe,
  'screen:permission': screenPermission,
  'quality:report': qualityReport,
  'chat:send': chatSend,
  'sfu:capabilities': sfu.sfuCapabilities,
  'sfu:createTransport': sfu.sfuCreateTransport,
  'sfu:connectTransport': sfu.sfuConnectTransport,
  'sfu:restartIce': sfu.sfuRestartIce,
  'sfu:produce': sfu.sfuProduce,
  'sfu:pauseProducer': sfu.sfuPauseProducer,
  'sfu:closeProducer': sfu.sfuCloseProducer,
  'sfu:producers': sfu.sfuProducers,
  'sfu:consume': sfu.sfuConsume,
  'sfu:resumeConsumer': sfu.sfuResumeConsumer,
  'sfu:setPreferredLayers': sfu.sfuSetPreferredLayers,
  ...CASEWORK_HANDLERS,
};
