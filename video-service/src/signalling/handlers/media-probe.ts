/**
 * `media:probe` (anyone with a usable session, also before `room:join` and while waiting): short-lived ICE
 * servers for the connectivity check on the device-check page. Rate-limited per connection (event-limits.ts).
 */
import { probeMedia } from '../../rooms/media-probe.ts';
import type { Handler } from './context.ts';
import { emptyPayload, parsePayload } from './parse.ts';

export const mediaProbe: Handler<'media:probe'> = ({ socket, rooms }, payload) => {
  parsePayload(emptyPayload, payload);
  return probeMedia(rooms, { sessionId: socket.data.sessionId });
};
