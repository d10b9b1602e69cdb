/**
 * One case client per room client, shared by the panel and the pieces of casework shown over the call
 * (the ID check's step), and kept across re-renders and panel toggles.
 */
import type { RoomClient } from '../../room-client.ts';
import { CaseClient } from './case-client.ts';

const clients = new WeakMap<RoomClient, CaseClient>();

export function caseClientOf(client: RoomClient): CaseClient {
  let cases = clients.get(client);
  if (!cases) {
    cases = new CaseClient(client.casework);
    clients.set(client, cases);
  }
  return cases;
}
