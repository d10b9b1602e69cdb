/**
 * `signal:description` and `signal:candidate` (admitted participants only): WebRTC perfect negotiation
 * between two admitted participants of the same room. Sizes are bounded; unknown fields are dropped.
 */
import { z } from 'zod';
import { relaySignal } from '../../rooms/relay.ts';
import { senderOf, type Handler } from './context.ts';
import { parsePayload, participantId } from './parse.ts';

const descriptionSchema = z.object({
  to: participantId,
  description: z.object({
    type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
    sdp: z.string().max(200_000).optional(),
  }),
});

const candidateSchema = z.object({
  to: participantId,
  candidate: z
    .object({
      candidate: z.string().max(4096),
      sdpMid: z.string().max(256).nullish(),
      sdpMLineIndex: z.number().int().min(0).max(1024).nullish(),
      usernameFragment: z.string().max(256).nullish(),
    })
    .nullable(),
});

export const signalDescription: Handler<'signal:description'> = async ({ socket, rooms }, payload) => {
  const { to, description } = parsePayload(descriptionSchema, payload);
  await relaySignal(rooms, senderOf(socket), to, { kind: 'description', description });
  return null;
};

export const signalCandidate: Handler<'signal:candidate'> = async ({ socket, rooms }, payload) => {
  const { to, candidate } = parsePayload(candidateSchema, payload);
  await relaySignal(rooms, senderOf(socket), to, { kind: 'candidate', candidate });
  return null;
};
