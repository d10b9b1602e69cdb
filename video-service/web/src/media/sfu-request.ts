/**
 * How the SFU code sends a signalling request. Its own file: sfu-links.ts (initial code) and sfu-engine.ts
 * (the lazy chunk) both use it, and sfu-links.ts already names the engine, so neither imports the other back.
 */
import type { DataOf, RequestName, RequestPayload } from '../signalling/room-socket.ts';

export type SfuRequest = <E extends RequestName>(event: E, payload: RequestPayload<E>) => Promise<DataOf<E>>;
