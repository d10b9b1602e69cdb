/** The typed socket.io server and socket of the video service (maps from contract/signalling.ts). */
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '../contract/signalling.ts';

/** socket.io's slot for server-to-server events: none (cross-process delivery goes through rooms and the adapter). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type InterServerEvents = {};

export type VideoServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type VideoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
