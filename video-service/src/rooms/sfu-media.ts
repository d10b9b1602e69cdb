/**
 * SFU requests of admitted participants (`sfu:*`): every request is checked against the caller's seat
 * (admitted, this connection) and the room's media mode, then handed to the SFU for the caller's own
 * participant id, so nobody can touch another participant's transports, producers or consumers.
 * Sharing the screen needs the clerk's permission.
 */
import type { SfuConsumerOptions, SfuProducerInfo, SfuTransportOptions } from '../contract/sfu.ts';
import { Forbidden, InvalidState } from '../errors.ts';
import { mediaSettingsFor } from '../media/turn.ts';
import { nowOf, type RoomDeps } from './deps.ts';
import type { SfuListener, SfuPort } from './ports.ts';
import { admittedSender, type Sender } from './relay.ts';
import { mayShareScreen } from './screen-permission.ts';

/**
 * The SFU while calls use it, or `InvalidState`: the service runs peer-to-peer, or (MEDIA_MODE=auto) every
 * worker was given up and new calls fell back to peer-to-peer (ADR 0175).
 */
function runningSfu(deps: RoomDeps): SfuPort {
  if (!deps.sfu || deps.media.mode !== 'sfu')
    throw new InvalidState('This service runs peer-to-peer; there is no SFU.');
  return deps.sfu;
}

/** The SFU for an admitted caller, or `InvalidState` when the service runs peer-to-peer. */
export async function sfuFor(
  deps: RoomDeps,
  from: Sender,
): Promise<{ sfu: SfuPort; room: string; participantId: string }> {
  await admittedSender(deps, from);
  return { sfu: runningSfu(deps), room: from.room, participantId: from.participantId };
}

export async function createSfuTransport(
  deps: RoomDeps,
  from: Sender,
  input: Parameters<SfuPort['createTransport']>[2],
): Promise<SfuTransportOptions> {
  const { member } = await admittedSender(deps, from);
  const transport = await runningSfu(deps).createTransport(from.room, from.participantId, input);
  const settings = mediaSettingsFor({
    mode: 'sfu',
    turn: deps.media.turn,
    participantId: from.participantId,
    notAfter: new Date(member.notAfter),
    now: nowOf(deps),
  });
  return { ...transport, iceServers: settings.iceServers, iceTransportPolicy: settings.iceTransportPolicy };
}

export async function produceSfu(
  deps: RoomDeps,
  from: Sender,
  input: Parameters<SfuPort['produce']>[2],
): Promise<{ producerId: string }> {
  const { member } = await admittedSender(deps, from);
  const sfu = runningSfu(deps);
  if (input.source === 'screen' && !(await mayShareScreen(deps, from.room, member.participant))) {
    throw new Forbidden('The clerk has not allowed you to share your screen.');
  }
  if ((input.source === 'microphone') !== (input.kind === 'audio'))
    throw new InvalidState('The source does not match the kind of track.');
  return { producerId: await sfu.produce(from.room, from.participantId, input) };
}

export async function consumeSfu(
  deps: RoomDeps,
  from: Sender,
  input: Parameters<SfuPort['consume']>[2],
): Promise<SfuConsumerOptions> {
  const { sfu, room, participantId } = await sfuFor(deps, from);
  return sfu.consume(room, participantId, input);
}

export async function listSfuProducers(deps: RoomDeps, from: Sender): Promise<SfuProducerInfo[]> {
  const { sfu, room, participantId } = await sfuFor(deps, from);
  return sfu.producers(room, participantId);
}

/**
 * Turns the SFU's reports into notifications for admitted participants of the room. `deps` is read late
 * (the SFU is built before the room dependencies that contain it).
 */
export function sfuNotifications(deps: () => RoomDeps): SfuListener {
  const admitted = async (room: string) => (await deps().registry.peek(room)).admitted();
  const safely = (work: Promise<void>) => void work.catch(() => undefined);
  return {
    producerAdded(room, producer) {
      safely(
        admitted(room).then((ms) =>
          ms
            .filter((m) => m.participant.id !== producer.participantId)
            .forEach((m) => deps().notifier.send(m.connectionId, 'sfu:newProducer', producer)),
        ),
      );
    },
    producerClosed(room, producer) {
      safely(
        admitted(room).then((ms) =>
          ms
            .filter((m) => m.participant.id !== producer.participantId)
            .forEach((m) => deps().notifier.send(m.connectionId, 'sfu:producerClosed', producer)),
        ),
      );
    },
    consumerClosed(room, participantId, consumerId) {
      safely(
        admitted(room).then((ms) =>
          ms
            .filter((m) => m.participant.id === participantId)
            .forEach((m) => deps().notifier.send(m.connectionId, 'sfu:consumerClosed', { consumerId })),
        ),
      );
    },
    consumerPaused(room, participantId, consumerId, paused) {
      safely(
        admitted(room).then((ms) =>
          ms
            .filter((m) => m.participant.id === participantId)
            .forEach((m) => deps().notifier.send(m.connectionId, 'sfu:consumerPaused', { consumerId, paused })),
        ),
      );
    },
    mediaLost(room) {
      safely(
        admitted(room).then((ms) =>
          ms.forEach((m) => deps().notifier.send(m.connectionId, 'sfu:restart', { reason: 'worker_died' })),
        ),
      );
    },
    activeSpeaker(room, participantId) {
      safely(
        admitted(room).then((ms) =>
          ms.forEach((m) => deps().notifier.send(m.connectionId, 'sfu:activeSpeaker', { participantId })),
        ),
      );
    },
  };
}
