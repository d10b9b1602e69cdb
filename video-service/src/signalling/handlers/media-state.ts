/** `media:state` (admitted participants only): microphone and camera on/off, shared with the others. */
import { z } from 'zod';
import { shareMediaState } from '../../rooms/relay.ts';
import { senderOf, type Handler } from './context.ts';
import { parsePayload } from './parse.ts';

const schema = z.object({ audio: z.boolean(), video: z.boolean() });

export const mediaState: Handler<'media:state'> = ({ socket, rooms }, payload) => {
  shareMediaState(rooms, senderOf(socket), parsePayload(schema, payload));
  return null;
};
