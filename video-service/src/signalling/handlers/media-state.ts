/**
 * `media:state` (admitted participants only): microphone, camera and screen share on/off, shared with the
 * others. `screen: true` needs the clerk's permission (clerks always may).
 */
import { z } from 'zod';
import { shareMediaState } from '../../rooms/relay.ts';
import { senderOf, type Handler } from './context.ts';
import { parsePayload } from './parse.ts';

const schema = z.object({ audio: z.boolean(), video: z.boolean(), screen: z.boolean().optional() });

export const mediaState: Handler<'media:state'> = async ({ socket, rooms }, payload) => {
  await shareMediaState(rooms, senderOf(socket), parsePayload(schema, payload));
  return null;
};
